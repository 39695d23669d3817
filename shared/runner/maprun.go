package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
)

// Map run statuses, as DescribeMapRun names them.
const (
	MapRunRunning   = "RUNNING"
	MapRunSucceeded = "SUCCEEDED"
	MapRunFailed    = "FAILED"
	MapRunAborted   = "ABORTED"
)

// mapRun is a Distributed Map's run, kept in its parent execution's state
// (a few hundred bytes, whatever the item count). Its child executions are
// executions of the state machine SMName (<machine>/<label or run id>).
type mapRun struct {
	ARN       string       `json:"arn"`
	SMName    string       `json:"smName"`
	ExecType  string       `json:"execType"`
	DefKey    string       `json:"defKey"` // payload: the children's definition
	Frame     string       `json:"frame"`  // the Map's frame while it runs
	Status    string       `json:"status"`
	StartDate time.Time    `json:"startDate"`
	StopDate  time.Time    `json:"stopDate,omitzero"`
	MaxConc   int          `json:"maxConc"`
	TolPct    float64      `json:"tolPct,omitempty"`
	TolCount  int64        `json:"tolCount,omitempty"`
	Counts    MapRunCounts `json:"counts"`
	// Items counts the items (batched children hold several).
	Items MapRunCounts `json:"items"`
	// Writer is the Map's resolved ResultWriter, if any.
	Writer *jv `json:"writer,omitempty"`
	// Redo: the run ended unsuccessfully and a redrive resumes it.
	Redo         *mapRedo  `json:"redo,omitempty"`
	RedriveCount int       `json:"redriveCount,omitempty"`
	RedriveDate  time.Time `json:"redriveDate,omitzero"`
	// Batched: the children take batches of items (an ItemBatcher).
	Batched bool `json:"batched,omitempty"`
}

// MapRunCounts are a map run's children by status.
type MapRunCounts struct {
	Total, Running, Succeeded, Failed, TimedOut, Aborted, ResultsWritten int64
}

// Pending counts the children not started yet.
func (c MapRunCounts) Pending() int64 {
	return c.Total - c.Running - c.Succeeded - c.Failed - c.TimedOut - c.Aborted
}

// MapRun is a map run as the API shows it.
type MapRun struct {
	ARN, ExecutionARN, StateMachineARN string
	Status                             string
	StartDate, StopDate                time.Time
	MaxConcurrency                     int
	ToleratedFailurePercentage         float64
	ToleratedFailureCount              int64
	Counts                             MapRunCounts
	// ItemCounts count items where Counts count child executions.
	ItemCounts MapRunCounts
	// RedriveCount counts the run's redrives, the last at RedriveDate.
	RedriveCount int
	RedriveDate  time.Time
	// Batched: each child's input holds a batch of items (its Items).
	Batched bool
}

// mapRunIndexKey names the payload that maps a map run to its execution.
func mapRunIndexKey(mapRunARN string) string { return "maprun#" + mapRunARN }

// beginMapRun records the run of a Distributed Map entering frame parent:
// its MapRunStarted event, its record, and its children's definition.
func (t *tx) beginMapRun(ctx context.Context, parent *frame, f interp.Fork, fs *forkState) error {
	d := f.Distributed
	id := childName(t.st.Secret + "|maprun|" + parent.ID + "@" + fmt.Sprint(parent.Version))
	label := d.Label
	if label == "" {
		label = id
	}
	run := &mapRun{
		SMName: t.st.SMName + "/" + label, ExecType: d.ExecutionType, DefKey: definitionKey(d.Definition),
		Frame: parent.ID, Status: MapRunRunning, StartDate: t.now, MaxConc: f.MaxConcurrency,
		TolPct: d.ToleratedFailurePercentage, TolCount: d.ToleratedFailureCount, Batched: d.Batched,
		Counts: MapRunCounts{Total: int64(fs.Total)},
	}
	run.ARN = t.r.opts.Scope.MapRun(run.SMName, id)
	if d.ResultWriter != nil {
		run.Writer = &jv{d.ResultWriter}
	}
	if err := t.r.storeDefinition(ctx, run.DefKey, d.Definition); err != nil {
		return err
	}
	if err := t.r.opts.Store.PutPayload(ctx, mapRunIndexKey(run.ARN), []byte(t.ex.ARN)); err != nil {
		return fmt.Errorf("index map run %s: %w", run.ARN, err)
	}
	if err := t.indexMapMachine(ctx, run); err != nil {
		return err
	}
	t.st.MapRuns = append(t.st.MapRuns, run)
	fs.MapRun = run.ARN
	parent.Rec.LastEventID = t.record(history.New(history.MapRunStarted, "mapRunArn", run.ARN), parent.Rec.LastEventID)
	return nil
}

// mapRun finds a run of this execution.
func (t *tx) mapRun(arn string) *mapRun {
	for _, run := range t.st.MapRuns {
		if run.ARN == arn {
			return run
		}
	}
	return nil
}

// countChild moves a finished child from running to its status.
func (run *mapRun) countChild(res interp.ChildResult, items int) {
	run.Counts.count(res, 1)
	run.Items.count(res, int64(max(items, 1)))
}

func (c *MapRunCounts) count(res interp.ChildResult, n int64) {
	c.Running -= n
	switch {
	case !res.Failed:
		c.Succeeded += n
	case res.Error == asl.ErrorTimeout:
		c.TimedOut += n
	default:
		c.Failed += n
	}
}

// countItems sets the run's item total from its children.
func (run *mapRun) countItems(children []interp.Child) {
	for _, c := range children {
		run.Items.Total += int64(max(c.Items, 1))
	}
}

// endMapRun records the run's end before its Map resumes with the results.
func (t *tx) endMapRun(parent *frame, fs *forkState) {
	run := t.mapRun(fs.MapRun)
	if run == nil {
		return
	}
	// Children still running were stopped as the run failed.
	run.Counts.Aborted += run.Counts.Running
	run.Items.Aborted += run.Items.Running
	run.StopDate, run.Frame, run.Counts.Running, run.Items.Running = t.now, "", 0, 0
	// The results of the finished children are the Map's output.
	if run.Writer == nil {
		run.Counts.ResultsWritten = run.Counts.Succeeded + run.Counts.Failed + run.Counts.TimedOut
	}
	run.Items.ResultsWritten = run.Items.Succeeded + run.Items.Failed + run.Items.TimedOut
	if f := fs.Failure; f != nil {
		run.Status = MapRunFailed
		t.keepRedo(run, parent, fs)
		parent.Rec.LastEventID = t.record(history.New(history.MapRunFailed, "error", f.Error, "cause", f.Cause), parent.Rec.LastEventID)
		return
	}
	if fs.Failed > fs.Tolerated {
		run.Status = MapRunFailed
		t.keepRedo(run, parent, fs)
		parent.Rec.LastEventID = t.record(history.New(history.MapRunFailed,
			"error", asl.ErrorExceedToleratedFailure, "cause", "The specified tolerated failure threshold was exceeded"), parent.Rec.LastEventID)
		return
	}
	run.Status = MapRunSucceeded
	parent.Rec.LastEventID = t.record(history.New(history.MapRunSucceeded), parent.Rec.LastEventID)
}

// abortMapRuns marks the running map runs aborted when their execution
// ends (stop, timeout, failure).
func (t *tx) abortMapRuns() {
	for _, run := range t.st.MapRuns {
		if run.Status == MapRunRunning {
			t.abortMapRun(run, t.st.Frames[run.Frame])
		}
	}
}

// abortMapRun marks run, of Map frame f, aborted and stops its children:
// its execution ended, or the branch or iteration holding the Map was
// dropped. A redrive resumes it.
func (t *tx) abortMapRun(run *mapRun, f *frame) {
	if f != nil && f.Fork != nil {
		markUnfinished(f.Fork)
		t.keepRedo(run, f, f.Fork)
		t.stopSlots(f.Fork)
	}
	run.Status, run.StopDate, run.Frame = MapRunAborted, t.now, ""
	run.Counts.Aborted += run.Counts.Running
	run.Items.Aborted += run.Items.Running
	run.Counts.Running, run.Items.Running = 0, 0
}

func (run *mapRun) view(executionARN string, r *Runner) MapRun {
	v := MapRun{
		ARN: run.ARN, ExecutionARN: executionARN, StateMachineARN: r.opts.Scope.StateMachine(run.SMName),
		Status: run.Status, StartDate: run.StartDate, StopDate: run.StopDate, MaxConcurrency: run.MaxConc,
		ToleratedFailurePercentage: run.TolPct, ToleratedFailureCount: run.TolCount, Counts: run.Counts,
		ItemCounts: run.Items, RedriveCount: run.RedriveCount, RedriveDate: run.RedriveDate, Batched: run.Batched,
	}
	if run.Items.Total == 0 {
		v.ItemCounts = run.Counts // a run recorded before items were counted
	}
	return v
}

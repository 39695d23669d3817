package runner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Redriving a map run (AWS: redriving the parent redrives its failed Map
// Run): the items whose children did not succeed run again, in the same
// run, and the others keep their results. A failed Standard child is
// redriven itself, a failed Express child is started again as a new
// execution (see mapattempts.go); an item never started gets its child
// now. A Map at the top level resumes its run as the execution is
// redriven; a Map nested in a Parallel or Map resumes its run when the
// redriven branch or iteration enters it again (see nestedRedoRun).

// mapRedo is what a run that ended unsuccessfully keeps for a redrive.
type mapRedo struct {
	Frame string `json:"frame"` // the Map's frame
	State string `json:"state"` // the Map's state
	// Path places a nested Map in its execution (see framePath): its frame
	// gets a new id as its branch or iteration runs again.
	Path string `json:"path,omitempty"`
	// Attempt is the execution's redrive count when the run ended: only a
	// later attempt resumes it (a Retry of the Map starts a new run).
	Attempt int `json:"attempt,omitempty"`
	// Fork is the run's fork as it ended; its Unfinished items run again.
	Fork *forkState `json:"fork"`
}

// markUnfinished adds a map run fork's running and unstarted items to its
// unfinished ones (its failed ones are added as they fail).
func markUnfinished(fs *forkState) {
	for i := range fs.Slots {
		fs.Unfinished.set(i)
	}
	markUnstarted(fs)
}

// markUnstarted adds the children a fork has yet to start to its
// unfinished ones: in a redriven fork, those it runs again.
func markUnstarted(fs *forkState) {
	for i := fs.Next; i < fs.Total; i++ {
		if fs.Redo == nil || i >= fs.RedoEnd || fs.Redo.has(i) {
			fs.Unfinished.set(i)
		}
	}
}

// keepRedo keeps a run's fork for a redrive of its execution.
func (t *tx) keepRedo(run *mapRun, parent *frame, fs *forkState) {
	cp := *fs
	cp.Slots, cp.Results, cp.Redo = nil, nil, nil
	run.Redo = &mapRedo{Frame: parent.ID, State: parent.Rec.State, Path: t.framePath(parent), Attempt: t.ex.RedriveCount, Fork: &cp}
}

// framePath names where frame f stands in its execution, the same in every
// attempt: each frame's index in its parent's fork and its state, from the
// root down.
func (t *tx) framePath(f *frame) string {
	var parts []string
	for f != nil {
		parts = append(parts, strconv.Itoa(f.Index)+":"+f.Rec.Machine+"#"+f.Rec.State)
		if f.Parent == "" {
			break
		}
		f = t.st.Frames[f.Parent]
	}
	slices.Reverse(parts)
	return strings.Join(parts, "/")
}

// nestedRedoRun is the run that nested Map frame f, entered again by a
// redriven branch or iteration, resumes, if any.
func (t *tx) nestedRedoRun(f *frame) *mapRun {
	if f.ID == rootFrame || t.ex.RedriveCount == 0 {
		return nil // a top-level run is resumed by Redrive itself
	}
	path := t.framePath(f)
	for i := len(t.st.MapRuns) - 1; i >= 0; i-- {
		run := t.st.MapRuns[i]
		if run.Redo != nil && run.Redo.Path == path && run.Redo.Attempt < t.ex.RedriveCount {
			return run
		}
	}
	return nil
}

// redoRun is the run that a redrive of root resumes, if any.
func (t *tx) redoRun(root *frame) *mapRun {
	for i := len(t.st.MapRuns) - 1; i >= 0; i-- {
		run := t.st.MapRuns[i]
		if run.Redo != nil && run.Redo.Frame == root.ID && run.Redo.State == root.Rec.State && root.Rec.Machine == "" {
			return run
		}
	}
	return nil
}

// redriveMapRun resumes run in root: its unfinished items run again.
func (t *tx) redriveMapRun(ctx context.Context, root *frame, run *mapRun) error {
	fs := run.Redo.Fork
	fs.Redo, fs.Unfinished, fs.RedoEnd = fs.Unfinished, nil, fs.Total
	fs.Next, fs.Running, fs.Failed, fs.Slots, fs.Failure, fs.Joining = 0, 0, 0, nil, nil, false
	if fs.Reader == nil {
		fs.Reader = fs.Unread // the items not read yet are read now
	}
	fs.Unread = nil
	if fs.Reader != nil {
		fs.Tolerated = readingTolerance(run)
	}
	root.Fork, root.Rec.Phase = fs, interp.PhaseForked
	run.Redo, run.Status, run.Frame, run.StopDate = nil, MapRunRunning, root.ID, time.Time{}
	run.RedriveCount++
	run.RedriveDate = t.now
	if err := t.keepExpressRedo(ctx, run, fs); err != nil {
		return err
	}
	run.Counts.reopen()
	run.Items.reopen()
	ev := history.New(history.MapRunRedriven, "mapRunArn", run.ARN, "redriveCount", jsonval.NumberFromInt(int64(run.RedriveCount)))
	root.Rec.LastEventID = t.record(ev, root.Rec.LastEventID)
	return t.advance(ctx, root)
}

// reopen counts the unsuccessful children of a run as pending again.
func (c *MapRunCounts) reopen() {
	c.Running, c.Failed, c.TimedOut, c.Aborted, c.ResultsWritten = 0, 0, 0, 0, 0
}

// redriveChild redrives the existing child of item i of a redriven run.
// One that cannot be (running, succeeded, its history full) is left to
// report its end as it is.
func (t *tx) redriveChild(ctx context.Context, run *mapRun, i int) error {
	arn := t.r.mapChildARN(run, t.mapChildName(run, i))
	if _, err := t.r.Redrive(ctx, arn); err != nil && !errors.Is(err, ErrNotRedrivable) {
		return fmt.Errorf("redrive child %d of map run %s: %w", i, run.ARN, err)
	}
	return nil
}

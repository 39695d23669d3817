package runner

import (
	"context"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
)

// Execution statuses, as AWS names them.
const (
	StatusRunning   = "RUNNING"
	StatusSucceeded = "SUCCEEDED"
	StatusFailed    = "FAILED"
	StatusTimedOut  = "TIMED_OUT"
	StatusAborted   = "ABORTED"
)

// rootFrame is the id of the execution's top-level frame.
const rootFrame = "r"

// fork parks the parent and starts its first children.
func (t *tx) fork(ctx context.Context, parent *frame, f interp.Fork) error {
	parent.Version++
	if f.Distributed != nil {
		if run := t.nestedRedoRun(parent); run != nil {
			if err := t.stash(ctx, parent); err != nil {
				return err
			}
			return t.redriveMapRun(ctx, parent, run)
		}
	}
	fs := &forkState{Total: len(f.Children), MaxConc: f.MaxConcurrency, Tolerated: f.ToleratedFailures}
	if f.Distributed != nil {
		fs.MaxConc = mapRunConcurrency(f.MaxConcurrency)
	} else if fs.MaxConc <= 0 || fs.MaxConc > t.r.opts.DefaultMaxConcurrency {
		fs.MaxConc = t.r.opts.DefaultMaxConcurrency
	}
	if len(f.Children) > 0 {
		fs.Outer = wrapVars(f.Children[0].Record.Vars.Outer)
	}
	parent.Fork = fs
	if f.Distributed != nil {
		if err := t.beginMapRun(ctx, parent, f, fs); err != nil {
			return err
		}
		run := t.mapRun(fs.MapRun)
		run.countItems(f.Children)
		if f.Reader != nil {
			fs.Reader, fs.Paged, fs.Tolerated = readerFrom(f.Reader), true, readingTolerance(run)
		}
	}
	if err := t.storeChildren(ctx, parent, f.Children); err != nil {
		return err
	}
	if err := t.stash(ctx, parent); err != nil {
		return err
	}
	return t.advance(ctx, parent)
}

// advance starts what children it may, and joins when none is left.
func (t *tx) advance(ctx context.Context, parent *frame) error {
	if err := t.startChildren(ctx, parent); err != nil {
		return err
	}
	fs := parent.Fork
	if fs != nil && fs.Running == 0 && fs.Next >= fs.Total && fs.Reader == nil && !fs.Joining {
		return t.endFork(ctx, parent)
	}
	return nil
}

// endFork joins the parent, a map run's in a step of its own (see
// joinSoon).
func (t *tx) endFork(ctx context.Context, parent *frame) error {
	if parent.Fork.MapRun != "" {
		t.joinSoon(parent)
		return nil
	}
	return t.join(ctx, parent)
}

// joinSoon has a map run's parent join in a step of its own. The join
// reads every child's record and may write the results to S3: in the
// commit of a child's end, it would lose every race against the ends of
// the children still reporting, and run again after each, while the run
// went on starting children.
func (t *tx) joinSoon(parent *frame) {
	parent.Fork.Joining = true
	parent.Version++
	t.send(parent, queue.KindStep, time.Time{})
}

// startChildren starts pending children up to the concurrency limit,
// reading a paged map run's next page when it has started all it has. A
// page that fails joins the parent (parent.Fork is then nil).
func (t *tx) startChildren(ctx context.Context, parent *frame) error {
	fs := parent.Fork
	for fs.Running < fs.MaxConc && (fs.Next < fs.Total || fs.Reader != nil) {
		if fs.Next == fs.Total {
			if err := t.readPage(ctx, parent); err != nil || parent.Fork == nil {
				return err
			}
			continue
		}
		if fs.Redo != nil && fs.Next < fs.RedoEnd && !fs.Redo.has(fs.Next) {
			fs.Next++ // a redriven run's item that succeeded before
			continue
		}
		c, err := t.child(ctx, fs, fs.Next)
		if err != nil {
			return err
		}
		fs.Next++
		fs.Running++
		if fs.MapRun != "" {
			if err := t.startMapChild(ctx, fs, c); err != nil {
				return err
			}
			continue
		}
		t.st.NextFrame++
		child := &frame{ID: parent.ID + "." + strconv.Itoa(t.st.NextFrame), Parent: parent.ID, Index: c.Index, Version: 1, Rec: decodeRecord(c.Rec)}
		child.Rec.Vars.Outer = unwrapVars(fs.Outer)
		if rd := fs.Resume[c.Index]; rd != nil && fs.Redo != nil {
			delete(fs.Resume, c.Index)
			if err := t.resumeChild(ctx, child, rd); err != nil {
				return err
			}
			child.Rec.LastEventID = parent.Rec.LastEventID
		}
		if c.StartEvent != "" {
			ev := history.New(c.StartEvent, "name", c.MapName, "index", jsonval.NumberFromInt(int64(c.Index)))
			child.Rec.LastEventID = t.record(ev, parent.Rec.LastEventID)
			child.ChildEvents = &childEvents{Success: c.Success, Fail: c.Fail, MapName: c.MapName}
		}
		t.st.Frames[child.ID] = child
		t.send(child, queue.KindStep, time.Time{})
	}
	return nil
}

// end finishes a frame: the execution for the root, else one child.
func (t *tx) end(ctx context.Context, f *frame, res interp.ChildResult) error {
	if f.ID == rootFrame {
		t.finish(res)
		return nil
	}
	delete(t.st.Frames, f.ID)
	parent, ok := t.st.Frames[f.Parent]
	if !ok || parent.Fork == nil {
		return nil // the parent already joined (failed fast) or stopped
	}
	if res.Failed && parent.Fork.MapRun == "" {
		keepResume(parent.Fork, f.Index, t.resumePoint(f))
	}
	if ce := f.ChildEvents; ce != nil {
		typ := ce.Success
		if res.Failed {
			typ = ce.Fail
		}
		t.record(history.New(typ, "name", ce.MapName, "index", jsonval.NumberFromInt(int64(f.Index))), f.Rec.LastEventID)
	}
	return t.childDone(ctx, parent, f.Index, f.Items, res)
}

// childDone records child i's result (a map run child's processed items
// items) and starts the next children, or joins.
func (t *tx) childDone(ctx context.Context, parent *frame, i, items int, res interp.ChildResult) error {
	fs := parent.Fork
	fs.Running--
	if run := t.mapRun(fs.MapRun); run != nil {
		// A map run's results are its children's: the join reads them.
		run.countChild(res, items)
		if res.Failed {
			fs.Unfinished.set(i)
		}
	} else {
		r := resultJSON{Set: true, Failed: res.Failed, Output: jv{res.Output}, Error: res.Error, Cause: res.Cause}
		if err := t.addResult(ctx, parent, i, r); err != nil {
			return err
		}
	}
	if res.Failed {
		fs.Failed++
		if fs.Failed > fs.Tolerated {
			t.abortChildren(parent)
			return t.endFork(ctx, parent)
		}
	}
	return t.advance(ctx, parent)
}

// abortChildren drops the parent's other children; their messages then
// find no frame and are dropped.
func (t *tx) abortChildren(parent *frame) {
	if parent.Fork.MapRun == "" {
		t.stopFork(parent)
	}
	for id, f := range t.st.Frames {
		if f.Parent == parent.ID {
			t.dropFrame(id)
		}
	}
	if fs := parent.Fork; fs.MapRun != "" {
		markUnfinished(fs)
		t.stopSlots(fs)
		if fs.Reader != nil {
			fs.Unread, fs.Reader = fs.Reader, nil
		}
	}
	parent.Fork.Next = parent.Fork.Total
	parent.Fork.Running = 0
}

func (t *tx) dropFrame(id string) {
	f := t.st.Frames[id]
	t.stopMapChild(f)
	if f != nil && f.Fork != nil {
		if run := t.mapRun(f.Fork.MapRun); run != nil && run.Status == MapRunRunning {
			t.abortMapRun(run, f)
		}
	}
	for cid, f := range t.st.Frames {
		if f.Parent == id {
			t.dropFrame(cid)
		}
	}
	delete(t.st.Frames, id)
}

// join resumes the parent with its children's results.
func (t *tx) join(ctx context.Context, parent *frame) error {
	fs := parent.Fork
	var results []interp.ChildResult
	var err error
	var failures *int
	if run := t.mapRun(fs.MapRun); run != nil && run.Writer != nil {
		n := fs.Failed // the writer reads the children one at a time
		failures = &n
	} else if fs.MapRun != "" {
		results, err = t.collectMapRun(ctx, fs)
	} else {
		results, err = t.collect(ctx, fs)
	}
	if err != nil {
		return err
	}
	parent.Fork = nil
	if fs.MapRun == "" {
		keepFork(parent, fs)
	}
	if err := t.unstash(ctx, parent); err != nil {
		return err
	}
	j := interp.Joined{Results: results, Failures: failures}
	if fs.MapRun != "" {
		tolerated := fs.Tolerated
		j.Tolerated = &tolerated
		if f := fs.Failure; f != nil {
			j.Failed = &interp.Failure{Name: f.Error, Cause: f.Cause}
		}
		if err := t.writeMapRun(ctx, parent, fs, &j); err != nil {
			return err
		}
		t.endMapRun(parent, fs)
	}
	return t.step(ctx, parent, j)
}

// finish ends the execution with the root frame's result.
func (t *tx) finish(res interp.ChildResult) {
	prev := t.ex.LastEventID + int64(len(t.events))
	if res.Failed {
		t.ex.Status, t.ex.Error, t.ex.Cause = StatusFailed, res.Error, res.Cause
		t.record(history.New(history.ExecutionFailed, "error", optString(res.Error), "cause", optString(res.Cause)), prev)
	} else {
		t.ex.Status, t.ex.Output = StatusSucceeded, jsonval.String(res.Output)
		t.record(history.New(history.ExecutionSucceeded, "output", history.Payload{Value: res.Output}), prev)
	}
	t.closeExecution()
}

// closeExecution marks the record finished.
func (t *tx) closeExecution() {
	t.closed = true
	t.abortMapRuns()
	for _, f := range t.st.Frames {
		t.stopMapChild(f)
		if f.Fork != nil {
			t.stopSlots(f.Fork)
		}
	}
	if root, ok := t.st.Frames[rootFrame]; ok && t.ex.Status != StatusSucceeded {
		t.st.RedriveFrame = t.redriveFrame(root)
	}
	t.ex.StopDate = t.now
	if t.r.opts.ExecutionTTL > 0 {
		t.ex.ExpiresAt = t.now.Add(t.r.opts.ExecutionTTL)
	}
	t.st.Frames = map[string]*frame{}
}

// timeOut ends the execution with TIMED_OUT.
func (t *tx) timeOut() {
	prev := t.ex.LastEventID + int64(len(t.events))
	t.ex.Status, t.ex.Error, t.ex.Cause = StatusTimedOut, "States.Timeout", "The execution timed out."
	t.record(history.New(history.ExecutionTimedOut, "error", t.ex.Error, "cause", t.ex.Cause), prev)
	t.closeExecution()
}

// abort ends the execution with ABORTED (StopExecution).
func (t *tx) abort(errName, cause string) {
	prev := t.ex.LastEventID + int64(len(t.events))
	t.ex.Status, t.ex.Error, t.ex.Cause = StatusAborted, errName, cause
	t.record(history.New(history.ExecutionAborted, "error", optString(errName), "cause", optString(cause)), prev)
	t.closeExecution()
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
)

// A redriven execution whose Distributed Map failed or was aborted
// redrives that Map's run rather than starting a new one, as AWS does:
// the run keeps its ARN, and so its children's names; a child that
// succeeded is not run again (its start finds it, and it reports its
// success), a failed, timed-out or aborted STANDARD child is redriven,
// and the items never started start. EXPRESS children cannot be
// redriven: their Map starts a new run.

// mapRunRedrivable tells whether run, of a Map state, may be redriven.
func mapRunRedrivable(run *mapRun) bool {
	return (run.Status == MapRunFailed || run.Status == MapRunAborted) && run.ExecType != "EXPRESS"
}

// redrivableMapRun finds the last run of the Map state that a redrive of
// the execution re-enters, if it failed in an earlier attempt.
func (t *tx) redrivableMapRun(state string) *mapRun {
	for i := len(t.st.MapRuns) - 1; i >= 0; i-- {
		run := t.st.MapRuns[i]
		if run.State != state {
			continue
		}
		if run.Attempt < t.ex.RedriveCount && mapRunRedrivable(run) {
			return run
		}
		return nil
	}
	return nil
}

// redriveMapRun restarts run for the Map entering frame parent with the
// fork fs: its counters start again from its item total, and its children
// report as they start (again, or for the first time).
func (t *tx) redriveMapRun(parent *frame, run *mapRun, fs *forkState) {
	run.Status, run.Frame, run.StopDate = MapRunRunning, parent.ID, time.Time{}
	run.Counts = MapRunCounts{Total: int64(fs.Total)}
	run.Items = MapRunCounts{}
	run.Attempt = t.ex.RedriveCount
	run.RedriveCount++
	run.RedriveDate = t.now
	fs.MapRun = run.ARN
	t.forgetChildEnds(run)
	ev := history.New(history.MapRunRedriven, "mapRunArn", run.ARN, "redriveCount", jsonval.NumberFromInt(int64(run.RedriveCount)))
	parent.Rec.LastEventID = t.record(ev, parent.Rec.LastEventID)
}

// startMapChildExecution starts a map run child, or, when the run is
// redriven and the child already ended without success, redrives it.
func (t *tx) startMapChildExecution(ctx context.Context, run *mapRun, req StartRequest) error {
	_, err := t.r.Start(ctx, req)
	if err == nil || !errors.Is(err, ErrExecutionAlreadyExists) || run.RedriveCount == 0 {
		return err
	}
	arn := t.r.mapChildARN(run, req.Name)
	ex, gerr := t.r.opts.Store.GetExecution(ctx, arn)
	if gerr != nil && !errors.Is(gerr, store.ErrNotFound) {
		return fmt.Errorf("load map run child %s: %w", arn, gerr)
	}
	if gerr != nil || ex.Status == StatusRunning || ex.Status == StatusSucceeded || ex.RedriveCount >= run.RedriveCount {
		return err // it reports its end itself (checkSlots)
	}
	if _, rerr := t.r.Redrive(ctx, arn); rerr != nil {
		return fmt.Errorf("redrive map run child %s: %w", arn, rerr)
	}
	return nil
}

// forgetChildEnds drops the outboxes of the child ends run applied before
// it failed: a child's end is keyed on its token, which the redriven run
// keeps, and a succeeded child reports its end again.
func (t *tx) forgetChildEnds(run *mapRun) {
	kept := t.st.Outboxes[:0]
	for _, ob := range t.st.Outboxes {
		token, isEnd := strings.CutPrefix(ob.Key, queue.KindChildEnd+"#")
		if i, ok := mapTokenIndex(token); isEnd && ok && t.mapToken(run, i) == token {
			continue
		}
		kept = append(kept, ob)
	}
	t.st.Outboxes = kept
}

package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// The children of a map run are ordinary executions, each a slot of its
// parent's fork (see mapslots.go) that reports its end to a token (its
// ParentPattern is mapPattern). The fork's bookkeeping (concurrency,
// tolerated failures, results in chunks) is the inline Map's. The child's
// name and token derive from the parent's secret, the run and the item,
// so that a step run again (a duplicate, a retried commit) finds the
// child its first try started.

// mapPattern is the ParentPattern of a map run's children.
const mapPattern = "map"

// startMapChild starts the child execution of item c and gives it a slot.
func (t *tx) startMapChild(ctx context.Context, fs *forkState, c childJSON) error {
	run := t.mapRun(fs.MapRun)
	if run == nil {
		return fmt.Errorf("map run %s of %s is not recorded", fs.MapRun, t.ex.ARN)
	}
	name, token := t.mapChildName(run, c.Index), t.mapToken(run, c.Index)
	def, err := t.r.payload(ctx, run.DefKey)
	if err != nil {
		return fmt.Errorf("load map run definition %s: %w", run.DefKey, err)
	}
	if err := t.r.opts.Store.PutToken(ctx, token, t.ex.ARN); err != nil {
		return fmt.Errorf("store map run token: %w", err)
	}
	sm := store.StateMachine{ARN: t.r.opts.Scope.StateMachine(run.SMName), Name: run.SMName, Type: run.ExecType}
	req := StartRequest{StateMachine: sm, Definition: string(def), RoleARN: t.st.RoleARN, Name: name,
		Input: jsonval.String(decodeRecord(c.Rec).Input), TestCase: t.st.TestCase, ParentToken: token,
		ParentPattern: mapPattern, MapRunARN: run.ARN}
	_, err = t.r.Start(ctx, req)
	switch {
	case errors.Is(err, ErrExecutionAlreadyExists) && fs.Redo != nil && run.ExecType != "EXPRESS":
		if err := t.redriveChild(ctx, run, c.Index); err != nil {
			return err
		}
	case err != nil && !errors.Is(err, ErrExecutionAlreadyExists):
		return fmt.Errorf("start child %d of map run %s: %w", c.Index, run.ARN, err)
	}
	// A child that already exists was started by an earlier try and may
	// have ended: checkSlots, after the commit, has it report.
	items := max(c.Items, 1)
	if fs.Slots == nil {
		fs.Slots = slotSet{}
	}
	fs.Slots[c.Index] = items
	run.Counts.Running++
	run.Items.Running += int64(items)
	t.startedSlots = append(t.startedSlots, slotRef{run: run, index: c.Index})
	return nil
}

// mapChildEnded ends a map run child's frame (a record written before
// slots) with its execution's outcome.
func (t *tx) mapChildEnded(ctx context.Context, f *frame, trig interp.Trigger) error {
	f.Token, f.Child = "", ""
	switch tr := trig.(type) {
	case interp.TaskSucceeded:
		return t.end(ctx, f, interp.ChildResult{Output: tr.Output})
	case interp.TaskFailed:
		return t.end(ctx, f, interp.ChildResult{Failed: true, Error: tr.Error, Cause: tr.Cause})
	}
	return fmt.Errorf("map run child %s: unexpected outcome %T", f.ID, trig)
}

// mapChildOutcome is what a finished child reports to its map run.
func mapChildOutcome(ex store.Execution) (output jsonval.Value, failed bool, errName, cause string) {
	if ex.Status == StatusSucceeded {
		out, err := jsonval.DecodeString(ex.Output)
		if err != nil {
			return nil, true, "States.Runtime", "The child execution's output is not JSON."
		}
		return out, false, "", ""
	}
	if ex.Status == StatusTimedOut && ex.Error == "" {
		return nil, true, "States.Timeout", ex.Cause
	}
	return nil, true, ex.Error, ex.Cause
}

// endedPrefix keys the outcomes of ended map run children in a handler's
// results map: a commit that loses a race is tried again, and would
// otherwise read every child of its batch again. An ended child stays
// ended while its slot runs (only a redrive of the ended run restarts it).
const endedPrefix = "\x00ended:"

// childOutcome reads the outcome of a map run child; ended is false while
// it runs (or before its record exists).
func (t *tx) childOutcome(ctx context.Context, arn string) (res interp.ChildResult, ended bool, err error) {
	if r, ok := t.results[endedPrefix+arn]; ok {
		return interp.ChildResult{Output: r.Output, Failed: r.Failed, Error: r.Error, Cause: r.Cause}, true, nil
	}
	ex, err := t.r.opts.Store.GetExecution(ctx, arn)
	if errors.Is(err, store.ErrNotFound) {
		return res, false, nil
	}
	if err != nil {
		return res, false, fmt.Errorf("load map run child %s: %w", arn, err)
	}
	if ex.Status == StatusRunning {
		return res, false, nil
	}
	out, failed, errName, cause := mapChildOutcome(ex)
	t.results[endedPrefix+arn] = task.Result{Output: out, Failed: failed, Error: errName, Cause: cause}
	return interp.ChildResult{Output: out, Failed: failed, Error: errName, Cause: cause}, true, nil
}

// childReadTries is how often a map run child's record is read before its
// read fails the step (see getChild).
const childReadTries = 4

// getChild reads the record of a map run's child, trying again after a
// pause when the store refuses it (throttled once its client's own retries
// are spent): a join reads every child, and one refused read would fail
// the step and have it read them all again.
func (r *Runner) getChild(ctx context.Context, arn string) (store.Execution, error) {
	for try := 1; ; try++ {
		ex, err := r.opts.Store.GetExecution(ctx, arn)
		if err == nil || errors.Is(err, store.ErrNotFound) || try == childReadTries || ctx.Err() != nil {
			return ex, err
		}
		time.Sleep(childReadPause << (try - 1))
	}
}

// childReadPause is the pause before a child's record is read again; it
// doubles with each try.
var childReadPause = 50 * time.Millisecond

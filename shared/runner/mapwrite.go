package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/store"
)

// mapChildName names child i of a run: the same on every try, so that a
// repeated start finds it and the writer finds it after its end.
func (t *tx) mapChildName(run *mapRun, i int) string {
	return t.mapChildNameAt(run, i, liveAttempt(run))
}

// mapChildNameAt names child i of a run started in attempt n (see
// mapattempts.go).
func (t *tx) mapChildNameAt(run *mapRun, i, n int) string {
	return childName(t.mapChildKey(run, i, n))
}

// mapChildARN is the ARN of a run's child named name; an Express child's
// ARN is as stable as its name.
func (r *Runner) mapChildARN(run *mapRun, name string) string {
	if run.ExecType == "EXPRESS" {
		return r.opts.Scope.ExpressExecution(run.SMName, name, childName(name))
	}
	return r.opts.Scope.Execution(run.SMName, name)
}

// writeMapRun writes the results of a map run whose Map has a
// ResultWriter, before the Map resumes: j gets the writer's output, or
// its failure.
func (t *tx) writeMapRun(ctx context.Context, parent *frame, fs *forkState, j *interp.Joined) error {
	run := t.mapRun(fs.MapRun)
	if run == nil || run.Writer == nil {
		return nil
	}
	cfg, err := resultwriter.ParseConfig(run.Writer.V)
	if err != nil {
		j.WriteFailure = err.Error()
		return nil
	}
	w := resultwriter.Run{MapRunArn: run.ARN, ExecutionArn: t.ex.ARN, State: parent.Rec.State, Config: cfg}
	out, err := resultwriter.Write(ctx, t.r.invoker(), w, t.mapRunChildren(ctx, fs, run, j.Results))
	var failure *resultwriter.Failure
	if errors.As(err, &failure) {
		j.WriteFailure = failure.Cause
		return nil
	}
	if err != nil {
		return fmt.Errorf("write results of map run %s: %w", run.ARN, err)
	}
	j.Written, j.Output = true, out.Value
	run.Counts.ResultsWritten = int64(out.ResultsWritten)
	return nil
}

// mapRunChildren yields every child of the run in item order, read from
// its execution record; an item whose child never started is PENDING.
func (t *tx) mapRunChildren(ctx context.Context, fs *forkState, run *mapRun, results []interp.ChildResult) resultwriter.Source {
	sm := t.r.opts.Scope.StateMachine(run.SMName)
	return func(fn func(resultwriter.Child) error) error {
		attempt, err := t.childAttempts(ctx, run)
		if err != nil {
			return err
		}
		for i := 0; i < fs.Total; i++ {
			name := t.mapChildNameAt(run, i, attempt(i))
			ex, err := t.r.getChild(ctx, t.r.mapChildARN(run, name))
			if errors.Is(err, store.ErrNotFound) {
				c, err := t.child(ctx, fs, i)
				if err != nil {
					return err
				}
				rec := decodeRecord(c.Rec)
				if err := fn(resultwriter.Child{Status: resultwriter.StatusPending, Input: jsonval.String(rec.Input)}); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return fmt.Errorf("load map run child %s: %w", name, err)
			}
			c := resultwriter.Child{ExecutionArn: ex.ARN, Name: ex.Name, StateMachineArn: sm, Status: ex.Status,
				Input: ex.Input, Output: ex.Output, Error: ex.Error, Cause: ex.Cause, StartDate: ex.StartDate,
				StopDate: ex.StopDate, RedriveCount: ex.RedriveCount}
			if ex.Status == StatusRunning {
				c.Status, c.Error = StatusAborted, "" // stopped as the run failed
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

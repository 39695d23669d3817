package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
)

// StartSync runs an Express execution to its end in this process and
// stores only its summary record (no per-transition writes).
func (r *Runner) StartSync(ctx context.Context, req StartRequest) (store.Execution, error) {
	t, input, err := r.newExecution(req)
	if err != nil {
		return store.Execution{}, err
	}
	res, err := r.runInProcess(ctx, t, input)
	if err != nil {
		return store.Execution{}, err
	}
	applyResult(&t.ex, res)
	t.ex.State = nil
	if err := r.opts.Store.CreateExecution(ctx, t.ex); err != nil {
		return store.Execution{}, fmt.Errorf("store express execution %s: %w", t.ex.ARN, err)
	}
	r.opts.Metrics.ExecutionStarted()
	r.opts.Metrics.ExecutionEnded(t.ex.Status, t.ex.StopDate.Sub(t.ex.StartDate))
	return t.ex, nil
}

// runExpress runs an asynchronous Express execution (one message) and
// stores its final summary.
func (r *Runner) runExpress(ctx context.Context, ex store.Execution, st *execState) error {
	t := &tx{r: r, ex: ex, st: st, now: r.opts.Clock.Now()}
	m, err := r.machineByKey(ctx, st.DefinitionKey)
	if err != nil {
		return err
	}
	t.m = m
	input, err := jsonval.DecodeString(ex.Input)
	if err != nil {
		return fmt.Errorf("express input: %w", err)
	}
	res, err := r.runInProcess(ctx, t, input)
	if err != nil {
		return err
	}
	expected := ex.Version
	applyResult(&t.ex, res)
	t.ex.Version++
	t.ex.State = nil
	if err := r.opts.Store.UpdateExecution(ctx, t.ex, expected); err != nil {
		return fmt.Errorf("store express execution %s: %w", t.ex.ARN, err)
	}
	r.opts.Metrics.ExecutionEnded(t.ex.Status, t.ex.StopDate.Sub(t.ex.StartDate))
	return r.notifyParent(ctx, t.ex, st, earlyCallbackWaits)
}

func (r *Runner) runInProcess(ctx context.Context, t *tx, input jsonval.Value) (inproc.Result, error) {
	// The deadline stops the interpreter between steps; the context also
	// cuts a task call that outlives the execution.
	ctx, cancel := context.WithTimeout(ctx, r.opts.Limits.ExpressDuration)
	defer cancel()
	res, err := inproc.Run(ctx, t.m, input, inproc.Options{
		Scope: r.opts.Scope, StateMachineName: t.st.SMName, ExecutionName: t.ex.Name, RoleArn: t.st.RoleARN,
		Express: true, ExecutionID: t.ex.ARN, // the context object shows the express ARN
		Clock: r.opts.Clock, Invoker: r.invoker(), Random: r.opts.Random, NewUUID: r.opts.NewUUID,
		TestCase: t.st.TestCase, Limits: r.opts.Limits, MaxDuration: r.opts.Limits.ExpressDuration,
	})
	if err != nil && ctx.Err() != nil {
		return inproc.Result{Status: StatusTimedOut, Error: "States.Timeout", Cause: "The execution timed out.", Stop: r.opts.Clock.Now()}, nil
	}
	if err != nil {
		return inproc.Result{}, fmt.Errorf("express execution %s: %w", t.ex.ARN, err)
	}
	r.log.Info("express execution finished", "execution", t.ex.ARN, "status", res.Status, "events", res.History.Len())
	return res, nil
}

func applyResult(ex *store.Execution, res inproc.Result) {
	ex.Status, ex.Error, ex.Cause = res.Status, res.Error, res.Cause
	if res.Status == StatusSucceeded {
		ex.Output = jsonval.String(res.Output)
	}
	ex.StopDate = res.Stop
}

func secondsDuration(s int64) time.Duration { return time.Duration(s) * time.Second }

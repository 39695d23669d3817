package local

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
	"github.com/stepwise/stepwise/shared/task"
)

// RunOnceOptions configure one execution run to its end by RunOnce.
type RunOnceOptions struct {
	StateMachineName string // default "StateMachine"
	ExecutionName    string // default: a generated one
	Type             string // STANDARD (default) or EXPRESS
	Invoker          task.Invoker
	Clock            clock.Source // default the real clock
	Limits           limits.Limits
}

// RunOnce runs one execution of definition on the durable runner, over
// in-memory adapters, until its queue is empty. `stepwise run` uses it for
// definitions with a Distributed Map: their map runs, child executions,
// item readers and result writers then behave as under `serve` and on
// AWS, from the one implementation in shared/runner.
func RunOnce(ctx context.Context, definition string, input jsonval.Value, o RunOnceOptions) (inproc.Result, error) {
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.StateMachineName == "" {
		o.StateMachineName = "StateMachine"
	}
	if o.Type == "" {
		o.Type = "STANDARD"
	}
	st, q := memstore.New(), &pumpQueue{}
	r := runner.New(runner.Options{Store: st, Queue: q, Invoker: o.Invoker, Clock: o.Clock, Scope: arn.Default, Limits: o.Limits})
	sm := store.StateMachine{ARN: arn.Default.StateMachine(o.StateMachineName), Name: o.StateMachineName, Type: o.Type}
	ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: definition, Name: o.ExecutionName,
		Input: jsonval.String(input), RoleARN: stepwiseRole})
	if err != nil {
		return inproc.Result{}, fmt.Errorf("start execution: %w", err)
	}
	if err := q.drain(ctx, r, o.Clock); err != nil {
		return inproc.Result{}, err
	}
	return result(ctx, r, st, ex.ARN)
}

// stepwiseRole is the execution role `stepwise run` reports, as inproc does.
var stepwiseRole = fmt.Sprintf("arn:%s:iam::%s:role/StepwiseRole", arn.DefaultPartition, arn.DefaultAccount)

// result reads the execution's end and history back from the store.
func result(ctx context.Context, r *runner.Runner, st store.Store, executionARN string) (inproc.Result, error) {
	ex, err := st.GetExecution(ctx, executionARN)
	if err != nil {
		return inproc.Result{}, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	hist, err := r.History(ctx, executionARN)
	if err != nil {
		return inproc.Result{}, err
	}
	res := inproc.Result{Status: ex.Status, Error: ex.Error, Cause: ex.Cause, History: inproc.HistoryOf(hist),
		Start: ex.StartDate, Stop: ex.StopDate}
	if ex.Status == runner.StatusSucceeded {
		if res.Output, err = jsonval.DecodeString(ex.Output); err != nil {
			return inproc.Result{}, fmt.Errorf("output of %s: %w", executionARN, err)
		}
	}
	return res, nil
}

// pumpQueue holds the runner's messages for RunOnce, which delivers them
// itself, earliest due first: one process, no visibility timeouts.
type pumpQueue struct{ msgs []queue.Message }

func (q *pumpQueue) Send(_ context.Context, m queue.Message, _ time.Duration) error {
	q.msgs = append(q.msgs, m)
	return nil
}

// drain handles messages until none is left, waiting on clk for the
// delayed ones.
func (q *pumpQueue) drain(ctx context.Context, r *runner.Runner, clk clock.Source) error {
	for len(q.msgs) > 0 {
		sort.SliceStable(q.msgs, func(i, j int) bool { return q.msgs[i].Due.Before(q.msgs[j].Due) })
		m := q.msgs[0]
		q.msgs = q.msgs[1:]
		if m.Due.After(clk.Now()) {
			if err := clk.SleepUntil(ctx, m.Due); err != nil {
				return fmt.Errorf("wait for step of %s: %w", m.Execution, err)
			}
		}
		if err := r.Handle(ctx, m); err != nil {
			return fmt.Errorf("step of %s: %w", m.Execution, err)
		}
	}
	return nil
}

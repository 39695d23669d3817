package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// NestedResource is the prefix of the Step Functions integration that
// starts a child execution (states:startExecution, .sync, .sync:2,
// .waitForTaskToken).
const NestedResource = "arn:aws:states:::states:startExecution"

// NestedInvoker starts child executions of this runner's own state machines.
func (r *Runner) NestedInvoker() task.Invoker { return nestedInvoker{r: r} }

type nestedInvoker struct{ r *Runner }

// Invoke starts the child. With .sync/.sync:2 the parent waits: the child
// reports its end to the parent's task token.
func (n nestedInvoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	params, _ := req.Input.(*jsonval.Object)
	if params == nil {
		return task.Failure("States.Runtime", "The Parameters of states:startExecution must be an object."), nil
	}
	smARN, _ := get(params, "StateMachineArn").(string)
	sm, err := n.r.opts.Store.GetStateMachine(ctx, smARN)
	if errors.Is(err, store.ErrNotFound) {
		return task.Failure("StepFunctions.StateMachineDoesNotExistException",
			fmt.Sprintf("State Machine Does Not Exist: '%s' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: %s; Proxy: null)", smARN, n.r.opts.NewUUID())), nil
	}
	if err != nil {
		return task.Result{}, fmt.Errorf("load state machine %s: %w", smARN, err)
	}
	start := StartRequest{StateMachine: sm, Definition: sm.Definition, RoleARN: sm.RoleARN, Input: "{}"}
	start.Name, _ = get(params, "Name").(string)
	switch in := get(params, "Input").(type) {
	case nil:
	case string:
		start.Input = in
	default:
		start.Input = jsonval.String(in)
	}
	pattern := strings.TrimPrefix(req.Resource, NestedResource)
	if pattern == ".sync" || pattern == ".sync:2" {
		start.ParentToken, start.ParentPattern = req.TaskToken, pattern
	}
	if start.Name == "" && req.AttemptID != "" && sm.Type != "EXPRESS" {
		// Named after the attempt, so that an attempt repeated after a
		// crash finds the child its first try started instead of starting
		// another.
		start.Name = childName(req.AttemptID)
		if res, found, err := n.repeated(ctx, start, pattern); found || err != nil {
			return res, err
		}
	}
	ex, err := n.r.Start(ctx, start)
	if errors.Is(err, ErrExecutionAlreadyExists) && start.Name == childName(req.AttemptID) {
		// Another try of this attempt (a duplicate delivery, one running
		// on after its visibility timeout) created the child, which has
		// ended by now: answer from it.
		if res, found, err := n.repeated(ctx, start, pattern); found || err != nil {
			return res, err
		}
	}
	if errors.Is(err, ErrExecutionAlreadyExists) {
		return task.Failure("StepFunctions.ExecutionAlreadyExistsException", err.Error()), nil
	}
	if errors.Is(err, ErrInvalidInput) {
		return task.Failure("StepFunctions.InvalidExecutionInputException", err.Error()), nil
	}
	if err != nil {
		return task.Failure("StepFunctions.AWSStepFunctionsException", err.Error()), nil
	}
	if pattern == "" {
		return startedOutput(ex), nil
	}
	return task.Result{Pending: true, Output: startedOutput(ex).Output}, nil
}

// childName is a UUID-shaped execution name derived from an attempt.
func childName(attemptID string) string {
	sum := sha256.Sum256([]byte(attemptID))
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// repeated finds the child an earlier try of this attempt started. A
// running child reports to this try's task token from now on; a finished
// one answers at once.
func (n nestedInvoker) repeated(ctx context.Context, start StartRequest, pattern string) (task.Result, bool, error) {
	arn := n.r.opts.Scope.Execution(start.StateMachine.Name, start.Name)
	ex, err := n.r.opts.Store.GetExecution(ctx, arn)
	if errors.Is(err, store.ErrNotFound) {
		return task.Result{}, false, nil
	}
	if err != nil {
		return task.Result{}, false, fmt.Errorf("load child execution %s: %w", arn, err)
	}
	if pattern == "" {
		return startedOutput(ex), true, nil
	}
	if ex.Status == StatusRunning {
		if ex, err = n.r.reparent(ctx, arn, start.ParentToken, pattern); err != nil {
			return task.Result{}, true, err
		}
		if ex.Status == StatusRunning {
			return task.Result{Pending: true, Output: startedOutput(ex).Output}, true, nil
		}
	}
	out, failed, errName, cause := childOutcome(ex, pattern)
	if failed {
		return task.Failure(errName, cause), true, nil
	}
	return task.Success(out), true, nil
}

// reparent makes a running child report its end to token.
func (r *Runner) reparent(ctx context.Context, executionARN, token, pattern string) (store.Execution, error) {
	var out store.Execution
	err := r.retryConflicts(func() error {
		t, err := r.load(ctx, executionARN, nil)
		if err != nil {
			return err
		}
		out = t.ex
		if t.ex.Status != StatusRunning || t.st.ParentToken == token {
			return nil
		}
		t.st.ParentToken, t.st.ParentPattern = token, pattern
		if err := t.commit(ctx, "reparent:"+token); err != nil {
			return err
		}
		out = t.ex
		return nil
	})
	return out, err
}

// startedOutput is the result of a plain startExecution.
func startedOutput(ex store.Execution) task.Result {
	out := jsonval.NewObject(2)
	out.Set("ExecutionArn", ex.ARN)
	out.Set("StartDate", epochMillis(ex.StartDate.UnixMilli()))
	return task.Success(out)
}

func get(o *jsonval.Object, k string) jsonval.Value {
	v, _ := o.Get(k)
	return v
}

func epochMillis(ms int64) jsonval.Number { return jsonval.NumberFromInt(ms) }

// childOutcome is what a finished child reports to a .sync parent: the
// DescribeExecution-like document AWS returns, as output or as cause.
func childOutcome(ex store.Execution, pattern string) (output jsonval.Value, failed bool, errName, cause string) {
	if pattern == mapPattern {
		return mapChildOutcome(ex)
	}
	o := jsonval.NewObject(12)
	if ex.Status != StatusSucceeded {
		if ex.Cause != "" {
			o.Set("Cause", ex.Cause)
		}
		if ex.Error != "" {
			o.Set("Error", ex.Error)
		}
	}
	o.Set("ExecutionArn", ex.ARN)
	o.Set("Input", payloadField(ex.Input, pattern))
	o.Set("InputDetails", included())
	o.Set("Name", ex.Name)
	if ex.Status == StatusSucceeded {
		o.Set("Output", payloadField(ex.Output, pattern))
		o.Set("OutputDetails", included())
	}
	o.Set("StartDate", epochMillis(ex.StartDate.UnixMilli()))
	o.Set("StateMachineArn", ex.StateMachineARN)
	o.Set("Status", ex.Status)
	o.Set("StopDate", epochMillis(ex.StopDate.UnixMilli()))
	switch ex.Status {
	case StatusSucceeded:
		return o, false, "", ""
	case StatusTimedOut:
		return nil, true, "States.Timeout", jsonval.String(o)
	}
	return nil, true, "States.TaskFailed", jsonval.String(o)
}

// payloadField is a JSON text for .sync and a JSON value for .sync:2.
func payloadField(text, pattern string) jsonval.Value {
	if pattern == ".sync:2" {
		if v, err := jsonval.DecodeString(text); err == nil {
			return v
		}
	}
	return text
}

func included() *jsonval.Object {
	o := jsonval.NewObject(1)
	o.Set("Included", true)
	return o
}

// notifyParent reports a finished child to its .sync parent; a parent that
// has moved on (timed out, stopped) answers with an error we ignore. A
// parent not parked yet checks its child once it has parked (see
// checkChildren), so waits (for the park) is 0 but for an Express child,
// whose summary record keeps no parent token to check.
func (r *Runner) notifyParent(ctx context.Context, ex store.Execution, st *execState, waits int) error {
	if st.ParentToken == "" || ex.Status == StatusRunning {
		return nil
	}
	if _, ok := mapTokenIndex(st.ParentToken); ok && st.ParentPattern == mapPattern {
		parentARN, err := r.opts.Store.GetToken(ctx, st.ParentToken)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("resolve map run token: %w", err)
		}
		return r.reportChildEnd(ctx, parentARN, st.ParentToken, ex, false)
	}
	out, failed, errName, cause := childOutcome(ex, st.ParentPattern)
	kind, report := "success", succeed(ctx, out)
	if failed {
		kind, report = "failure", fail(ctx, errName, cause)
	}
	err := r.callback(ctx, st.ParentToken, kind, waits, report)
	if errors.Is(err, ErrInvalidToken) || errors.Is(err, ErrTaskTimedOut) {
		return nil
	}
	return err
}

// Package task is the port through which executions run Task states.
// Adapters: mocktask (Step Functions Local mock configurations) here, and
// the AWS service invokers of the runtime.
package task

import (
	"context"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Request is one attempt of a Task state.
type Request struct {
	ExecutionARN     string
	StateMachine     string // state machine name (mock configurations key on it)
	State            string
	Resource         string
	Input            jsonval.Value
	TimeoutSeconds   int64
	HeartbeatSeconds int64
	TaskToken        string
	Credentials      jsonval.Value
	// Attempt is the 0-based attempt within one entry of the state.
	Attempt int
	// AttemptID identifies this attempt for deduplication: a runner that
	// invokes it again (invocations are at-least-once: a crash between the
	// invocation and its commit repeats it) passes the same AttemptID, and
	// every other attempt, entry of the state (a loop) or Map iteration
	// gets another one. Empty where nothing repeats (in-process runs).
	AttemptID string
	// TestCase names the mock configuration test case of the execution.
	TestCase string
	// Job is a job this task started and still waits for (.sync), as an
	// earlier Result's Poll handed it out: the invoker reports on the job
	// instead of starting one.
	Job jsonval.Value
	// Cancel, with Job, asks the invoker to stop the job, as Step Functions
	// does when the execution stops or the state times out while it runs.
	Cancel bool
}

// Result is a task's outcome. A Go error from Invoke is an infrastructure
// failure, not a task failure.
type Result struct {
	Output jsonval.Value
	Failed bool
	Error  string
	Cause  string
	// Pending: the request was submitted (.waitForTaskToken, .sync) and the
	// outcome arrives later through a callback to the runner; Output then
	// holds the submission's response.
	Pending bool
	// Poll, on a Pending result, says that the task runs a job (.sync)
	// the runner must poll: it invokes the task again with Request.Job =
	// Poll.Job after Poll.After, and on until a result without Poll comes.
	Poll *Poll
}

// Poll is a running job and when to look at it again.
type Poll struct {
	Job   jsonval.Value
	After time.Duration
	// Deduplicated: the service started the job under an idempotency
	// token of the attempt, so a repeated start of the attempt gets this
	// same job back rather than a second one.
	Deduplicated bool
}

// Polling is the result of a task whose job still runs.
func Polling(job jsonval.Value, after time.Duration) Result {
	return Result{Pending: true, Poll: &Poll{Job: job, After: after}}
}

// Invoker runs tasks.
type Invoker interface {
	Invoke(ctx context.Context, req Request) (Result, error)
}

// Success is a successful Result.
func Success(out jsonval.Value) Result { return Result{Output: out} }

// Failure is a failed Result.
func Failure(errName, cause string) Result { return Result{Failed: true, Error: errName, Cause: cause} }

// Unconfigured fails every task: no invoker is configured for it.
type Unconfigured struct{}

// Invoke fails with States.TaskFailed, naming the resource.
func (Unconfigured) Invoke(_ context.Context, req Request) (Result, error) {
	return Failure("States.TaskFailed", "No task invoker is configured for resource '"+req.Resource+"'."), nil
}

package awsresult

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/task"
)

// errTaskTimeout marks the deadline Run sets, so that it can be told apart
// from a cancellation by the caller.
var errTaskTimeout = errors.New("task TimeoutSeconds elapsed")

// Run calls fn bounded by TimeoutSeconds (none when <= 0). When that bound
// elapses the task fails with States.Timeout and an empty cause, as AWS
// records it; a caller's cancellation is an infrastructure error instead.
func Run(ctx context.Context, timeoutSeconds int64, fn func(context.Context) (task.Result, error)) (task.Result, error) {
	callCtx, cancel := ctx, context.CancelFunc(func() {})
	if timeoutSeconds > 0 {
		callCtx, cancel = context.WithTimeoutCause(ctx, time.Duration(timeoutSeconds)*time.Second, errTaskTimeout)
	}
	defer cancel()
	res, err := fn(callCtx)
	if callCtx.Err() != nil {
		if context.Cause(callCtx) == errTaskTimeout && ctx.Err() == nil {
			return task.Failure(asl.ErrorTimeout, ""), nil
		}
		if ctx.Err() != nil {
			return task.Result{}, fmt.Errorf("task interrupted: %w", context.Cause(ctx))
		}
	}
	return res, err
}

package activity

import (
	"context"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// ResourcePrefix is what activity ARNs start with (the partition varies).
const ResourcePrefix = "arn:aws:states:"

// Invoker hands Task states whose resource is an activity ARN to the
// broker; a worker's SendTaskSuccess/Failure with the token completes them.
type Invoker struct{ Queue Queue }

var _ task.Invoker = Invoker{}

// Invoke submits the activity task and leaves the state waiting.
func (i Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	if !strings.Contains(req.Resource, ":activity:") {
		return task.Failure("States.TaskFailed", "No task invoker is configured for the resource '"+req.Resource+"'."), nil
	}
	if err := i.Queue.Submit(ctx, req.Resource, jsonval.String(req.Input), req.TaskToken); err != nil {
		return task.Result{}, err
	}
	return task.Result{Pending: true}, nil
}

package taskrole

import (
	"context"

	"github.com/stepwise/stepwise/shared/task"
)

// Require wraps inv, an integration that makes no AWS call with the
// Task's role itself (the nested executions Stepwise runs on its own
// store): a Task with Credentials runs once its role is assumed, and fails
// as in Step Functions when the role cannot be.
func (r *Roles) Require(inv task.Invoker) task.Invoker { return required{r, inv} }

type required struct {
	roles *Roles
	inv   task.Invoker
}

func (q required) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	ctx = task.WithCredentials(ctx, req)
	if _, err := q.roles.Credentials(ctx); err != nil {
		return failure(err)
	}
	return q.inv.Invoke(ctx, req)
}

// failure is the Task's failure of a Credentials error, or the error
// itself when it is no such failure.
func failure(err error) (task.Result, error) {
	if fe, ok := err.(*task.FailureError); ok {
		return fe.Result, nil
	}
	return task.Result{}, err
}

package task

import (
	"context"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// credentialsKey keys a Task's evaluated Credentials in a context.
type credentialsKey struct{}

// taskCredentials is what a context carries: the Credentials and the
// state that gave them, for the causes of their failures.
type taskCredentials struct {
	state string
	value jsonval.Value
}

// WithCredentials returns ctx carrying req's Credentials, so that the AWS
// calls an invoker makes on the Task's behalf (through shared clients that
// see only the context) sign with the Task's role.
func WithCredentials(ctx context.Context, req Request) context.Context {
	if req.Credentials == nil {
		return ctx
	}
	return context.WithValue(ctx, credentialsKey{}, taskCredentials{req.State, req.Credentials})
}

// CredentialsOf is the Credentials ctx carries and the state that gave
// them; nil without any.
func CredentialsOf(ctx context.Context) (state string, creds jsonval.Value) {
	c, _ := ctx.Value(credentialsKey{}).(taskCredentials)
	return c.state, c.value
}

// FailureError is an error that fails the Task with Result as it is, such
// as Task Credentials whose role cannot be assumed, however the invoker
// would name the service's own errors.
type FailureError struct{ Result Result }

func (e *FailureError) Error() string { return e.Result.Error + ": " + e.Result.Cause }

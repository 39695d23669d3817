package taskrole

import (
	"context"

	"github.com/stepwise/stepwise/shared/task"
)

// executionRoleKey keys the execution role in a context.
type executionRoleKey struct{}

// WithExecutionRole returns ctx in which the AWS calls of Tasks without
// Credentials of their own sign as the role arn, assumed and cached like a
// Credentials role: TestState runs the state it tests with its request's
// roleArn, as AWS does. Tasks with Credentials keep their own role, which
// is assumed with this one's credentials (Chain). An empty arn leaves ctx
// as it is.
func WithExecutionRole(ctx context.Context, arn string) context.Context {
	if arn == "" {
		return ctx
	}
	return context.WithValue(ctx, executionRoleKey{}, arn)
}

func executionRole(ctx context.Context) string {
	arn, _ := ctx.Value(executionRoleKey{}).(string)
	return arn
}

// whose says, in the causes of failures, where the ith role of a chain of
// n came from: the last is the Task's Credentials' when it has them.
func whose(ctx context.Context, i, n int) string {
	if _, creds := task.CredentialsOf(ctx); creds != nil && i == n-1 {
		return "of the Task's Credentials"
	}
	return "that TestState runs the state with (its roleArn)"
}

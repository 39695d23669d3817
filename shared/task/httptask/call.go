package httptask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// Connection error names (the developer guide's "Connection errors").
const (
	errConnPrefix       = "Events.ConnectionResource."
	errConnNotFound     = errConnPrefix + "ResourceNotFound"
	errConnAccessDenied = errConnPrefix + "AccessDenied"
	errConnState        = errConnPrefix + "InvalidConnectionState"
	errConnInternal     = errConnPrefix + "InternalError"
)

// errRequestTimeout marks the request timeout's deadline.
var errRequestTimeout = errors.New("HTTP request timeout")

// call resolves the connection, makes the request and shapes its outcome.
func (i *Invoker) call(ctx context.Context, req task.Request, c *call) (task.Result, error) {
	conn, failed := i.connection(ctx, c.connection)
	if failed != nil {
		return *failed, nil
	}
	ctx, cancel := context.WithTimeoutCause(ctx, i.opts.RequestTimeout, errRequestTimeout)
	defer cancel()
	hreq, err := newRequest(ctx, c, conn.AuthParameters.Invocation, i.opts.Region)
	if err != nil {
		return awsresult.ParameterFailure(req, err), nil
	}
	if err := i.authorize(ctx, hreq, c.connection, conn); err != nil {
		if ctx.Err() != nil {
			return i.socketFailure(ctx, err), nil
		}
		return task.Failure(errConnState, err.Error()), nil
	}
	resp, err := i.client.Do(hreq)
	if err != nil {
		trace(ctx, hreq, conn, nil, nil)
		return i.socketFailure(ctx, err), nil
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized && conn.AuthorizationType == AuthOAuth {
		i.tokens.drop(c.connection) // the next attempt authorizes afresh
	}
	text, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return i.socketFailure(ctx, err), nil
	}
	trace(ctx, hreq, conn, resp, text)
	return outcome(resp, text), nil
}

// connection resolves arn, or returns the failure AWS reports for it.
func (i *Invoker) connection(ctx context.Context, arn string) (Connection, *task.Result) {
	conn, err := i.opts.Connections.Connection(ctx, arn)
	fail := func(name, cause string) (Connection, *task.Result) {
		r := task.Failure(name, cause)
		return Connection{}, &r
	}
	var fe *task.FailureError
	switch {
	case errors.As(err, &fe): // the Task's role could not be assumed
		return Connection{}, &fe.Result
	case errors.Is(err, ErrNotFound):
		return fail(errConnNotFound, fmt.Sprintf("The connection '%s' does not exist.", arn))
	case errors.Is(err, ErrAccessDenied):
		return fail(errConnAccessDenied, fmt.Sprintf("Access to the connection '%s' is denied: %v", arn, err))
	case err != nil:
		return fail(errConnInternal, fmt.Sprintf("The connection '%s' could not be read: %v", arn, err))
	case conn.ConnectionState != "" && conn.ConnectionState != "AUTHORIZED":
		return fail(errConnState, fmt.Sprintf("The connection '%s' is %s, not AUTHORIZED.", arn, conn.ConnectionState))
	}
	if err := check(arn, conn); err != nil {
		return fail(errConnState, fmt.Sprintf("The connection '%s' cannot authorize a call: %v", arn, err))
	}
	return conn, nil
}

// socketFailure reports a call that got no (complete) answer.
func (i *Invoker) socketFailure(ctx context.Context, err error) task.Result {
	if context.Cause(ctx) == errRequestTimeout {
		return task.Failure(asl.ErrorHTTPSocket, fmt.Sprintf("The HTTP request timed out after %s.", i.opts.RequestTimeout))
	}
	return task.Failure(asl.ErrorHTTPSocket, err.Error())
}

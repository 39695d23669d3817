package sdktask

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/aws/smithy-go/middleware"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Errors of Call.
var (
	// ErrParameters marks Parameters that do not fit an operation's request.
	ErrParameters = errors.New("the parameters do not fit the request")
	// ErrNotBuiltIn marks a service or action that is not built in.
	ErrNotBuiltIn = errors.New("not built into this Stepwise")
)

// Response is an operation's response rendered as JSON, with the SDK's
// metadata of the call (request id, raw HTTP response).
type Response struct {
	Value    jsonval.Value
	Metadata middleware.Metadata
}

// Call runs action ("startQueryExecution") of a built-in service ("athena")
// with params as its request. It serves the optimized integrations, which
// reuse the same clients and codec but name errors and shape results their
// own way: the response comes back rendered as for aws-sdk integrations
// but for timestamps, which are epoch milliseconds there, and an error
// untouched (ErrParameters wraps a request that does not decode, a
// *task.FailureError is the failure of the Task Credentials in ctx).
func (i *Invoker) Call(ctx context.Context, service, action string, params *jsonval.Object) (Response, error) {
	svc, ok := i.services()[service]
	if !ok {
		return Response{}, fmt.Errorf("the AWS SDK service %q is %w (add it to shared/task/sdktask/builtin/services.txt and rebuild)", service, ErrNotBuiltIn)
	}
	op, ok := svc.Operations[action]
	if !ok {
		return Response{}, fmt.Errorf("the action %s:%s is %w", service, action, ErrNotBuiltIn)
	}
	in, err := svc.codec.decodeInput(op.input, params)
	if err != nil {
		return Response{}, fmt.Errorf("%w: %w", ErrParameters, err)
	}
	client, err := i.callClient(ctx, svc)
	if err != nil {
		return Response{}, err
	}
	out, err := op.call(ctx, client, in)
	if err != nil {
		return Response{}, err
	}
	c := svc.codec
	c.epochMillis = true
	v, err := c.encode(reflect.ValueOf(out))
	if err != nil {
		return Response{}, fmt.Errorf("render the response of %s:%s: %w", service, action, err)
	}
	md, _ := reflect.ValueOf(out).Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
	return Response{Value: v, Metadata: md}, nil
}

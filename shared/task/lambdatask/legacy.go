package lambdatask

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// invokeLegacy calls the function named by the resource ARN with the
// state's effective input; the result is the function's own output.
func (i *Invoker) invokeLegacy(ctx context.Context, req task.Request, opts func(*lambda.Options)) (task.Result, error) {
	out, err := i.api.Invoke(ctx, &lambda.InvokeInput{
		FunctionName:   &req.Resource,
		InvocationType: types.InvocationTypeRequestResponse,
		Payload:        jsonval.Marshal(req.Input),
		ClientContext:  attemptContext(req.AttemptID),
	}, opts)
	if err != nil {
		return awsresult.Lambda.Failure(err), nil
	}
	if out.FunctionError != nil {
		return functionFailure(out.Payload), nil
	}
	return task.Success(decodePayload(out.Payload)), nil
}

// functionFailure names a function error after the errorType the function
// raised (Lambda.Unknown when the runtime gave none, as for some timeouts);
// the cause is the error payload exactly as Lambda returned it.
func functionFailure(payload []byte) task.Result {
	name := "Lambda.Unknown"
	if v, err := jsonval.Decode(payload); err == nil {
		if obj, ok := v.(*jsonval.Object); ok {
			if t, ok := obj.Get("errorType"); ok {
				if s, ok := t.(string); ok && s != "" {
					name = s
				}
			}
		}
	}
	return task.Failure(name, string(payload))
}

// decodePayload reads a response payload as JSON; text that is not JSON is
// kept as a string, and an empty payload (Event, DryRun) is "".
func decodePayload(b []byte) jsonval.Value {
	if len(b) == 0 {
		return ""
	}
	v, err := jsonval.Decode(b)
	if err != nil {
		return string(b)
	}
	return v
}

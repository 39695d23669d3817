package lambdatask

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// invokeOptimized runs arn:aws:states:::lambda:invoke[.waitForTaskToken].
// The wait variant invokes asynchronously unless Parameters say otherwise and
// leaves the task pending until a callback delivers its outcome.
func (i *Invoker) invokeOptimized(ctx context.Context, req task.Request, wait bool, opts func(*lambda.Options)) (task.Result, error) {
	in, err := buildInput(req.Input)
	if err != nil {
		return awsresult.ParameterFailure(req, err), nil
	}
	if wait && in.InvocationType == "" {
		in.InvocationType = types.InvocationTypeEvent
	}
	if in.ClientContext == nil && (in.InvocationType == "" || in.InvocationType == types.InvocationTypeRequestResponse) {
		in.ClientContext = attemptContext(req.AttemptID)
	}
	out, err := i.api.Invoke(ctx, in, opts)
	if err != nil {
		return awsresult.Lambda.Failure(err), nil
	}
	if out.FunctionError != nil {
		return functionFailure(out.Payload), nil
	}
	res := task.Success(optimizedOutput(out))
	res.Pending = wait
	return res, nil
}

// optimizedOutput is the integration's result, keyed as AWS shows it.
func optimizedOutput(out *lambda.InvokeOutput) jsonval.Value {
	obj := jsonval.NewObject(6)
	if out.ExecutedVersion != nil {
		obj.Set("ExecutedVersion", *out.ExecutedVersion)
	}
	if out.LogResult != nil {
		obj.Set("LogResult", *out.LogResult)
	}
	obj.Set("Payload", decodePayload(out.Payload))
	awsresult.AddMetadata(obj, out.ResultMetadata)
	obj.Set("StatusCode", jsonval.NumberFromInt(int64(out.StatusCode)))
	return obj
}

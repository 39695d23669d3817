// Package bedrocktask runs the optimized Amazon Bedrock integration
// arn:aws:states:::bedrock:invokeModel: InvokeModel's request members
// plus Step Functions' own Body (any JSON value, sent as its text), Input
// ({"S3Uri"}: read the request body from S3) and Output ({"S3Uri"}: write
// the response body to S3 instead of returning it). The calls go through
// sdktask's clients (bedrockruntime, s3).
package bedrocktask

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// Resource is the integration's resource ARN.
const Resource = "arn:aws:states:::bedrock:invokeModel"

// Caller makes one AWS API call with a JSON request (sdktask.Invoker).
type Caller interface {
	Call(ctx context.Context, service, action string, params *jsonval.Object) (sdktask.Response, error)
}

// Invoker runs bedrock:invokeModel tasks.
type Invoker struct{ calls Caller }

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker calling AWS through calls.
func New(calls Caller) *Invoker { return &Invoker{calls: calls} }

// Register routes the integration's resource on m to this invoker.
func (i *Invoker) Register(m *task.Mux) { m.Handle(Resource, i) }

var (
	bedrockErrors = awsresult.Service{Prefix: "Bedrock", Name: "AmazonBedrockRuntime", Base: "AmazonBedrockRuntimeException"}
	s3Errors      = awsresult.Service{Prefix: "S3", Name: "Amazon S3", Base: "AmazonS3Exception"}
)

// Invoke runs one invocation of the model.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	if req.Resource != Resource {
		return task.Failure("States.Runtime", "The resource '"+req.Resource+"' is not a supported optimized integration."), nil
	}
	params, ok := req.Input.(*jsonval.Object)
	if !ok {
		return awsresult.ParameterFailure(req, errors.New("the Parameters must be an object")), nil
	}
	ctx = task.WithCredentials(ctx, req) // the model and its S3 input/output, with the Task's role
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		return i.invoke(ctx, req, params), nil
	})
}

func (i *Invoker) invoke(ctx context.Context, req task.Request, params *jsonval.Object) task.Result {
	call, output, fail := i.request(ctx, req, params)
	if fail != nil {
		return *fail
	}
	resp, err := i.calls.Call(ctx, "bedrockruntime", "invokeModel", call)
	if errors.Is(err, sdktask.ErrParameters) {
		return awsresult.ParameterFailure(req, err)
	}
	if err != nil {
		return bedrockErrors.Failure(err)
	}
	body, contentType := responseBody(resp.Value)
	if output != "" {
		return i.write(ctx, output, body, contentType)
	}
	res := jsonval.NewObject(2)
	res.Set("Body", bodyValue(body, contentType))
	res.Set("ContentType", contentType)
	return task.Success(res)
}

// responseBody decodes InvokeModel's response as sdktask renders it (the
// blob in base64).
func responseBody(v jsonval.Value) (body, contentType string) {
	o, _ := v.(*jsonval.Object)
	if o == nil {
		return "", ""
	}
	b64, _ := get(o, "Body").(string)
	raw, _ := base64.StdEncoding.DecodeString(b64)
	contentType, _ = get(o, "ContentType").(string)
	return string(raw), contentType
}

// bodyValue is a JSON response body as its value, any other as text.
func bodyValue(body, contentType string) jsonval.Value {
	if strings.Contains(contentType, "json") || contentType == "" {
		if v, err := jsonval.DecodeString(body); err == nil {
			return v
		}
	}
	return body
}

func get(o *jsonval.Object, k string) jsonval.Value {
	v, _ := o.Get(k)
	return v
}

// parseS3URI splits s3://bucket/key.
func parseS3URI(uri string) (bucket, key string, err error) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	bucket, key, _ = strings.Cut(rest, "/")
	if !ok || bucket == "" || key == "" {
		return "", "", fmt.Errorf("'%s' is not an S3 URI of the form s3://bucket/key", uri)
	}
	return bucket, key, nil
}

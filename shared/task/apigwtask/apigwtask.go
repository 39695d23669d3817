// Package apigwtask runs the optimized API Gateway integration,
// arn:aws:states:::apigateway:invoke (and .waitForTaskToken): an HTTP call
// to a stage of a REST or HTTP API, built from ApiEndpoint, Method,
// Headers, Stage, Path, QueryParameters and RequestBody, signed with
// Signature Version 4 (service execute-api) for AuthType IAM_ROLE and
// RESOURCE_POLICY. The result is {ResponseBody, Headers, StatusCode,
// StatusText}; a status other than 2XX fails as ApiGateway.<status> with
// the response body as cause, as the developer guide documents.
package apigwtask

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// Resource is the integration's resource ARN (request-response).
const Resource = "arn:aws:states:::apigateway:invoke"

const waitSuffix = ".waitForTaskToken"

// Options configure the invoker.
type Options struct {
	// BaseURL maps an ApiEndpoint host to the URL calls go to (nil:
	// "https://" + host); tests and local setups point it elsewhere.
	BaseURL func(apiEndpoint string) string
	// Client makes the calls (nil: http.DefaultClient).
	Client *http.Client
	// Roles assumes the roles of Task Credentials, which then sign the
	// calls instead of the invoker's credentials (nil: a Task with
	// Credentials fails).
	Roles *taskrole.Roles
}

// Invoker runs apigateway:invoke tasks.
type Invoker struct {
	creds aws.CredentialsProvider
	opts  Options
}

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker that signs with creds when a task asks for it.
func New(creds aws.CredentialsProvider, opts Options) *Invoker {
	if opts.BaseURL == nil {
		opts.BaseURL = func(host string) string { return "https://" + host }
	}
	if opts.Client == nil {
		opts.Client = http.DefaultClient
	}
	return &Invoker{creds: creds, opts: opts}
}

// Register routes the integration's resources on m to this invoker.
func (i *Invoker) Register(m *task.Mux) { m.Handle(Resource, i) }

// Invoke makes the call.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	pattern := strings.TrimPrefix(req.Resource, Resource)
	if pattern != "" && pattern != waitSuffix {
		return task.Failure("States.Runtime", "The resource '"+req.Resource+"' is not a supported optimized integration."), nil
	}
	params, ok := req.Input.(*jsonval.Object)
	if !ok {
		return awsresult.ParameterFailure(req, errors.New("the Parameters must be an object")), nil
	}
	call, err := parseCall(params)
	if err != nil {
		return awsresult.ParameterFailure(req, err), nil
	}
	ctx = task.WithCredentials(ctx, req)
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		// The role is assumed whatever the AuthType, as Step Functions
		// does for a Task with Credentials; it signs IAM calls.
		role, err := i.opts.Roles.Credentials(ctx)
		var fe *task.FailureError
		if errors.As(err, &fe) {
			return fe.Result, nil
		}
		creds := i.creds
		if role != nil {
			creds = role
		}
		res := i.do(ctx, call, creds)
		res.Pending = pattern == waitSuffix && !res.Failed
		return res, nil
	})
}

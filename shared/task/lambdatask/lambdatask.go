// Package lambdatask runs Task states on AWS Lambda through aws-sdk-go-v2:
// legacy function ARNs, the optimized arn:aws:states:::lambda:invoke
// integration and its .waitForTaskToken variant.
//
// Invocations are at-least-once: a stepper that crashes after Invoke and
// before its commit invokes again. Functions that must not repeat an effect
// can key on the attempt's identity (task.Request.AttemptID), which a
// synchronous invocation carries in its client context, under custom key
// AttemptIDKey, unless the state sets a ClientContext of its own.
package lambdatask

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// Resources of the optimized integration.
const (
	ResourceInvoke     = "arn:aws:states:::lambda:invoke"
	ResourceInvokeWait = "arn:aws:states:::lambda:invoke.waitForTaskToken"
)

// functionPrefixes start legacy function resources, one per partition.
var functionPrefixes = []string{"arn:aws:lambda:", "arn:aws-cn:lambda:", "arn:aws-us-gov:lambda:"}

// API is the part of *lambda.Client the invoker uses.
type API interface {
	Invoke(ctx context.Context, in *lambda.InvokeInput, optFns ...func(*lambda.Options)) (*lambda.InvokeOutput, error)
}

// Invoker runs Lambda tasks.
type Invoker struct {
	api   API
	roles *taskrole.Roles
}

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker calling api (usually a *lambda.Client), signing
// the calls of Tasks with Credentials with the roles that roles assumes.
func New(api API, roles *taskrole.Roles) *Invoker { return &Invoker{api: api, roles: roles} }

// Register routes every resource this invoker serves on m to it.
func (i *Invoker) Register(m *task.Mux) {
	for _, p := range functionPrefixes {
		m.Handle(p, i)
	}
	m.Handle(ResourceInvoke, i) // also matches ResourceInvokeWait
}

// Invoke runs one task attempt, bounded by req.TimeoutSeconds.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	ctx = task.WithCredentials(ctx, req)
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		creds, err := i.roles.Credentials(ctx)
		if err != nil {
			return awsresult.Lambda.Failure(err), nil
		}
		opts := callOptions(creds)
		switch {
		case req.Resource == ResourceInvoke:
			return i.invokeOptimized(ctx, req, false, opts)
		case req.Resource == ResourceInvokeWait:
			return i.invokeOptimized(ctx, req, true, opts)
		case isFunctionARN(req.Resource):
			return i.invokeLegacy(ctx, req, opts)
		}
		return task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("The resource '%s' is not a Lambda resource that Stepwise supports.", req.Resource)), nil
	})
}

// callOptions turn off SDK retries (a retried Invoke could run the
// function twice, and the state's Retry field governs retries as in Step
// Functions) and sign with creds, the Task's role, when there is one.
func callOptions(creds aws.CredentialsProvider) func(*lambda.Options) {
	return func(o *lambda.Options) {
		o.Retryer = aws.NopRetryer{}
		if creds != nil {
			o.Credentials = creds
		}
	}
}

// isFunctionARN matches arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER].
func isFunctionARN(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) != 7 && len(parts) != 8 {
		return false
	}
	return parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function" && parts[6] != ""
}

// AttemptIDKey is the client context key of the attempt's identity (in Go:
// lambdacontext.FromContext(ctx).ClientContext.Custom[AttemptIDKey]; in
// Node.js: context.clientContext.Custom[...]).
const AttemptIDKey = "stepwise-attempt-id"

// attemptContext is a base64 client context carrying the attempt's
// identity, nil without one.
func attemptContext(attemptID string) *string {
	if attemptID == "" {
		return nil
	}
	b, _ := json.Marshal(map[string]map[string]string{"custom": {AttemptIDKey: attemptID}})
	s := base64.StdEncoding.EncodeToString(b)
	return &s
}

// Package servicetask runs the optimized SQS, SNS and DynamoDB integrations
// of Step Functions (arn:aws:states:::sqs:sendMessage, sns:publish,
// dynamodb:getItem/putItem/updateItem/deleteItem) and the .waitForTaskToken
// forms of sqs:sendMessage and sns:publish, through aws-sdk-go-v2 clients.
// Their aws-sdk:* twins are sdktask's.
package servicetask

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

const (
	resourcePrefix = "arn:aws:states:::"
	waitSuffix     = ".waitForTaskToken"
	errFailedEntry = "EventBridge.FailedEntry"
)

// Clients are the service clients the invoker calls; a nil client makes its
// integrations fail as not configured.
type Clients struct {
	SQS         SQSAPI
	SNS         SNSAPI
	DynamoDB    DynamoDBAPI
	EventBridge EventBridgeAPI
	// Roles assumes the roles of Task Credentials, whose calls sign with
	// them (nil: a Task with Credentials fails).
	Roles *taskrole.Roles
}

// Invoker runs service integration tasks.
type Invoker struct{ c Clients }

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker over c.
func New(c Clients) *Invoker { return &Invoker{c: c} }

// operation calls one integration with its Parameters object.
type operation struct {
	call     opFunc
	service  awsresult.Service
	waitable bool // supports .waitForTaskToken
}

// opFunc calls an integration with its Parameters.
type opFunc func(i *Invoker, ctx context.Context, c call, params *jsonval.Object) (jsonval.Value, error)

// call is what an operation needs besides its Parameters: the request
// (integrations add to what they send from it) and the credentials of the
// Task's role (nil: the clients' own).
type call struct {
	req   task.Request
	creds aws.CredentialsProvider
}

var operations = map[string]operation{
	"sqs:sendMessage":     {(*Invoker).sendMessage, awsresult.SQS, true},
	"sns:publish":         {(*Invoker).publish, awsresult.SNS, true},
	"events:putEvents":    {(*Invoker).putEvents, awsresult.EventBridge, true},
	"dynamodb:getItem":    {dynamo(getItem), awsresult.DynamoDB, false},
	"dynamodb:putItem":    {dynamo(putItem), awsresult.DynamoDB, false},
	"dynamodb:updateItem": {dynamo(updateItem), awsresult.DynamoDB, false},
	"dynamodb:deleteItem": {dynamo(deleteItem), awsresult.DynamoDB, false},
}

// Register routes every resource this invoker serves on m to it.
func (i *Invoker) Register(m *task.Mux) {
	for name := range operations {
		m.Handle(resourcePrefix+name, i) // the prefix also covers .waitForTaskToken
	}
}

// Invoke runs one task attempt, bounded by req.TimeoutSeconds. A
// .waitForTaskToken task is Pending once its message is sent.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	op, wait, ok := lookup(req.Resource)
	if !ok {
		return task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("The resource '%s' is not a service integration that Stepwise supports.", req.Resource)), nil
	}
	params, ok := req.Input.(*jsonval.Object)
	if !ok {
		return awsresult.ParameterFailure(req, fmt.Errorf("the Parameters must be an object, not %s", jsonval.TypeName(req.Input))), nil
	}
	ctx = task.WithCredentials(ctx, req)
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		creds, err := i.c.Roles.Credentials(ctx)
		if err != nil {
			return op.service.Failure(err), nil
		}
		out, err := op.call(i, ctx, call{req, creds}, params)
		if err != nil {
			return failure(req, op.service, err), nil
		}
		res := task.Success(out)
		res.Pending = wait
		return res, nil
	})
}

func lookup(resource string) (op operation, wait bool, ok bool) {
	name, found := strings.CutPrefix(resource, resourcePrefix)
	if !found {
		return operation{}, false, false
	}
	name, wait = strings.CutSuffix(name, waitSuffix)
	op, ok = operations[name]
	if !ok || (wait && !op.waitable) {
		return operation{}, false, false
	}
	return op, wait, true
}

// failure sorts an operation error into bad Parameters, a missing client or
// a service error.
func failure(req task.Request, svc awsresult.Service, err error) task.Result {
	var pe *paramError
	if asParamError(err, &pe) {
		return awsresult.ParameterFailure(req, pe)
	}
	var fe *failedEntries
	if errors.As(err, &fe) {
		return task.Failure(errFailedEntry, fe.Error())
	}
	if err == errNoClient {
		return task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("No %s client is configured for the resource '%s'.", svc.Prefix, req.Resource))
	}
	return svc.Failure(err)
}

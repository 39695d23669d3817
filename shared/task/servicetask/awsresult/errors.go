// Package awsresult turns AWS SDK responses and errors into task results the
// way Step Functions shapes them: service errors named "<Prefix>.<Exception>"
// with Java-SDK-style causes, and the SdkHttpMetadata/SdkResponseMetadata
// fields of optimized integrations. Both lambdatask and servicetask use it.
package awsresult

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/stepwise/stepwise/shared/task"
)

// Service says how Step Functions names one service's errors.
type Service struct {
	Prefix string // error name prefix: "Lambda", "SQS", "SNS", "DynamoDB", "DynamoDb"
	Name   string // the "Service:" of a cause: "AWSLambda", "AmazonSQS", …
	Base   string // exception of unmodeled error codes: "AWSLambdaException", …
	// SDKv2 selects the cause format of aws-sdk integrations, which Step
	// Functions runs on the Java SDK v2 ("Service: X, Status Code: N, …").
	SDKv2 bool
}

// Services as Step Functions names them (see the conformance corpus).
var (
	Lambda   = Service{Prefix: "Lambda", Name: "AWSLambda", Base: "AWSLambdaException"}
	SQS      = Service{Prefix: "SQS", Name: "AmazonSQS", Base: "AmazonSQSException"}
	SNS      = Service{Prefix: "SNS", Name: "AmazonSNS", Base: "AmazonSNSException"}
	DynamoDB = Service{Prefix: "DynamoDB", Name: "AmazonDynamoDBv2", Base: "AmazonDynamoDBException"}
	// EventBridge's service errors; entries it refuses are EventBridge.FailedEntry.
	EventBridge = Service{Prefix: "EventBridge", Name: "AmazonEventBridge", Base: "AmazonEventBridgeException"}
)

// Failure maps an SDK error to a failed task result. API errors with a
// modeled exception type keep its name; unmodeled codes get the service's
// base exception; errors without a response (connection refused, DNS…)
// become "<Prefix>.SdkClientException". A *task.FailureError (Task
// Credentials that fail) keeps its result.
func (s Service) Failure(err error) task.Result {
	if fe := (*task.FailureError)(nil); errors.As(err, &fe) {
		return fe.Result
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		return task.Failure(s.Prefix+".SdkClientException", "Unable to execute HTTP request: "+rootMessage(err))
	}
	return task.Failure(s.Prefix+"."+s.exception(apiErr), s.cause(err, apiErr))
}

// exception is the Java SDK class name Step Functions reports for apiErr.
func (s Service) exception(apiErr smithy.APIError) string {
	var generic *smithy.GenericAPIError
	if errors.As(apiErr, &generic) {
		return s.Base
	}
	t := reflect.TypeOf(apiErr)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	name := t.Name()
	if name == "" {
		return s.Base
	}
	if !strings.HasSuffix(name, "Exception") {
		name += "Exception" // Go drops the suffix Java keeps (QueueDoesNotExist)
	}
	return name
}

func (s Service) cause(err error, apiErr smithy.APIError) string {
	status, reqID := 0, ""
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		status, reqID = respErr.HTTPStatusCode(), respErr.ServiceRequestID()
	}
	msg := apiErr.ErrorMessage()
	if s.SDKv2 {
		var host hostIDError
		if errors.As(err, &host) && host.ServiceHostID() != "" {
			return fmt.Sprintf("%s (Service: %s, Status Code: %d, Request ID: %s, Extended Request ID: %s)",
				msg, s.Name, status, reqID, host.ServiceHostID())
		}
		return fmt.Sprintf("%s (Service: %s, Status Code: %d, Request ID: %s)", msg, s.Name, status, reqID)
	}
	return fmt.Sprintf("%s (Service: %s; Status Code: %d; Error Code: %s; Request ID: %s; Proxy: null)",
		msg, s.Name, status, apiErr.ErrorCode(), reqID)
}

// hostIDError is an S3 response error, which carries the extended request
// ID (x-amz-id-2) that S3's causes show.
type hostIDError interface{ ServiceHostID() string }

// rootMessage is the innermost error's text: the SDK's wrapping repeats the
// operation name, which the Java-style cause does not show.
func rootMessage(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

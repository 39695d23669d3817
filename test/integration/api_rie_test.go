//go:build integration

package integration

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	apigw "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/test/harness"
	"github.com/stepwise/stepwise/test/rie"
)

// apiLambda is the API function running under the Runtime Interface
// Emulator, on dynalite and fauxqs.
type apiLambda struct {
	client   *lambda.Client
	sqs      *sqs.Client
	queueURL string
}

// TestAPI_RIE sends API Gateway HTTP API (payload 2.0) events, shaped as
// events/api/*.json, to the real API binary under the emulator.
func TestAPI_RIE(t *testing.T) {
	fn := startAPILambda(t)
	smARN := "arn:aws:states:us-east-1:000000000000:stateMachine:hello"

	created := fn.call(t, sampleEvent(t, "create-state-machine.json"), 200, "")
	if created["stateMachineArn"] != smARN || created["creationDate"] == nil {
		t.Fatalf("CreateStateMachine = %v", created)
	}
	// The sample sends its body base64-encoded, as API Gateway may.
	desc := fn.call(t, sampleEvent(t, "describe-state-machine-base64.json"), 200, "")
	if desc["name"] != "hello" || desc["type"] != "STANDARD" || desc["status"] != "ACTIVE" || !strings.Contains(fmt.Sprint(desc["definition"]), `"Hello"`) {
		t.Errorf("DescribeStateMachine = %v", desc)
	}
	started := fn.call(t, sampleEvent(t, "start-execution.json"), 200, "")
	execARN := "arn:aws:states:us-east-1:000000000000:execution:hello:run-1"
	if started["executionArn"] != execARN {
		t.Fatalf("StartExecution = %v", started)
	}
	described := fn.call(t, withCall(t, sampleEvent(t, "start-execution.json"), "DescribeExecution", `{"executionArn":"`+execARN+`"}`), 200, "")
	// No stepper runs here: the execution waits for its first step message.
	if described["status"] != "RUNNING" || described["input"] != `{"who":"world"}` || described["stateMachineArn"] != smARN {
		t.Errorf("DescribeExecution = %v", described)
	}
	fn.wantStepMessage(t, execARN)

	missing := fn.call(t, withCall(t, sampleEvent(t, "start-execution.json"), "DescribeExecution", `{"executionArn":"`+execARN+`-nope"}`), 400, "ExecutionDoesNotExist")
	if !strings.Contains(fmt.Sprint(missing["message"]), execARN+"-nope") {
		t.Errorf("ExecutionDoesNotExist message %v", missing["message"])
	}
	fn.call(t, withCall(t, sampleEvent(t, "start-execution.json"), "DescribeExecution", `{"executionArn":"arn:nope"}`), 400, "InvalidArn")
	fn.call(t, withCall(t, sampleEvent(t, "start-execution.json"), "CreateStateMachine", `{"name":"hello","definition":"{}","roleArn":"arn:aws:iam::000000000000:role/R"}`), 400, "InvalidDefinition")
	fn.call(t, sampleEvent(t, "get-root.json"), 400, "UnknownOperationException")
}

// startAPILambda creates the table and queue, then runs functions/api
// under the emulator with the STEPWISE_* configuration pointing at them.
func startAPILambda(t *testing.T) *apiLambda {
	t.Helper()
	em := harness.StartAll(t)
	ctx := context.Background()
	if err := dynamostore.CreateTable(ctx, em.DynamoDB(), "stepwise-api"); err != nil {
		t.Fatalf("create table: %v", err)
	}
	queueURL, dlqURL, err := sqsqueue.CreateQueues(ctx, em.SQS(), "stepwise-api-steps")
	if err != nil {
		t.Fatalf("create queues: %v", err)
	}
	env := map[string]string{
		config.EnvTable: "stepwise-api", config.EnvQueueURL: queueURL, config.EnvDLQURL: dlqURL,
		config.EnvAccount: "000000000000", config.EnvRegion: harness.Region, config.EnvLogLevel: "warn",
		"AWS_ENDPOINT_URL_DYNAMODB": em.DynamoEndpoint, "AWS_ENDPOINT_URL_SQS": em.SQSEndpoint,
		"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
	}
	var kv []string
	for k, v := range env {
		kv = append(kv, k+"="+v)
	}
	cluster := rie.Start(t, rie.Function{Name: "stepwise-api", Package: "./functions/api", Env: kv})
	return &apiLambda{client: cluster.Client(), sqs: em.SQS(), queueURL: queueURL}
}

// call invokes the function with an event and checks the HTTP response:
// status, content type, and for errors the X-Amzn-ErrorType header and
// the body's __type. It returns the decoded body.
func (f *apiLambda) call(t *testing.T, event apigw.APIGatewayV2HTTPRequest, status int, errorType string) map[string]any {
	t.Helper()
	payload, _ := json.Marshal(event)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := f.client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("stepwise-api"), Payload: payload})
	if err != nil || out.FunctionError != nil {
		t.Fatalf("invoke %s: %v %s %s", event.Headers["x-amz-target"], err, aws.ToString(out.FunctionError), out.Payload)
	}
	var resp apigw.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(out.Payload, &resp); err != nil {
		t.Fatalf("response %s: %v", out.Payload, err)
	}
	body := resp.Body
	if resp.IsBase64Encoded {
		b, _ := base64.StdEncoding.DecodeString(body)
		body = string(b)
	}
	var decoded map[string]any
	if err := json.Unmarshal([]byte(body), &decoded); err != nil {
		t.Fatalf("%s: body %q is not a JSON object", event.Headers["x-amz-target"], body)
	}
	what := event.Headers["x-amz-target"] + " " + event.Body
	if resp.StatusCode != status || resp.Headers["Content-Type"] != "application/x-amz-json-1.0" {
		t.Errorf("%s: status %d content type %q, want %d: %s", what, resp.StatusCode, resp.Headers["Content-Type"], status, body)
	}
	if resp.Headers["X-Amzn-ErrorType"] != errorType || (errorType != "" && (decoded["__type"] != errorType || decoded["message"] == "")) {
		t.Errorf("%s: X-Amzn-ErrorType %q, body %s; want %q", what, resp.Headers["X-Amzn-ErrorType"], body, errorType)
	}
	return decoded
}

// wantStepMessage checks that the started execution's first step was
// queued on the step queue.
func (f *apiLambda) wantStepMessage(t *testing.T, execARN string) {
	t.Helper()
	out, err := f.sqs.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &f.queueURL, MaxNumberOfMessages: 10, WaitTimeSeconds: 2})
	if err != nil {
		t.Fatalf("receive step messages: %v", err)
	}
	for _, m := range out.Messages {
		if strings.Contains(aws.ToString(m.Body), execARN) {
			return
		}
	}
	t.Errorf("no step message for %s on the step queue (got %d messages)", execARN, len(out.Messages))
}

// sampleEvent reads events/api/<name>.
func sampleEvent(t *testing.T, name string) apigw.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(harness.RepoRoot(t), "events", "api", name))
	if err != nil {
		t.Fatal(err)
	}
	var ev apigw.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ev
}

// withCall turns a sample event into another operation with a plain body.
func withCall(t *testing.T, ev apigw.APIGatewayV2HTTPRequest, op, body string) apigw.APIGatewayV2HTTPRequest {
	t.Helper()
	headers := make(map[string]string, len(ev.Headers))
	for k, v := range ev.Headers {
		headers[k] = v
	}
	headers["x-amz-target"] = "AWSStepFunctions." + op
	headers["content-length"] = fmt.Sprint(len(body))
	ev.Headers, ev.Body, ev.IsBase64Encoded = headers, body, false
	return ev
}

//go:build integration

package integration

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/test/harness"
)

// roleARN is the role every test state machine names (never assumed).
const roleARN = "arn:aws:iam::000000000000:role/StepwiseTest"

// sdkEnv is one `stepwise serve` (with fauxqs for callback tasks) and
// clients of both.
type sdkEnv struct {
	srv    *served
	sfn    *sfn.Client
	sqs    *sqs.Client
	sqsURL string
}

// TestAPI_SDK drives every operation of the Step Functions API through
// aws-sdk-go-v2's sfn client against a `stepwise serve` process on its
// in-memory store and queue.
func TestAPI_SDK(t *testing.T) {
	sqsEndpoint := harness.StartSQS(t)
	runSDKSuite(t, sqsEndpoint, "SQS_ENDPOINT="+sqsEndpoint)
}

// TestAPI_SDK_Durable runs the same suite with `stepwise serve` on
// DynamoDB (dynalite) and SQS (fauxqs).
func TestAPI_SDK_Durable(t *testing.T) {
	em := harness.StartAll(t)
	runSDKSuite(t, em.SQSEndpoint, "SQS_ENDPOINT="+em.SQSEndpoint, "DYNAMODB_ENDPOINT="+em.DynamoEndpoint,
		"--create-resources")
}

func runSDKSuite(t *testing.T, sqsEndpoint string, env ...string) {
	mocks := mergedMockConfig(t, map[string]map[string]map[string]string{
		// The callback task is left unmocked (it goes to fauxqs); the
		// Lambda after it is mocked.
		"loan-approval": {"ManualDecision": {"DisburseFunds": "DisburseFundsOK"}},
	})
	srv := startServe(t, mocks, append(env, "WAIT_TIME_SCALE=0.05")...)
	e := &sdkEnv{
		srv:    srv,
		sfn:    sfnClient(srv.URL),
		sqs:    sqs.NewFromConfig(harness.AWSConfig(t), harness.SQSEndpoint(sqsEndpoint)),
		sqsURL: sqsEndpoint,
	}
	for _, g := range []struct {
		name string
		run  func(*testing.T, *sdkEnv)
	}{
		{"StateMachines", testStateMachines},
		{"Samples", testSamples},
		{"History", testHistory},
		{"Express", testExpress},
		{"StopAndList", testStopAndList},
		{"Redrive", testRedrive},
		{"RedriveForks", testRedriveForks},
		{"VersionsAndAliases", testVersionsAndAliases},
		{"Tags", testTags},
		{"Activities", testActivities},
		{"Callbacks", testCallbacks},
		{"TestState", testTestState},
		{"Errors", testTypedErrors},
	} {
		t.Run(g.name, func(t *testing.T) { g.run(t, e) })
	}
}

var nameSeq atomic.Int64

// uniqueName is a fresh resource name.
func uniqueName(prefix string) string { return fmt.Sprintf("%s-%d", prefix, nameSeq.Add(1)) }

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// createSM creates a state machine and returns its ARN.
func (e *sdkEnv) createSM(t *testing.T, name, definition string, typ types.StateMachineType) string {
	t.Helper()
	out, err := e.sfn.CreateStateMachine(ctxT(t), &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(definition), RoleArn: aws.String(roleARN), Type: typ,
	})
	if err != nil {
		t.Fatalf("CreateStateMachine %s: %v", name, err)
	}
	return aws.ToString(out.StateMachineArn)
}

// start starts an execution and returns its ARN.
func (e *sdkEnv) start(t *testing.T, target, name, input string) string {
	t.Helper()
	in := &sfn.StartExecutionInput{StateMachineArn: aws.String(target), Input: aws.String(input)}
	if name != "" {
		in.Name = aws.String(name)
	}
	out, err := e.sfn.StartExecution(ctxT(t), in)
	if err != nil {
		t.Fatalf("StartExecution %s: %v", target, err)
	}
	return aws.ToString(out.ExecutionArn)
}

// await polls DescribeExecution until the execution leaves RUNNING.
func (e *sdkEnv) await(t *testing.T, execARN string) *sfn.DescribeExecutionOutput {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err := e.sfn.DescribeExecution(ctxT(t), &sfn.DescribeExecutionInput{ExecutionArn: aws.String(execARN)})
		if err != nil {
			t.Fatalf("DescribeExecution %s: %v", execARN, err)
		}
		if out.Status != types.ExecutionStatusRunning {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("execution %s still RUNNING after 30 s", execARN)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sameJSON fails unless got and want are equal JSON documents.
func sameJSON(t *testing.T, what, got, want string) {
	t.Helper()
	g, err := jsonval.DecodeString(got)
	if err != nil {
		t.Errorf("%s: not JSON: %q", what, got)
		return
	}
	if !jsonval.Equal(g, jsonval.MustDecode(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// wantAPIError fails unless err decodes to the SDK's typed error T with
// the given code.
func wantAPIError[T interface {
	error
	ErrorCode() string
}](t *testing.T, what string, err error, code string) T {
	t.Helper()
	var typed T
	if !errors.As(err, &typed) {
		t.Fatalf("%s: error %v (%T), want %s", what, err, err, code)
	}
	if typed.ErrorCode() != code {
		t.Errorf("%s: code %s, want %s", what, typed.ErrorCode(), code)
	}
	return typed
}

// passChain is a STANDARD/EXPRESS definition of Pass states that returns result.
func passDefinition(result string) string {
	return `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":` + result + `,"End":true}}}`
}

// waitDefinition waits long enough to stay RUNNING for the test.
const waitDefinition = `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`

//go:build integration

package integration

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
)

// testTags tags, lists and untags a state machine and an activity.
func testTags(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	sm := e.createSM(t, uniqueName("tagged"), passDefinition(`1`), types.StateMachineTypeStandard)
	act, err := e.sfn.CreateActivity(ctx, &sfn.CreateActivityInput{Name: aws.String(uniqueName("tagged")),
		Tags: []types.Tag{{Key: aws.String("kind"), Value: aws.String("worker")}}})
	if err != nil {
		t.Fatalf("CreateActivity: %v", err)
	}
	for _, c := range []struct {
		arn     string
		initial map[string]string
	}{{sm, map[string]string{}}, {aws.ToString(act.ActivityArn), map[string]string{"kind": "worker"}}} {
		if got := e.tags(t, c.arn); !sameTags(got, c.initial) {
			t.Errorf("%s initial tags %v, want %v", c.arn, got, c.initial)
		}
		if _, err := e.sfn.TagResource(ctx, &sfn.TagResourceInput{ResourceArn: &c.arn, Tags: []types.Tag{
			{Key: aws.String("team"), Value: aws.String("core")}, {Key: aws.String("env"), Value: aws.String("test")}}}); err != nil {
			t.Fatalf("TagResource: %v", err)
		}
		if _, err := e.sfn.UntagResource(ctx, &sfn.UntagResourceInput{ResourceArn: &c.arn, TagKeys: []string{"env"}}); err != nil {
			t.Fatalf("UntagResource: %v", err)
		}
		want := map[string]string{"team": "core"}
		for k, v := range c.initial {
			want[k] = v
		}
		if got := e.tags(t, c.arn); !sameTags(got, want) {
			t.Errorf("%s tags %v, want %v", c.arn, got, want)
		}
	}
	_, err = e.sfn.ListTagsForResource(ctx, &sfn.ListTagsForResourceInput{ResourceArn: aws.String(sm + "-missing")})
	wantAPIError[*types.ResourceNotFound](t, "ListTagsForResource(missing)", err, "ResourceNotFound")
}

func (e *sdkEnv) tags(t *testing.T, arn string) map[string]string {
	t.Helper()
	out, err := e.sfn.ListTagsForResource(ctxT(t), &sfn.ListTagsForResourceInput{ResourceArn: &arn})
	if err != nil {
		t.Fatalf("ListTagsForResource %s: %v", arn, err)
	}
	m := map[string]string{}
	for _, tag := range out.Tags {
		m[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	return m
}

func sameTags(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// testTestState runs single states through TestState.
func testTestState(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	pass, err := e.sfn.TestState(ctx, &sfn.TestStateInput{
		Definition:      aws.String(`{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, $.b)"},"ResultPath":"$.out","Next":"After"}`),
		RoleArn:         aws.String(roleARN),
		Input:           aws.String(`{"a":2,"b":3}`),
		InspectionLevel: types.InspectionLevelDebug,
	})
	if err != nil {
		t.Fatalf("TestState(Pass): %v", err)
	}
	if pass.Status != types.TestExecutionStatusSucceeded || aws.ToString(pass.NextState) != "After" || pass.InspectionData == nil {
		t.Fatalf("TestState(Pass) = %s next %q inspection %v", pass.Status, aws.ToString(pass.NextState), pass.InspectionData)
	}
	sameJSON(t, "TestState output", aws.ToString(pass.Output), `{"a":2,"b":3,"out":{"sum":5}}`)
	sameJSON(t, "inspection input", aws.ToString(pass.InspectionData.Input), `{"a":2,"b":3}`)
	sameJSON(t, "inspection afterResultPath", aws.ToString(pass.InspectionData.AfterResultPath), `{"a":2,"b":3,"out":{"sum":5}}`)

	fail, err := e.sfn.TestState(ctx, &sfn.TestStateInput{
		Definition: aws.String(`{"Type":"Fail","Error":"Boom","Cause":"on purpose"}`), RoleArn: aws.String(roleARN),
	})
	if err != nil || fail.Status != types.TestExecutionStatusFailed || aws.ToString(fail.Error) != "Boom" || aws.ToString(fail.Cause) != "on purpose" {
		t.Errorf("TestState(Fail) = %+v, %v", fail, err)
	}
	_, err = e.sfn.TestState(ctx, &sfn.TestStateInput{Definition: aws.String(`{"Type":"Nope"}`), RoleArn: aws.String(roleARN)})
	wantAPIError[*types.InvalidDefinition](t, "TestState(invalid)", err, "InvalidDefinition")
}

// testTypedErrors checks that API errors decode to the SDK's typed
// errors, and the raw wire shape of errors the SDK cannot produce.
func testTypedErrors(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	sm := e.createSM(t, uniqueName("errors"), passDefinition(`1`), types.StateMachineTypeStandard)
	_, err := e.sfn.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String("not-an-arn")})
	wantAPIError[*types.InvalidArn](t, "DescribeExecution(bad ARN)", err, "InvalidArn")
	_, err = e.sfn.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(strings.Replace(sm, ":stateMachine:", ":execution:", 1) + ":nope")})
	wantAPIError[*types.ExecutionDoesNotExist](t, "DescribeExecution(missing)", err, "ExecutionDoesNotExist")
	_, err = e.sfn.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(sm + "-missing")})
	wantAPIError[*types.StateMachineDoesNotExist](t, "DescribeStateMachine(missing)", err, "StateMachineDoesNotExist")
	_, err = e.sfn.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("bad name!"), Definition: aws.String(passDefinition(`1`)), RoleArn: aws.String(roleARN)})
	wantAPIError[*types.InvalidName](t, "CreateStateMachine(bad name)", err, "InvalidName")
	_, err = e.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"a":`)})
	wantAPIError[*types.InvalidExecutionInput](t, "StartExecution(bad input)", err, "InvalidExecutionInput")
	_, err = e.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`"` + strings.Repeat("x", 256<<10) + `"`)})
	wantAPIError[*types.ValidationException](t, "StartExecution(input over 256 KiB)", err, "ValidationException")
	_, err = e.sfn.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm, MaxResults: 1001})
	wantAPIError[*types.ValidationException](t, "ListExecutions(maxResults 1001)", err, "ValidationException")
	_, err = e.sfn.DescribeActivity(ctx, &sfn.DescribeActivityInput{ActivityArn: aws.String("arn:aws:states:us-east-1:000000000000:activity:missing")})
	typed := wantAPIError[*types.ActivityDoesNotExist](t, "DescribeActivity(missing)", err, "ActivityDoesNotExist")
	if typed != nil && typed.ErrorMessage() == "" {
		t.Errorf("ActivityDoesNotExist has no message")
	}
	var generic smithy.APIError
	if !errors.As(err, &generic) || generic.ErrorFault() != smithy.FaultClient {
		t.Errorf("error %v is not a client-fault smithy.APIError", err)
	}

	// AWS sends protocol errors without a message, but for a member of the
	// wrong type, which its deserializer words.
	for _, c := range []struct{ target, body, code, msg string }{
		{"AWSStepFunctions.NoSuchOperation", `{}`, "UnknownOperationException", ""},
		{"AWSStepFunctions.DescribeStateMachine", `{"stateMachineArn":`, "SerializationException", ""},
		{"AWSStepFunctions.DescribeStateMachine", `{"stateMachineArn":42}`, "SerializationException", "NUMBER_VALUE can not be converted to a String"},
	} {
		status, header, body := e.raw(t, c.target, c.body)
		var shape struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}
		if err := json.Unmarshal(body, &shape); err != nil || status != 400 || header != c.code || shape.Type != c.code || shape.Message != c.msg {
			t.Errorf("%s %s: %d %s %s, want 400 and %s", c.target, c.body, status, header, body, c.code)
		}
	}
}

// raw posts a body with a target and returns status, X-Amzn-ErrorType and body.
func (e *sdkEnv) raw(t *testing.T, target, body string) (int, string, []byte) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctxT(t), http.MethodPost, e.srv.URL+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", target)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), b
}

package sfnapi_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/task"
)

// failingInvoker fails every task with a fixed error.
type failingInvoker struct{}

func (failingInvoker) Invoke(context.Context, task.Request) (task.Result, error) {
	return task.Failure("Custom.Error", "it broke"), nil
}

func TestTestState(t *testing.T) {
	e := newEnv(t, func(o *sfnapi.Options) { o.Invoker = failingInvoker{} })
	tests := []struct {
		name, def, input, stateName string
		level                       types.InspectionLevel
		status                      types.TestExecutionStatus
		output, next, errName       string
	}{
		{name: "pass with next", def: `{"Type":"Pass","Parameters":{"x.$":"$.a"},"ResultPath":"$.r","Next":"After"}`, input: `{"a":7}`,
			status: types.TestExecutionStatusSucceeded, output: `{"a":7,"r":{"x":7}}`, next: "After"},
		{name: "pass end", def: `{"Type":"Pass","Result":[1,2],"End":true}`, input: `{}`,
			status: types.TestExecutionStatusSucceeded, output: `[1,2]`},
		{name: "choice", def: `{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}`, input: `{"n":5}`,
			status: types.TestExecutionStatusSucceeded, output: `{"n":5}`, next: "Big"},
		{name: "choice default", def: `{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}`, input: `{"n":0}`,
			status: types.TestExecutionStatusSucceeded, output: `{"n":0}`, next: "Small"},
		{name: "fail", def: `{"Type":"Fail","Error":"E","Cause":"C"}`, status: types.TestExecutionStatusFailed, errName: "E"},
		{name: "wait does not sleep", def: `{"Type":"Wait","Seconds":86400,"Next":"N"}`, input: `{"w":1}`,
			status: types.TestExecutionStatusSucceeded, output: `{"w":1}`, next: "N"},
		{name: "task caught", def: `{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handler"}],"End":true}`,
			input: `{}`, status: types.TestExecutionStatusCaughtError, next: "Handler", output: `{"Error":"Custom.Error","Cause":"it broke"}`, errName: "Custom.Error"},
		{name: "task failed", def: `{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}`,
			status: types.TestExecutionStatusFailed, errName: "Custom.Error"},
		{name: "whole machine by name", def: `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Result":"b","Next":"A"}}}`,
			stateName: "B", status: types.TestExecutionStatusSucceeded, output: `"b"`, next: "A"},
		{name: "self loop stops after one step", def: `{"Type":"Pass","Result":1,"Next":"TestState"}`,
			status: types.TestExecutionStatusSucceeded, output: `1`, next: "TestState"},
		{name: "retriable", def: `{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","Retry":[{"ErrorEquals":["Custom.Error"],"MaxAttempts":3}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true}`,
			status: types.TestExecutionStatusRetriable, errName: "Custom.Error"},
		{name: "retrier not matching", def: `{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","Retry":[{"ErrorEquals":["Other"]}],"End":true}`,
			status: types.TestExecutionStatusFailed, errName: "Custom.Error"},
		{name: "debug", def: `{"Type":"Pass","End":true}`, input: `{"d":1}`, level: types.InspectionLevelDebug,
			status: types.TestExecutionStatusSucceeded, output: `{"d":1}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := &sfn.TestStateInput{Definition: aws.String(tc.def), RoleArn: aws.String(role), InspectionLevel: tc.level}
			if tc.input != "" {
				in.Input = aws.String(tc.input)
			}
			if tc.stateName != "" {
				in.StateName = aws.String(tc.stateName)
			}
			out, err := e.client.TestState(ctx(), in)
			mustNil(t, err, "test state")
			if out.Status != tc.status || aws.ToString(out.Output) != tc.output || aws.ToString(out.NextState) != tc.next || aws.ToString(out.Error) != tc.errName {
				t.Fatalf("got status %s output %q next %q error %q cause %q", out.Status, aws.ToString(out.Output), aws.ToString(out.NextState), aws.ToString(out.Error), aws.ToString(out.Cause))
			}
			if (tc.level == types.InspectionLevelDebug) != (out.InspectionData != nil) {
				t.Fatalf("inspection data %+v", out.InspectionData)
			}
		})
	}
	_, err := e.client.TestState(ctx(), &sfn.TestStateInput{Definition: aws.String(`{"Type":"Pass"}`), RoleArn: aws.String(role)})
	wantCode(t, err, "InvalidDefinition", "")
	_, err = e.client.TestState(ctx(), &sfn.TestStateInput{Definition: aws.String(`[1]`), RoleArn: aws.String(role)})
	wantCode(t, err, "InvalidDefinition", "")
}

func TestTestState_InspectionStages(t *testing.T) {
	e := newEnv(t)
	out, err := e.client.TestState(ctx(), &sfn.TestStateInput{
		Definition:      aws.String(`{"Type":"Pass","InputPath":"$.a","Parameters":{"x.$":"$.b"},"ResultPath":"$.r","Next":"N"}`),
		RoleArn:         aws.String(role),
		Input:           aws.String(`{"a":{"b":1},"z":2}`),
		InspectionLevel: types.InspectionLevelDebug,
	})
	mustNil(t, err, "test state")
	d := out.InspectionData
	if d == nil {
		t.Fatal("no inspection data")
	}
	for _, c := range []struct{ name, got, want string }{
		{"input", aws.ToString(d.Input), `{"a":{"b":1},"z":2}`},
		{"afterInputPath", aws.ToString(d.AfterInputPath), `{"b":1}`},
		{"afterParameters", aws.ToString(d.AfterParameters), `{"x":1}`},
		{"afterResultPath", aws.ToString(d.AfterResultPath), `{"a":{"b":1},"z":2,"r":{"x":1}}`},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
}

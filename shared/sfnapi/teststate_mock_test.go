package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

const lambdaTask = `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},` +
	`"Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],` +
	`"Catch":[{"ErrorEquals":["Other"],"Next":"A"},{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"H"}],"End":true}`

func TestTestState_Mocks(t *testing.T) {
	e := newEnv(t)
	mockErr := func(name string) *types.MockInput {
		return &types.MockInput{ErrorOutput: &types.MockErrorOutput{Error: aws.String(name), Cause: aws.String("c")}}
	}
	tests := []struct {
		name    string
		in      sfn.TestStateInput
		status  types.TestExecutionStatus
		output  string
		next    string
		details *types.InspectionErrorDetails
		code    string // expected error code instead
	}{
		{name: "mocked result", in: sfn.TestStateInput{Definition: aws.String(lambdaTask), Mock: &types.MockInput{Result: aws.String(`{"Payload":1}`)}},
			status: types.TestExecutionStatusSucceeded, output: `{"Payload":1}`},
		{name: "retriable with backoff", in: sfn.TestStateInput{Definition: aws.String(lambdaTask), Mock: mockErr("Boom"),
			StateConfiguration: &types.TestStateConfiguration{RetrierRetryCount: aws.Int32(1)}},
			status: types.TestExecutionStatusRetriable, details: &types.InspectionErrorDetails{RetryIndex: aws.Int32(0), RetryBackoffIntervalSeconds: aws.Int32(6)}},
		{name: "retries exhausted, caught", in: sfn.TestStateInput{Definition: aws.String(lambdaTask), Mock: mockErr("Boom"),
			StateConfiguration: &types.TestStateConfiguration{RetrierRetryCount: aws.Int32(2)}},
			status: types.TestExecutionStatusCaughtError, next: "H", output: `{"err":{"Error":"Boom","Cause":"c"}}`,
			details: &types.InspectionErrorDetails{RetryIndex: aws.Int32(0), CatchIndex: aws.Int32(1)}},
		{name: "caught by the first matching catcher", in: sfn.TestStateInput{Definition: aws.String(lambdaTask), Mock: mockErr("Other")},
			status: types.TestExecutionStatusCaughtError, next: "A", output: `{"Error":"Other","Cause":"c"}`, details: &types.InspectionErrorDetails{CatchIndex: aws.Int32(0)}},
		{name: "mocked parallel", in: sfn.TestStateInput{Definition: aws.String(`{"Type":"Parallel","ResultPath":"$.r","Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}],"End":true}`),
			Mock: &types.MockInput{Result: aws.String(`[7]`)}}, status: types.TestExecutionStatusSucceeded, output: `{"r":[7]}`},
		{name: "mocked map over its tolerance", in: sfn.TestStateInput{
			Definition: aws.String(`{"Type":"Map","ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}`),
			Mock:       &types.MockInput{Result: aws.String(`[1,2,3]`)}, StateConfiguration: &types.TestStateConfiguration{MapIterationFailureCount: aws.Int32(2)}},
			status: types.TestExecutionStatusFailed},
		{name: "state nested in a map, by name", in: sfn.TestStateInput{StateName: aws.String("Inner"),
			Definition: aws.String(`{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Pass","Result":3,"End":true}}},"End":true}}}`)},
			status: types.TestExecutionStatusSucceeded, output: `3`},
		{name: "context and variables", in: sfn.TestStateInput{
			Definition: aws.String(`{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","v.$":"$v"},"End":true}`),
			Context:    aws.String(`{"Execution":{"Id":"my-id"}}`), Variables: aws.String(`{"v":5}`)},
			status: types.TestExecutionStatusSucceeded, output: `{"id":"my-id","v":5}`},
		{name: "task without role or mock", in: sfn.TestStateInput{Definition: aws.String(lambdaTask)}, code: "ValidationException"},
		{name: "mock on a pass state", in: sfn.TestStateInput{Definition: aws.String(`{"Type":"Pass","End":true}`), Mock: mockErr("E")}, code: "ValidationException"},
		{name: "map without mock", in: sfn.TestStateInput{Definition: aws.String(`{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}`)},
			code: "InvalidDefinition"},
		{name: "mock failing STRICT validation", in: sfn.TestStateInput{Definition: aws.String(`{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"x"},"End":true}`),
			Mock: &types.MockInput{Result: aws.String(`{}`)}}, code: "ValidationException"},
		{name: "same mock, NONE", in: sfn.TestStateInput{Definition: aws.String(`{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"x"},"End":true}`),
			Mock: &types.MockInput{Result: aws.String(`{}`), FieldValidationMode: types.MockResponseValidationModeNone}},
			status: types.TestExecutionStatusSucceeded, output: `{}`},
		{name: "context with an unknown field", in: sfn.TestStateInput{Definition: aws.String(`{"Type":"Pass","End":true}`), Context: aws.String(`{"Foo":{}}`)},
			code: "ValidationException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.InspectionLevel = types.InspectionLevelTrace
			out, err := e.client.TestState(ctx(), &in)
			if tc.code != "" {
				wantCode(t, err, tc.code, "")
				return
			}
			mustNil(t, err, "test state")
			if out.Status != tc.status || aws.ToString(out.Output) != tc.output || aws.ToString(out.NextState) != tc.next {
				t.Fatalf("got status %s output %q next %q error %q", out.Status, aws.ToString(out.Output), aws.ToString(out.NextState), aws.ToString(out.Error))
			}
			got := out.InspectionData.ErrorDetails
			if (got == nil) != (tc.details == nil) || got != nil && (aws.ToInt32(got.CatchIndex) != aws.ToInt32(tc.details.CatchIndex) ||
				aws.ToInt32(got.RetryIndex) != aws.ToInt32(tc.details.RetryIndex) ||
				aws.ToInt32(got.RetryBackoffIntervalSeconds) != aws.ToInt32(tc.details.RetryBackoffIntervalSeconds)) {
				t.Fatalf("error details %+v, want %+v", got, tc.details)
			}
		})
	}
}

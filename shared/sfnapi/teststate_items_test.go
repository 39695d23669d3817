package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// TestTestState_MapItemsNotArray: a mocked Map whose ItemsPath selects no
// array fails before the mock answers, as AWS recorded it (context object
// paths: ItemsPath "$$" is reported as "$"): States.Runtime, the bare
// cause, and no afterItemsPath or evaluated settings.
func TestTestState_MapItemsNotArray(t *testing.T) {
	e := newEnv(t)
	ctxObj := `{"Execution":{"Input":{"values":["a","b"]},"Name":"n"}}`
	tests := []struct {
		name, itemsPath, cause string
		ok                     bool
	}{
		{"context object", "$$", `Reference path "$" must point to array.`, false},
		{"context object member", "$$.Execution.Input", `Reference path "$.Execution.Input" must point to array.`, false},
		{"input member", "$.item", `Reference path "$.item" must point to array.`, false},
		{"context object array", "$$.Execution.Input.values", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.client.TestState(ctx(), &sfn.TestStateInput{
				Definition: mapDef(`"ItemsPath":"` + tc.itemsPath + `","MaxConcurrency":1,`), Input: aws.String(`{"item":{"x":1}}`),
				InspectionLevel: types.InspectionLevelTrace, Context: aws.String(ctxObj),
				Mock: &types.MockInput{Result: aws.String(`["A","B"]`)},
			})
			mustNil(t, err, "test state")
			d := out.InspectionData
			if tc.ok {
				if out.Status != types.TestExecutionStatusSucceeded || aws.ToString(d.AfterItemsPath) != `["a","b"]` || d.MaxConcurrency == nil {
					t.Fatalf("status %s afterItemsPath %q", out.Status, aws.ToString(d.AfterItemsPath))
				}
				return
			}
			if out.Status != types.TestExecutionStatusFailed || aws.ToString(out.Error) != "States.Runtime" || aws.ToString(out.Cause) != tc.cause {
				t.Fatalf("status %s error %q cause %q", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause))
			}
			if d.AfterItemsPath != nil || d.MaxConcurrency != nil || d.AfterInputPath == nil {
				t.Fatalf("inspection data %+v", *d)
			}
		})
	}
}

// TestTestState_ContextUnknownMember: an unknown member of a known
// context field is named alone (recorded: "Field 'pokemon' is not allowed").
func TestTestState_ContextUnknownMember(t *testing.T) {
	e := newEnv(t)
	_, err := e.client.TestState(ctx(), &sfn.TestStateInput{
		Definition: aws.String(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}`),
		Context:    aws.String(`{"Execution":{"pokemon":"squirtle"}}`), Mock: &types.MockInput{Result: aws.String(`{}`)},
	})
	wantCode(t, err, "ValidationException", "Invalid Context object provided: Field 'pokemon' is not allowed")
}

package sfnapi

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestCheckMockShape(t *testing.T) {
	tests := []struct {
		resource, result, mode, want string
	}{
		{"arn:aws:states:::events:putEvents", `{"Entries":"x"}`, "", "Field 'Entries' must be an array"},
		{"arn:aws:states:::events:putEvents", `{"Entries":[{"EventId":"a"},{"EventId":1}]}`, "", "Field 'EventId' must be a string"},
		{"arn:aws:states:::events:putEvents", `{"random":"json"}`, "", ""},
		{"arn:aws:states:::states:startExecution", `{"executionArn":"a"}`, "", "Required field 'ExecutionArn' is missing"},
		{"arn:aws:states:::states:startExecution.sync", `{}`, "PRESENT", ""},
		{"arn:aws:states:::states:startExecution", `{"ExecutionArn":"a","StartDate":1}`, "PRESENT", "Field 'StartDate' must be a string"},
		{"arn:aws:states:::lambda:invoke", `{"StatusCode":"200"}`, "", "Field 'StatusCode' must be a number"},
		{"arn:aws:states:::dynamodb:putItem", `{"ConsumedCapacity":{"CapacityUnits":"1"}}`, "", "Field 'CapacityUnits' must be a number"},
		{"arn:aws:states:::dynamodb:putItem", `{"ConsumedCapacity":{"CapacityUnits":"1"}}`, "NONE", ""},
	}
	for _, tc := range tests {
		v, _ := jsonval.DecodeString(tc.result)
		got := ""
		if err := checkMockShape(tc.resource, v, tc.mode); err != nil {
			got = strings.TrimPrefix(err.(*Error).Message, "Mock result schema validation error: ")
		}
		if got != tc.want {
			t.Errorf("%s %s %s: got %q, want %q", tc.resource, tc.result, tc.mode, got, tc.want)
		}
	}
}

package sfnapi

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestCheckMockShape(t *testing.T) {
	sm := `{"Name":"a","StateMachineArn":"a","Type":"STANDARD","CreationDate":"2025-01-01T00:00:00Z"}`
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
		// AWS SDK integrations, against the SDK's response types (AWS's
		// words recorded in test_field_validation_mode).
		{"arn:aws:states:::aws-sdk:s3:getObject", `{"ContentLength":"9000"}`, "", "Field 'ContentLength' must be a number"},
		{"arn:aws:states:::aws-sdk:s3:getObject", `{"StorageClass":"Papyrus"}`, "", "Field 'StorageClass' is not an expected value"},
		{"arn:aws:states:::aws-sdk:s3:getObject", `{"StorageClass":"STANDARD","Body":"text","LastModified":"2025-01-01T00:00:00Z"}`, "", ""},
		{"arn:aws:states:::aws-sdk:kms:encrypt", `{"CiphertextBlob":123}`, "", "Field 'CiphertextBlob' must be a string"},
		{"arn:aws:states:::aws-sdk:lambda:getFunction", `{"Configuration":{"MemorySize":"128"}}`, "", "Field 'MemorySize' must be a number"},
		{"arn:aws:states:::aws-sdk:sfn:listStateMachines", `{"StateMachines":[` + sm + `,{"Name":1,"StateMachineArn":"a","Type":"STANDARD","CreationDate":"2025-01-01T00:00:00Z"}]}`, "", "Field 'Name' must be a string"},
		// Required members, as the services' models mark them (generated
		// with the adapters): STRICT only, at any depth of what is given.
		{"arn:aws:states:::aws-sdk:sfn:startExecution", `{"StartDate":"2025-01-01T00:00:00Z"}`, "", "Required field 'ExecutionArn' is missing"},
		{"arn:aws:states:::aws-sdk:sfn:startExecution", `{"StartDate":"2025-01-01T00:00:00Z"}`, "STRICT", "Required field 'ExecutionArn' is missing"},
		{"arn:aws:states:::aws-sdk:sfn:startExecution", `{"StartDate":"2025-01-01T00:00:00Z"}`, "PRESENT", ""},
		{"arn:aws:states:::aws-sdk:sfn:startExecution", `{"ExecutionArn":"a","StartDate":"2025-01-01T00:00:00Z","Extra":1}`, "", ""},
		{"arn:aws:states:::aws-sdk:sfn:listStateMachines", `{}`, "", "Required field 'StateMachines' is missing"},
		{"arn:aws:states:::aws-sdk:sfn:listStateMachines", `{"StateMachines":[` + sm + `,{"Name":"b"}]}`, "", "Required field 'CreationDate' is missing"},
		{"arn:aws:states:::aws-sdk:sfn:listStateMachines", `{"StateMachines":[{"Name":"b"}]}`, "PRESENT", ""},
		{"arn:aws:states:::aws-sdk:sfn:describeExecution", `{"ExecutionArn":"a","StateMachineArn":"b","Status":"DONE","StartDate":"2025-01-01T00:00:00Z"}`, "", "Field 'Status' is not an expected value"},
		{"arn:aws:states:::aws-sdk:dynamodb:getItem", `{}`, "", ""},
		{"arn:aws:states:::aws-sdk:sqs:sendMessage", `{"MessageId":"m"}`, "", ""},
		{"arn:aws:states:::aws-sdk:sqs:listQueues", `{"QueueUrls":["a",2]}`, "", "Field 'QueueUrls' must be a string"},
		{"arn:aws:states:::aws-sdk:s3:getObject", `{"ContentLength":"9000"}`, "NONE", ""},
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

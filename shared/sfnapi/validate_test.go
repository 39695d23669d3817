package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

func TestValidateStateMachineDefinition(t *testing.T) {
	e := newEnv(t)
	const wftt = `{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"T.$":"$$.Task.Token"}},"End":true}}}`
	tests := []struct {
		name      string
		in        sfn.ValidateStateMachineDefinitionInput
		result    types.ValidateStateMachineDefinitionResultCode
		firstCode string
		location  string
		count     int
		truncated bool
	}{
		{"ok", sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(passDef)}, "OK", "", "", 0, false},
		{"empty object", sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(`{}`)}, "FAIL", "SCHEMA_VALIDATION_FAILED", "/", 1, false},
		{"express wftt", sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(wftt), Type: types.StateMachineTypeExpress},
			"FAIL", "SCHEMA_VALIDATION_FAILED", "/States/S/Resource", 1, false},
		{"standard wftt", sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(wftt)}, "OK", "", "", 0, false},
		{"truncated", sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(`{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Pass","Next":"Y"}}}`), MaxResults: 1},
			"FAIL", "", "", 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.client.ValidateStateMachineDefinition(ctx(), &tc.in)
			mustNil(t, err, "validate")
			if out.Result != tc.result || len(out.Diagnostics) != tc.count || aws.ToBool(out.Truncated) != tc.truncated {
				t.Fatalf("result %s, %d diagnostics %+v, truncated %v", out.Result, len(out.Diagnostics), out.Diagnostics, aws.ToBool(out.Truncated))
			}
			if tc.firstCode != "" && (*out.Diagnostics[0].Code != tc.firstCode || aws.ToString(out.Diagnostics[0].Location) != tc.location ||
				out.Diagnostics[0].Severity != types.ValidateStateMachineDefinitionSeverityError) {
				t.Fatalf("diagnostic %+v", out.Diagnostics[0])
			}
		})
	}
	_, err := e.client.ValidateStateMachineDefinition(ctx(), &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(passDef), Severity: "INFO"})
	wantCode(t, err, "ValidationException", "severity")
}

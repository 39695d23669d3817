package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// TestIncludedData_MetadataOnly: with includedData METADATA_ONLY the
// describe operations answer the definition as "{}" (the model's
// documentation), with ALL_DATA or none the definition itself.
func TestIncludedData_MetadataOnly(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	ex, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(smArn)})
	mustNil(t, err, "start")
	for _, tc := range []struct {
		included types.IncludedData
		want     string
	}{{"", passDef}, {types.IncludedDataAllData, passDef}, {types.IncludedDataMetadataOnly, "{}"}} {
		d, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(smArn), IncludedData: tc.included})
		mustNil(t, err, "describe")
		if *d.Definition != tc.want || *d.Name != "sm" {
			t.Errorf("DescribeStateMachine(%q): definition %s, want %s", tc.included, *d.Definition, tc.want)
		}
		f, err := e.client.DescribeStateMachineForExecution(ctx(), &sfn.DescribeStateMachineForExecutionInput{
			ExecutionArn: ex.ExecutionArn, IncludedData: tc.included})
		mustNil(t, err, "describe for execution")
		if *f.Definition != tc.want || *f.StateMachineArn != smArn {
			t.Errorf("DescribeStateMachineForExecution(%q): definition %s, want %s", tc.included, *f.Definition, tc.want)
		}
	}
}

// TestIncludedData_ExecutionData: DescribeExecution and StartSyncExecution
// with includedData METADATA_ONLY leave the input and output out, their
// details saying so; ALL_DATA or none include them.
func TestIncludedData_ExecutionData(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	ex, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Input: aws.String(`{"in":1}`)})
	mustNil(t, err, "start")
	e.rt.finish(t, *ex.ExecutionArn, "SUCCEEDED")
	express := e.mustCreate(t, "ex", "EXPRESS", passDef)
	tests := []struct {
		included      types.IncludedData
		input, output string // "" = left out
		details       bool
	}{
		{"", `{"in":1}`, `{"done":true}`, true},
		{types.IncludedDataAllData, `{"in":1}`, `{"done":true}`, true},
		{types.IncludedDataMetadataOnly, "", "", false},
	}
	for _, tc := range tests {
		d, err := e.client.DescribeExecution(ctx(), &sfn.DescribeExecutionInput{ExecutionArn: ex.ExecutionArn, IncludedData: tc.included})
		mustNil(t, err, "describe")
		if aws.ToString(d.Input) != tc.input || aws.ToString(d.Output) != tc.output || d.Status != types.ExecutionStatusSucceeded ||
			d.InputDetails == nil || d.InputDetails.Included != tc.details || d.OutputDetails == nil || d.OutputDetails.Included != tc.details {
			t.Errorf("DescribeExecution(%q): input %v output %v details %+v %+v", tc.included, d.Input, d.Output, d.InputDetails, d.OutputDetails)
		}
		s, err := e.client.StartSyncExecution(ctx(), &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(express),
			Input: aws.String(`{"in":1}`), IncludedData: tc.included})
		mustNil(t, err, "start sync")
		want := tc.output
		if want != "" {
			want = `{"in":1}` // a Pass passes its input on
		}
		if aws.ToString(s.Input) != tc.input || aws.ToString(s.Output) != want || s.Status != types.SyncExecutionStatusSucceeded ||
			s.InputDetails == nil || s.InputDetails.Included != tc.details || s.OutputDetails == nil || s.OutputDetails.Included != tc.details {
			t.Errorf("StartSyncExecution(%q): input %v output %v details %+v %+v", tc.included, s.Input, s.Output, s.InputDetails, s.OutputDetails)
		}
	}
}

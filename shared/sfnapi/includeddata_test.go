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

package sfnapi

import "github.com/stepwise/stepwise/shared/store"

// executionData is an execution's input and output as DescribeExecution
// and StartSyncExecution answer them: with includedData METADATA_ONLY
// both are left out, their details saying they were not included (a
// caller without kms:Decrypt gets the metadata only); otherwise the input,
// and the output of a succeeded execution.
func executionData(ex store.Execution, includedData string) (input *string, inputDetails included, output *string, outputDetails *included) {
	all := includedData != "METADATA_ONLY"
	inputDetails = included{all}
	if all {
		input = &ex.Input
	}
	if ex.Status == "SUCCEEDED" {
		outputDetails = &included{all}
		if all {
			output = &ex.Output
		}
	}
	return input, inputDetails, output, outputDetails
}

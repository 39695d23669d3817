package awsresult

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// ParameterFailure reports Parameters an integration cannot use, in the
// words AWS uses for them.
func ParameterFailure(req task.Request, err error) task.Result {
	return task.Failure(asl.ErrorRuntime, fmt.Sprintf(
		"An error occurred while executing the state '%s'. The Parameters '%s' could not be used to start the Task: [%v]",
		req.State, jsonval.String(req.Input), err))
}

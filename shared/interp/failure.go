package interp

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/asl"
)

// Failure is an ASL failure raised while evaluating a state. It travels as
// a Go error inside the package and leaves Step as data (a Fail action or a
// Catch transition), never as a Go error.
type Failure struct {
	Name  string
	Cause string
	// InState: the cause is prefixed with the state name and entered event
	// id, as AWS does for States.Runtime and States.QueryEvaluationError.
	InState bool
	// Evaluation: AWS records an EvaluationFailed event for it (JSONata).
	Evaluation bool
}

func (f *Failure) Error() string { return f.Name + ": " + f.Cause }

func runtimeFailure(format string, args ...any) *Failure {
	return &Failure{Name: asl.ErrorRuntime, Cause: fmt.Sprintf(format, args...), InState: true}
}

func queryFailure(format string, args ...any) *Failure {
	return &Failure{Name: asl.ErrorQueryEvaluationError, Cause: fmt.Sprintf(format, args...), InState: true, Evaluation: true}
}

// stateCause renders the cause as AWS shows it for a failure inside a state.
func stateCause(f *Failure, state string, enteredID int64) string {
	if !f.InState {
		return f.Cause
	}
	return fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s", state, enteredID, f.Cause)
}

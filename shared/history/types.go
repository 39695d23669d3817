package history

// Event types, named exactly as AWS names them.
const (
	ExecutionStarted   = "ExecutionStarted"
	ExecutionSucceeded = "ExecutionSucceeded"
	ExecutionFailed    = "ExecutionFailed"
	ExecutionAborted   = "ExecutionAborted"
	ExecutionTimedOut  = "ExecutionTimedOut"
	ExecutionRedriven  = "ExecutionRedriven"
	EvaluationFailed   = "EvaluationFailed"

	TaskScheduled      = "TaskScheduled"
	TaskStarted        = "TaskStarted"
	TaskStartFailed    = "TaskStartFailed"
	TaskSubmitted      = "TaskSubmitted"
	TaskSubmitFailed   = "TaskSubmitFailed"
	TaskSucceeded      = "TaskSucceeded"
	TaskFailed         = "TaskFailed"
	TaskTimedOut       = "TaskTimedOut"
	LambdaScheduled    = "LambdaFunctionScheduled"
	LambdaStarted      = "LambdaFunctionStarted"
	LambdaSucceeded    = "LambdaFunctionSucceeded"
	LambdaFailed       = "LambdaFunctionFailed"
	LambdaTimedOut     = "LambdaFunctionTimedOut"
	LambdaStartFailed  = "LambdaFunctionStartFailed"
	LambdaScheduleFail = "LambdaFunctionScheduleFailed"

	WaitStateAborted = "WaitStateAborted"

	ParallelStateStarted   = "ParallelStateStarted"
	ParallelStateSucceeded = "ParallelStateSucceeded"
	ParallelStateFailed    = "ParallelStateFailed"
	ParallelStateAborted   = "ParallelStateAborted"

	MapStateStarted       = "MapStateStarted"
	MapStateSucceeded     = "MapStateSucceeded"
	MapStateFailed        = "MapStateFailed"
	MapStateAborted       = "MapStateAborted"
	MapIterationStarted   = "MapIterationStarted"
	MapIterationSucceeded = "MapIterationSucceeded"
	MapIterationFailed    = "MapIterationFailed"
	MapIterationAborted   = "MapIterationAborted"
	MapRunStarted         = "MapRunStarted"
	MapRunSucceeded       = "MapRunSucceeded"
	MapRunFailed          = "MapRunFailed"
	MapRunAborted         = "MapRunAborted"
	MapRunRedriven        = "MapRunRedriven"
)

// StateEntered is the entered event type of a state type, e.g. "PassStateEntered".
func StateEntered(stateType string) string { return stateType + "StateEntered" }

// StateExited is the exited event type of a state type, e.g. "PassStateExited".
func StateExited(stateType string) string { return stateType + "StateExited" }

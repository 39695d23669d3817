package asl

// ASL error names, as AWS spells them.
const (
	ErrorAll                    = "States.ALL"
	ErrorTimeout                = "States.Timeout"
	ErrorHeartbeatTimeout       = "States.HeartbeatTimeout"
	ErrorTaskFailed             = "States.TaskFailed"
	ErrorPermissions            = "States.Permissions"
	ErrorResultPathMatchFailure = "States.ResultPathMatchFailure"
	ErrorParameterPathFailure   = "States.ParameterPathFailure"
	ErrorBranchFailed           = "States.BranchFailed"
	ErrorNoChoiceMatched        = "States.NoChoiceMatched"
	ErrorIntrinsicFailure       = "States.IntrinsicFailure"
	ErrorExceedToleratedFailure = "States.ExceedToleratedFailureThreshold"
	ErrorItemReaderFailed       = "States.ItemReaderFailed"
	ErrorResultWriterFailed     = "States.ResultWriterFailed"
	ErrorRuntime                = "States.Runtime"
	ErrorDataLimitExceeded      = "States.DataLimitExceeded"
	ErrorQueryEvaluationError   = "States.QueryEvaluationError"
	// ErrorHTTPSocket: an HTTP Task's call got no response (timeout,
	// refused or broken connection).
	ErrorHTTPSocket = "States.Http.Socket"
	// ErrorHTTPStatusCodePrefix + "404": an HTTP Task's call answered
	// with a status other than 2XX.
	ErrorHTTPStatusCodePrefix = "States.Http.StatusCode."
)

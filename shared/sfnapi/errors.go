package sfnapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// AWS error codes, exactly as Step Functions spells them. This is the only
// place they live.
const (
	CodeActivityDoesNotExist         = "ActivityDoesNotExist"
	CodeActivityAlreadyExists        = "ActivityAlreadyExists"
	CodeConflict                     = "ConflictException"
	CodeExecutionAlreadyExists       = "ExecutionAlreadyExists"
	CodeExecutionDoesNotExist        = "ExecutionDoesNotExist"
	CodeExecutionNotRedrivable       = "ExecutionNotRedrivable"
	CodeInvalidArn                   = "InvalidArn"
	CodeInvalidDefinition            = "InvalidDefinition"
	CodeInvalidExecutionInput        = "InvalidExecutionInput"
	CodeInvalidLoggingConfiguration  = "InvalidLoggingConfiguration"
	CodeInvalidName                  = "InvalidName"
	CodeInvalidOutput                = "InvalidOutput"
	CodeInvalidToken                 = "InvalidToken"
	CodeInvalidTracingConfiguration  = "InvalidTracingConfiguration"
	CodeMissingRequiredParameter     = "MissingRequiredParameter"
	CodeResourceNotFound             = "ResourceNotFound"
	CodeStateMachineAlreadyExists    = "StateMachineAlreadyExists"
	CodeStateMachineDoesNotExist     = "StateMachineDoesNotExist"
	CodeStateMachineTypeNotSupported = "StateMachineTypeNotSupported"
	CodeTaskDoesNotExist             = "TaskDoesNotExist"
	CodeTaskTimedOut                 = "TaskTimedOut"
	CodeTooManyTags                  = "TooManyTags"
	CodeValidation                   = "ValidationException"
	// CodeSerialization answers bodies that are not JSON of the input's
	// shape; AWS sends com.amazon.coral.service#SerializationException,
	// which SDKs reduce to this.
	CodeSerialization    = "SerializationException"
	CodeUnknownOperation = "UnknownOperationException"
	CodeInternalFailure  = "InternalFailure"
	// CodeRequestEntityTooLarge answers a request over MaxRequestBytes
	// (HTTP 413), as AWS's front end does before any operation runs.
	CodeRequestEntityTooLarge = "RequestEntityTooLargeException"
)

// Error is an API error: an AWS error code and its message, and for a
// ValidationException the model's machine-readable reason, if any.
type Error struct {
	Code    string
	Message string
	Reason  string
}

// ValidationException reasons (the model's ValidationExceptionReason),
// which SDKs expose as the error's Reason for programs to branch on.
const (
	ReasonMissingRequiredParameter    = "MISSING_REQUIRED_PARAMETER"
	ReasonCannotUpdateCompletedMapRun = "CANNOT_UPDATE_COMPLETED_MAP_RUN"
	ReasonInvalidRoutingConfiguration = "INVALID_ROUTING_CONFIGURATION"
	ReasonLabeledArns                 = "API_DOES_NOT_SUPPORT_LABELED_ARNS"
)

// errLabeledArn refuses a Distributed Map's labeled state machine ARN
// where the operation takes none (the reason is the model's, the text
// ours; AWS's API reference documents the ValidationException for
// DeleteStateMachine).
func errLabeledArn(a string) *Error {
	return errValidationReason(ReasonLabeledArns, fmt.Sprintf("This operation does not support labeled state machine ARNs: '%s'", a))
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Status is the HTTP status AWS answers the error with.
func (e *Error) Status() int {
	switch e.Code {
	case CodeInternalFailure:
		return http.StatusInternalServerError
	case CodeRequestEntityTooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

func newError(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// apiError maps any error an operation returned to an API error: runner
// sentinels to their codes, anything unknown to an internal failure.
func apiError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	switch {
	case errors.Is(err, runner.ErrExecutionAlreadyExists):
		return newError(CodeExecutionAlreadyExists, "Execution Already Exists")
	case errors.Is(err, runner.ErrExecutionDoesNotExist):
		return newError(CodeExecutionDoesNotExist, "Execution Does Not Exist")
	case errors.Is(err, runner.ErrInvalidToken):
		return errInvalidToken()
	case errors.Is(err, runner.ErrTaskTimedOut):
		return newError(CodeTaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'")
	case errors.Is(err, runner.ErrNotRedrivable):
		return newError(CodeExecutionNotRedrivable, "Execution cannot be redriven")
	case errors.Is(err, runner.ErrInvalidInput):
		return invalidInput(strings.TrimPrefix(err.Error(), runner.ErrInvalidInput.Error()+": "))
	case errors.Is(err, runner.ErrInvalidDefinition):
		return newError(CodeInvalidDefinition, "Invalid State Machine Definition")
	case errors.Is(err, store.ErrConflict):
		return newError(CodeConflict, "The resource was modified concurrently; retry the request")
	}
	return newError(CodeInternalFailure, "%s", err.Error())
}

// errUnknownOperation is AWS's answer to a target it does not serve: a
// protocol error, without a message.
func errUnknownOperation() *Error {
	return &Error{Code: CodeUnknownOperation}
}

// errTooLarge is AWS's answer to a request body over MaxRequestBytes.
func errTooLarge(target string) *Error {
	return newError(CodeRequestEntityTooLarge, "Request must be smaller than %d bytes for the %s operation",
		MaxRequestBytes, strings.TrimPrefix(target, TargetPrefix))
}

// errSerialization is AWS's answer to a body it cannot parse; msg is ""
// where AWS sends no message (a body that is not a JSON object).
func errSerialization(msg string) *Error { return &Error{Code: CodeSerialization, Message: msg} }

func errValidation(msg string) *Error { return newError(CodeValidation, "%s", msg) }

// errValidationReason is a ValidationException with the model's reason.
func errValidationReason(reason, msg string) *Error {
	return &Error{Code: CodeValidation, Message: msg, Reason: reason}
}

// errRequired is AWS's message for a missing required member.
func errRequired(field string) *Error {
	return newError(CodeValidation, "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field)
}

func errTooLong(field string, max int) *Error {
	return newError(CodeValidation, "1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", field, max)
}

func errEnum(field, value, set string) *Error {
	return newError(CodeValidation, "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", value, field, set)
}

func errRange(field string, value, min, max int) *Error {
	if value < min {
		return newError(CodeValidation, "1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", value, field, min)
	}
	return newError(CodeValidation, "1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", value, field, max)
}

func errInvalidArn(a string) *Error { return newError(CodeInvalidArn, "Invalid Arn: '%s'", a) }

func errInvalidArnReason(reason string) *Error {
	return newError(CodeInvalidArn, "Invalid Arn: '%s'", reason)
}

func errInvalidName(name string) *Error { return newError(CodeInvalidName, "Invalid Name: '%s'", name) }

func errInvalidToken() *Error { return newError(CodeInvalidToken, "Invalid Token: 'Invalid token'") }

func errStateMachineDoesNotExist(a string) *Error {
	return newError(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", a)
}

func errExecutionDoesNotExist(a string) *Error {
	return newError(CodeExecutionDoesNotExist, "Execution Does Not Exist: '%s'", a)
}

func errActivityDoesNotExist(a string) *Error {
	return newError(CodeActivityDoesNotExist, "Activity Does Not Exist: '%s'", a)
}

// errNoSuchResource is AWS's ResourceNotFound for a missing alias
// (recorded for UpdateStateMachineAlias), which names no ARN.
func errNoSuchResource() *Error {
	return newError(CodeResourceNotFound, "Request references a resource that does not exist.")
}

func errResourceNotFound(a string) *Error {
	return newError(CodeResourceNotFound, "Resource not found: '%s'", a)
}

func errTypeNotSupported() *Error {
	return newError(CodeStateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
}

func errConflict(format string, args ...any) *Error { return newError(CodeConflict, format, args...) }

// notFound turns store.ErrNotFound into the given API error and wraps
// anything else with context.
func notFound(err error, e *Error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, store.ErrNotFound) {
		return e
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Command fail is a Lambda handler that always fails. With an event
// {"errorType": T, "errorMessage": M} it raises an error of type T; otherwise
// it returns a CustomError, whose type name the Go runtime reports as the
// errorType.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambda/messages"
)

// CustomError is the typed error the handler raises by default.
type CustomError struct{ Message string }

func (e *CustomError) Error() string { return e.Message }

type event struct {
	ErrorType    string `json:"errorType"`
	ErrorMessage string `json:"errorMessage"`
}

func handle(_ context.Context, ev *event) (any, error) {
	if ev != nil && ev.ErrorType != "" {
		return nil, messages.InvokeResponse_Error{Type: ev.ErrorType, Message: ev.ErrorMessage}
	}
	msg := "Some exception was raised."
	if ev != nil && ev.ErrorMessage != "" {
		msg = ev.ErrorMessage
	}
	return nil, &CustomError{Message: msg}
}

func main() { lambda.Start(handle) }

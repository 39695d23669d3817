package sfnapi

import (
	"context"
	"fmt"
)

// maxTaskToken is AWS's length limit of task tokens.
const maxTaskToken = 2048

func checkTaskToken(tok string) error {
	if tok == "" {
		return errRequired("taskToken")
	}
	if len(tok) > maxTaskToken {
		return errTooLong("taskToken", maxTaskToken)
	}
	return nil
}

type taskSuccessIn struct {
	TaskToken string  `json:"taskToken"`
	Output    *string `json:"output"`
}

func invalidOutput(reason string) *Error {
	return newError(CodeInvalidOutput, "Invalid Output: '%s'", reason)
}

func sendTaskSuccess(a *API, ctx context.Context, in taskSuccessIn) (struct{}, error) {
	if err := checkTaskToken(in.TaskToken); err != nil {
		return struct{}{}, err
	}
	if in.Output == nil {
		return struct{}{}, errRequired("output")
	}
	if err := a.checkData("output", *in.Output, invalidOutput); err != nil {
		return struct{}{}, err
	}
	if err := a.rt.SendTaskSuccess(ctx, in.TaskToken, *in.Output); err != nil {
		return struct{}{}, fmt.Errorf("send task success: %w", err)
	}
	return struct{}{}, nil
}

type taskFailureIn struct {
	TaskToken string `json:"taskToken"`
	Error     string `json:"error"`
	Cause     string `json:"cause"`
}

func sendTaskFailure(a *API, ctx context.Context, in taskFailureIn) (struct{}, error) {
	if err := checkTaskToken(in.TaskToken); err != nil {
		return struct{}{}, err
	}
	if len(in.Error) > 256 {
		return struct{}{}, errTooLong("error", 256)
	}
	if len(in.Cause) > 32768 {
		return struct{}{}, errTooLong("cause", 32768)
	}
	if err := a.rt.SendTaskFailure(ctx, in.TaskToken, in.Error, in.Cause); err != nil {
		return struct{}{}, fmt.Errorf("send task failure: %w", err)
	}
	return struct{}{}, nil
}

type taskTokenIn struct {
	TaskToken string `json:"taskToken"`
}

func sendTaskHeartbeat(a *API, ctx context.Context, in taskTokenIn) (struct{}, error) {
	if err := checkTaskToken(in.TaskToken); err != nil {
		return struct{}{}, err
	}
	if err := a.rt.SendTaskHeartbeat(ctx, in.TaskToken); err != nil {
		return struct{}{}, fmt.Errorf("send task heartbeat: %w", err)
	}
	return struct{}{}, nil
}

package sfnapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/validate"
)

type startIn struct {
	StateMachineArn string  `json:"stateMachineArn"`
	Name            string  `json:"name"`
	Input           *string `json:"input"`
	TraceHeader     string  `json:"traceHeader"`
}

// syncIn is StartSyncExecution's input: StartExecution's and includedData.
type syncIn struct {
	startIn
	IncludedData string `json:"includedData"`
}

type startOut struct {
	ExecutionArn string `json:"executionArn"`
	StartDate    *epoch `json:"startDate"`
}

// checkData validates execution input or task output: size, nesting (a
// deeper document could not be stored and read back) and JSON.
func (a *API) checkData(field, data string, invalid func(string) *Error) error {
	lim := a.opts.Limits
	if len(data) > lim.PayloadBytes {
		return errTooLong(field, lim.PayloadBytes)
	}
	if jsonval.TextDepth([]byte(data)) > lim.JSONDepth {
		return invalid(limits.DepthProblem(lim.JSONDepth))
	}
	if data == "" {
		return invalid("")
	}
	if msg, _, _, bad := validate.JSONSyntax(data); bad {
		return invalid(msg)
	}
	var v any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		return invalid(err.Error())
	}
	return nil
}

// invalidInput is AWS's answer to execution input that is not JSON; an
// empty input gets its own words.
func invalidInput(reason string) *Error {
	if reason == "" {
		reason = "Invalid execution input."
	}
	return newError(CodeInvalidExecutionInput, "Invalid State Machine Execution Input: '%s'", reason)
}

// startRequest validates a start request and resolves what it names.
func (a *API) startRequest(ctx context.Context, in startIn) (runner.StartRequest, error) {
	if in.StateMachineArn == "" {
		return runner.StartRequest{}, errRequired("stateMachineArn")
	}
	if in.Name != "" && !validName(in.Name) {
		return runner.StartRequest{}, errInvalidName(in.Name)
	}
	input := "{}"
	if in.Input != nil {
		input = *in.Input
		if err := a.checkData("input", input, invalidInput); err != nil {
			return runner.StartRequest{}, err
		}
	}
	// Step Functions Local's mock convention: "<state machine ARN>#<test case>".
	target, testCase, _ := strings.Cut(in.StateMachineArn, "#")
	r, ref, err := a.resolve(ctx, target)
	if err != nil {
		return runner.StartRequest{}, err
	}
	req := runner.StartRequest{StateMachine: r.SM, Definition: r.SM.Definition, RoleARN: r.SM.RoleARN, Name: in.Name, Input: input, TestCase: testCase, TraceHeader: in.TraceHeader}
	if ref.Qualifier != "" {
		req.ExecutedARN = target
	}
	v := r.Version
	if r.Alias != nil {
		if v, err = a.route(ctx, *r.Alias); err != nil {
			return req, err
		}
	}
	if v != nil {
		req.Definition, req.RoleARN, req.VersionARN = v.Definition, v.RoleARN, v.ARN
	}
	return req, nil
}

// route picks one of an alias's versions by weight.
func (a *API) route(ctx context.Context, al store.Alias) (*store.Version, error) {
	if len(al.Routes) == 0 {
		return nil, errResourceNotFound(al.ARN)
	}
	pick, roll := al.Routes[0], a.opts.Random()*100
	if len(al.Routes) > 1 && roll >= float64(al.Routes[0].Weight) {
		pick = al.Routes[1]
	}
	v, err := a.st.GetVersion(ctx, pick.VersionARN)
	if err != nil {
		return nil, notFound(err, errStateMachineDoesNotExist(pick.VersionARN), "load routed version")
	}
	return &v, nil
}

func startExecution(a *API, ctx context.Context, in startIn) (startOut, error) {
	req, err := a.startRequest(ctx, in)
	if err != nil {
		return startOut{}, err
	}
	ex, err := a.rt.Start(ctx, req)
	if errors.Is(err, runner.ErrExecutionAlreadyExists) {
		return startOut{}, newError(CodeExecutionAlreadyExists, "Execution Already Exists: '%s'",
			a.opts.Scope.Execution(req.StateMachine.Name, req.Name))
	}
	if err != nil {
		return startOut{}, fmt.Errorf("start execution: %w", err)
	}
	return startOut{ExecutionArn: ex.ARN, StartDate: ts(ex.StartDate)}, nil
}

type syncOut struct {
	ExecutionArn    string    `json:"executionArn"`
	StateMachineArn string    `json:"stateMachineArn"`
	Name            string    `json:"name"`
	StartDate       *epoch    `json:"startDate"`
	StopDate        *epoch    `json:"stopDate"`
	Status          string    `json:"status"`
	Error           string    `json:"error,omitempty"`
	Cause           string    `json:"cause,omitempty"`
	Input           *string   `json:"input,omitempty"`
	InputDetails    included  `json:"inputDetails"`
	Output          *string   `json:"output,omitempty"`
	OutputDetails   *included `json:"outputDetails,omitempty"`
	TraceHeader     string    `json:"traceHeader,omitempty"`
	BillingDetails  billing   `json:"billingDetails"`
}

// billing is AWS's BillingDetails of a synchronous Express execution:
// duration billed in 100 ms increments (at least one), memory in 64 MB
// increments. Stepwise does not meter memory, so it reports the smallest
// increment.
type billing struct {
	BilledMemoryUsedInMB         int64 `json:"billedMemoryUsedInMB"`
	BilledDurationInMilliseconds int64 `json:"billedDurationInMilliseconds"`
}

func billingFor(d time.Duration) billing {
	ms := max(d.Milliseconds(), 1)
	return billing{BilledMemoryUsedInMB: 64, BilledDurationInMilliseconds: (ms + 99) / 100 * 100}
}

func startSyncExecution(a *API, ctx context.Context, in syncIn) (syncOut, error) {
	req, err := a.startRequest(ctx, in.startIn)
	if err != nil {
		return syncOut{}, err
	}
	if req.StateMachine.Type != "EXPRESS" {
		return syncOut{}, errTypeNotSupported()
	}
	ex, err := a.rt.StartSync(ctx, req)
	if err != nil {
		return syncOut{}, fmt.Errorf("start sync execution: %w", err)
	}
	out := syncOut{ExecutionArn: ex.ARN, StateMachineArn: ex.StateMachineARN, Name: ex.Name, StartDate: ts(ex.StartDate),
		StopDate: ts(ex.StopDate), Status: ex.Status, Error: ex.Error, Cause: ex.Cause,
		TraceHeader: in.TraceHeader, BillingDetails: billingFor(ex.StopDate.Sub(ex.StartDate))}
	out.Input, out.InputDetails, out.Output, out.OutputDetails = executionData(ex, in.IncludedData)
	return out, nil
}

type executionArnIn struct {
	ExecutionArn string `json:"executionArn"`
	IncludedData string `json:"includedData"`
}

// loadExecution validates an execution ARN and loads its record.
func (a *API) loadExecution(ctx context.Context, s string) (store.Execution, error) {
	if s == "" {
		return store.Execution{}, errRequired("executionArn")
	}
	if _, err := parseARN(s, "execution"); err != nil {
		return store.Execution{}, err
	}
	ex, err := a.st.GetExecution(ctx, s)
	if err != nil {
		return ex, notFound(err, errExecutionDoesNotExist(s), "load execution")
	}
	return ex, nil
}

type stopIn struct {
	ExecutionArn string `json:"executionArn"`
	Error        string `json:"error"`
	Cause        string `json:"cause"`
}

type stopOut struct {
	StopDate *epoch `json:"stopDate"`
}

func stopExecution(a *API, ctx context.Context, in stopIn) (stopOut, error) {
	if len(in.Error) > 256 {
		return stopOut{}, errTooLong("error", 256)
	}
	if len(in.Cause) > 32768 {
		return stopOut{}, errTooLong("cause", 32768)
	}
	if _, err := a.loadExecution(ctx, in.ExecutionArn); err != nil {
		return stopOut{}, err
	}
	ex, err := a.rt.Stop(ctx, in.ExecutionArn, in.Error, in.Cause)
	if errors.Is(err, runner.ErrExecutionDoesNotExist) {
		return stopOut{}, errExecutionDoesNotExist(in.ExecutionArn)
	}
	if err != nil {
		return stopOut{}, fmt.Errorf("stop execution: %w", err)
	}
	return stopOut{StopDate: ts(ex.StopDate)}, nil
}

type redriveIn struct {
	ExecutionArn string `json:"executionArn"`
	ClientToken  string `json:"clientToken"`
}

type redriveOut struct {
	RedriveDate *epoch `json:"redriveDate"`
}

func redriveExecution(a *API, ctx context.Context, in redriveIn) (redriveOut, error) {
	if _, err := a.loadExecution(ctx, in.ExecutionArn); err != nil {
		return redriveOut{}, err
	}
	_, err := a.rt.Redrive(ctx, in.ExecutionArn)
	if errors.Is(err, runner.ErrNotRedrivable) {
		return redriveOut{}, newError(CodeExecutionNotRedrivable, "Execution cannot be redriven: '%s'", in.ExecutionArn)
	}
	if err != nil {
		return redriveOut{}, fmt.Errorf("redrive execution: %w", err)
	}
	return redriveOut{RedriveDate: ts(a.opts.Now())}, nil
}

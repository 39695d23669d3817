package sfnapi

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
)

type describeExecutionOut struct {
	ExecutionArn           string    `json:"executionArn"`
	StateMachineArn        string    `json:"stateMachineArn"`
	Name                   string    `json:"name"`
	Status                 string    `json:"status"`
	StartDate              *epoch    `json:"startDate"`
	StopDate               *epoch    `json:"stopDate,omitempty"`
	Input                  *string   `json:"input,omitempty"`
	InputDetails           included  `json:"inputDetails"`
	Output                 *string   `json:"output,omitempty"`
	OutputDetails          *included `json:"outputDetails,omitempty"`
	Error                  string    `json:"error,omitempty"`
	Cause                  string    `json:"cause,omitempty"`
	StateMachineVersionArn string    `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasArn   string    `json:"stateMachineAliasArn,omitempty"`
	RedriveCount           int       `json:"redriveCount"`
	RedriveDate            *epoch    `json:"redriveDate,omitempty"`
	RedriveStatus          string    `json:"redriveStatus,omitempty"`
	RedriveStatusReason    string    `json:"redriveStatusReason,omitempty"`
	MapRunArn              string    `json:"mapRunArn,omitempty"`
	TraceHeader            string    `json:"traceHeader,omitempty"`
}

// executionARNs are the version an execution ran (named, or the one its
// alias routed to) and the alias it was started with.
func executionARNs(ex store.Execution) (version, alias string) {
	if ex.ExecutedARN != "" {
		if ref, err := parseSM(ex.ExecutedARN); err == nil && ref.IsVersion {
			version = ex.ExecutedARN
		} else if err == nil && ref.Qualifier != "" {
			alias = ex.ExecutedARN
		}
	}
	if ex.VersionARN != "" {
		version = ex.VersionARN
	}
	return version, alias
}

// redrive is AWS's redrive status of a Standard execution.
func redrive(status string) (string, string) {
	switch status {
	case "FAILED", "TIMED_OUT", "ABORTED":
		return "REDRIVABLE", ""
	}
	return "NOT_REDRIVABLE", fmt.Sprintf("Execution is %s and cannot be redriven", status)
}

func describeExecution(a *API, ctx context.Context, in executionArnIn) (describeExecutionOut, error) {
	ex, err := a.loadDescribable(ctx, in.ExecutionArn)
	if err != nil {
		return describeExecutionOut{}, err
	}
	out := describeExecutionOut{
		ExecutionArn: ex.ARN, StateMachineArn: ex.StateMachineARN, Name: ex.Name, Status: ex.Status,
		StartDate: ts(ex.StartDate), StopDate: ts(ex.StopDate),
		Error: ex.Error, Cause: ex.Cause, RedriveCount: ex.RedriveCount, MapRunArn: ex.MapRunARN, TraceHeader: ex.TraceHeader,
	}
	out.Input, out.InputDetails, out.Output, out.OutputDetails = executionData(ex, in.IncludedData)
	out.StateMachineVersionArn, out.StateMachineAliasArn = executionARNs(ex)
	if ex.Type != "EXPRESS" {
		out.RedriveStatus, out.RedriveStatusReason = redrive(ex.Status)
	}
	if ex.RedriveCount > 0 {
		if out.RedriveDate, err = a.lastRedrive(ctx, ex.ARN); err != nil {
			return describeExecutionOut{}, err
		}
	}
	return out, nil
}

// lastRedrive is when an execution was last redriven: its last
// ExecutionRedriven event.
func (a *API) lastRedrive(ctx context.Context, arn string) (*epoch, error) {
	events, err := a.rt.History(ctx, arn)
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type == history.ExecutionRedriven {
			return ts(events[i].Timestamp), nil
		}
	}
	return nil, nil
}

type smForExecutionOut struct {
	StateMachineArn         string              `json:"stateMachineArn"`
	Name                    string              `json:"name"`
	Definition              string              `json:"definition"`
	RoleArn                 string              `json:"roleArn"`
	UpdateDate              *epoch              `json:"updateDate"`
	LoggingConfiguration    rawText             `json:"loggingConfiguration"`
	TracingConfiguration    rawText             `json:"tracingConfiguration"`
	RevisionId              string              `json:"revisionId,omitempty"`
	EncryptionConfiguration *encryptionConfig   `json:"encryptionConfiguration"`
	VariableReferences      map[string][]string `json:"variableReferences,omitempty"`
	MapRunArn               string              `json:"mapRunArn,omitempty"`
	Label                   string              `json:"label,omitempty"`
}

func describeStateMachineForExecution(a *API, ctx context.Context, in executionArnIn) (smForExecutionOut, error) {
	ex, err := a.loadDescribable(ctx, in.ExecutionArn)
	if err != nil {
		return smForExecutionOut{}, err
	}
	if ex.MapRunARN != "" {
		return a.mapChildMachine(ctx, ex, in.IncludedData)
	}
	sm, err := a.st.GetStateMachine(ctx, ex.StateMachineARN)
	if err != nil {
		return smForExecutionOut{}, notFound(err, errStateMachineDoesNotExist(ex.StateMachineARN), "load state machine")
	}
	out := smForExecutionOut{StateMachineArn: sm.ARN, Name: sm.Name, Definition: sm.Definition, RoleArn: sm.RoleARN,
		UpdateDate:           ts(sm.UpdateDate),
		LoggingConfiguration: rawText(orDefault(sm.LoggingConfiguration, defaultLogging)),
		TracingConfiguration: rawText(orDefault(sm.TracingConfiguration, defaultTracing)), RevisionId: wireRevision(sm.RevisionID),
		EncryptionConfiguration: encryptionOf(sm.EncryptionConfiguration)}
	// An execution of a version ran that version's definition.
	version, _ := executionARNs(ex)
	if version != "" {
		if v, err := a.st.GetVersion(ctx, version); err == nil {
			out.Definition, out.RoleArn, out.RevisionId, out.UpdateDate = v.Definition, v.RoleARN, wireRevision(v.RevisionID), ts(v.CreationDate)
			out.EncryptionConfiguration = encryptionOf(v.EncryptionConfiguration)
		}
	}
	out.VariableReferences = variableReferences(out.Definition)
	if in.IncludedData == "METADATA_ONLY" {
		out.Definition = metadataOnly
	}
	return out, nil
}

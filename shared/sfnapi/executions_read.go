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

type listExecutionsIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	StatusFilter    string `json:"statusFilter"`
	MaxResults      int    `json:"maxResults"`
	NextToken       string `json:"nextToken"`
	MapRunArn       string `json:"mapRunArn"`
	RedriveFilter   string `json:"redriveFilter"`
}

type executionItem struct {
	ExecutionArn           string `json:"executionArn"`
	StateMachineArn        string `json:"stateMachineArn"`
	Name                   string `json:"name"`
	Status                 string `json:"status"`
	StartDate              *epoch `json:"startDate"`
	StopDate               *epoch `json:"stopDate,omitempty"`
	StateMachineVersionArn string `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasArn   string `json:"stateMachineAliasArn,omitempty"`
	RedriveCount           int    `json:"redriveCount"`
	RedriveDate            *epoch `json:"redriveDate,omitempty"`
	// Only when the list is a map run's children, as AWS answers them.
	MapRunArn string `json:"mapRunArn,omitempty"`
	ItemCount *int   `json:"itemCount,omitempty"`
}

type listExecutionsOut struct {
	Executions []executionItem `json:"executions"`
	NextToken  string          `json:"nextToken,omitempty"`
}

// executionFilter validates a ListExecutions request into a store filter.
func (a *API) executionFilter(ctx context.Context, in listExecutionsIn) (store.ExecutionFilter, error) {
	switch {
	case in.MapRunArn != "" && in.StateMachineArn != "":
		return store.ExecutionFilter{}, errValidation("Only one of stateMachineArn or mapRunArn can be specified")
	case in.MapRunArn != "":
		run, err := a.loadMapRun(ctx, in.MapRunArn)
		return store.ExecutionFilter{StateMachineARN: run.StateMachineARN, MapRunARN: run.ARN, Status: in.StatusFilter}, err
	case in.StateMachineArn == "":
		return store.ExecutionFilter{}, errValidation("Must provide a StateMachine ARN or MapRun ARN")
	}
	switch in.StatusFilter {
	case "", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE":
	default:
		return store.ExecutionFilter{}, errEnum("statusFilter", in.StatusFilter, "SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING")
	}
	switch in.RedriveFilter {
	case "", "REDRIVEN", "NOT_REDRIVEN":
	default:
		return store.ExecutionFilter{}, errEnum("redriveFilter", in.RedriveFilter, "REDRIVEN, NOT_REDRIVEN")
	}
	r, ref, err := a.resolve(ctx, in.StateMachineArn)
	if err != nil {
		return store.ExecutionFilter{}, err
	}
	if r.SM.Type == "EXPRESS" {
		// Express executions are not recorded for listing, as in AWS.
		return store.ExecutionFilter{}, errTypeNotSupported()
	}
	f := store.ExecutionFilter{StateMachineARN: r.SM.ARN, Status: in.StatusFilter}
	switch {
	case ref.IsVersion:
		f.VersionARN = in.StateMachineArn
	case ref.Qualifier != "":
		f.ExecutedARN = in.StateMachineArn
	}
	return f, nil
}

func listExecutions(a *API, ctx context.Context, in listExecutionsIn) (listExecutionsOut, error) {
	size, err := pageSize(in.MaxResults, 1000)
	if err != nil {
		return listExecutionsOut{}, err
	}
	f, err := a.executionFilter(ctx, in)
	if err != nil {
		return listExecutionsOut{}, err
	}
	scope := fmt.Sprintf("executions|%s|%s|%s|%s|%s|%s", f.StateMachineARN, f.ExecutedARN, f.VersionARN, f.Status, in.RedriveFilter, f.MapRunARN)
	c, err := decodeToken(in.NextToken, scope)
	if err != nil {
		return listExecutionsOut{}, err
	}
	exs, next, err := a.st.ListExecutions(ctx, f, store.Page{Token: c.Store, Limit: size})
	if err != nil {
		return listExecutionsOut{}, fmt.Errorf("list executions: %w", err)
	}
	out := listExecutionsOut{Executions: make([]executionItem, 0, len(exs)), NextToken: storeNext(next, scope)}
	for _, ex := range exs {
		if (in.RedriveFilter == "REDRIVEN") != (ex.RedriveCount > 0) && in.RedriveFilter != "" {
			continue
		}
		it := executionItem{ExecutionArn: ex.ARN, StateMachineArn: ex.StateMachineARN, Name: ex.Name, Status: ex.Status,
			StartDate: ts(ex.StartDate), StopDate: ts(ex.StopDate), RedriveCount: ex.RedriveCount}
		it.StateMachineVersionArn, it.StateMachineAliasArn = executionARNs(ex)
		if ex.RedriveCount > 0 {
			if it.RedriveDate, err = a.lastRedrive(ctx, ex.ARN); err != nil {
				return listExecutionsOut{}, err
			}
		}
		out.Executions = append(out.Executions, it)
	}
	if in.MapRunArn != "" {
		if err := a.countChildItems(ctx, in.MapRunArn, out.Executions); err != nil {
			return listExecutionsOut{}, err
		}
	}
	return out, nil
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

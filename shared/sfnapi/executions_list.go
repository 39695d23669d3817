package sfnapi

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

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
	keep := func(ex store.Execution) bool {
		return in.RedriveFilter == "" || (in.RedriveFilter == "REDRIVEN") == (ex.RedriveCount > 0)
	}
	exs, next, err := a.filteredExecutions(ctx, f, c.Store, size, keep)
	if err != nil {
		return listExecutionsOut{}, err
	}
	out := listExecutionsOut{Executions: make([]executionItem, 0, len(exs)), NextToken: storeNext(next, scope)}
	for _, ex := range exs {
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

// maxFilterReads bounds the store reads of one filtered listing page; a
// page may then hold fewer than maxResults items, as AWS allows.
const maxFilterReads = 20

// filteredExecutions reads the store's pages from token, keeping the
// executions keep accepts, until size are kept or the listing ends. Each
// read asks only for the items still wanted, so the returned store token
// resumes right after the last execution read: none is skipped.
func (a *API) filteredExecutions(ctx context.Context, f store.ExecutionFilter, token string, size int,
	keep func(store.Execution) bool) ([]store.Execution, string, error) {
	var out []store.Execution
	for range maxFilterReads {
		exs, next, err := a.st.ListExecutions(ctx, f, store.Page{Token: token, Limit: size - len(out)})
		if err != nil {
			return nil, "", fmt.Errorf("list executions: %w", err)
		}
		for _, ex := range exs {
			if keep(ex) {
				out = append(out, ex)
			}
		}
		token = next
		if token == "" || len(out) == size {
			break
		}
	}
	return out, token, nil
}

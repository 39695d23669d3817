package sfnapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// Map runs are the child workflows of Distributed Map states, recorded by
// the runner (runner.MapRunReader). Their operations keep AWS's shapes and
// errors.

type listMapRunsIn struct {
	ExecutionArn string `json:"executionArn"`
	MaxResults   int    `json:"maxResults"`
	NextToken    string `json:"nextToken"`
}

// mapRunItem is AWS's MapRunListItem.
type mapRunItem struct {
	ExecutionArn    string `json:"executionArn"`
	MapRunArn       string `json:"mapRunArn"`
	StateMachineArn string `json:"stateMachineArn"`
	StartDate       *epoch `json:"startDate"`
	StopDate        *epoch `json:"stopDate,omitempty"`
}

type listMapRunsOut struct {
	MapRuns   []mapRunItem `json:"mapRuns"`
	NextToken string       `json:"nextToken,omitempty"`
}

func listMapRuns(a *API, ctx context.Context, in listMapRunsIn) (listMapRunsOut, error) {
	size, err := pageSize(in.MaxResults, 1000)
	if err != nil {
		return listMapRunsOut{}, err
	}
	if _, err := a.loadExecution(ctx, in.ExecutionArn); err != nil {
		return listMapRunsOut{}, err
	}
	c, err := decodeToken(in.NextToken, "ListMapRuns|"+in.ExecutionArn)
	if err != nil {
		return listMapRunsOut{}, err
	}
	items := []mapRunItem{}
	if rd, ok := a.rt.(runner.MapRunReader); ok {
		runs, err := rd.MapRuns(ctx, in.ExecutionArn)
		if err != nil {
			return listMapRunsOut{}, fmt.Errorf("list map runs: %w", err)
		}
		// Newest first, as AWS lists them.
		for i := len(runs) - 1; i >= 0; i-- {
			r := runs[i]
			items = append(items, mapRunItem{ExecutionArn: r.ExecutionARN, MapRunArn: r.ARN, StateMachineArn: r.StateMachineARN,
				StartDate: ts(r.StartDate), StopDate: ts(r.StopDate)})
		}
	}
	page, next := offsetPage(items, c, size)
	return listMapRunsOut{MapRuns: page, NextToken: next}, nil
}

type mapRunArnIn struct {
	MapRunArn string `json:"mapRunArn"`
}

// mapRunCounts is AWS's MapRunItemCounts / MapRunExecutionCounts.
type mapRunCounts struct {
	Pending        int64 `json:"pending"`
	Running        int64 `json:"running"`
	Succeeded      int64 `json:"succeeded"`
	Failed         int64 `json:"failed"`
	TimedOut       int64 `json:"timedOut"`
	Aborted        int64 `json:"aborted"`
	Total          int64 `json:"total"`
	ResultsWritten int64 `json:"resultsWritten"`
	// Omitted when zero, as AWS's recorded responses show them.
	FailuresNotRedrivable int64 `json:"failuresNotRedrivable,omitempty"`
	PendingRedrive        int64 `json:"pendingRedrive,omitempty"`
}

// describeMapRunOut is AWS's DescribeMapRun response.
type describeMapRunOut struct {
	MapRunArn                  string       `json:"mapRunArn"`
	ExecutionArn               string       `json:"executionArn"`
	Status                     string       `json:"status"`
	StartDate                  *epoch       `json:"startDate"`
	StopDate                   *epoch       `json:"stopDate,omitempty"`
	MaxConcurrency             int64        `json:"maxConcurrency"`
	ToleratedFailurePercentage float64      `json:"toleratedFailurePercentage"`
	ToleratedFailureCount      int64        `json:"toleratedFailureCount"`
	ItemCounts                 mapRunCounts `json:"itemCounts"`
	ExecutionCounts            mapRunCounts `json:"executionCounts"`
	RedriveCount               int64        `json:"redriveCount"`
	RedriveDate                *epoch       `json:"redriveDate,omitempty"`
}

// loadMapRun checks a map run ARN and loads the map run.
func (a *API) loadMapRun(ctx context.Context, s string) (runner.MapRun, error) {
	if s == "" {
		return runner.MapRun{}, errRequired("mapRunArn")
	}
	if _, err := parseARN(s, "mapRun"); err != nil {
		return runner.MapRun{}, err
	}
	rd, ok := a.rt.(runner.MapRunReader)
	if !ok {
		return runner.MapRun{}, errResourceNotFound(s)
	}
	run, err := rd.MapRun(ctx, s)
	if errors.Is(err, store.ErrNotFound) {
		return runner.MapRun{}, errResourceNotFound(s)
	}
	if err != nil {
		return runner.MapRun{}, fmt.Errorf("load map run %s: %w", s, err)
	}
	return run, nil
}

func describeMapRun(a *API, ctx context.Context, in mapRunArnIn) (describeMapRunOut, error) {
	r, err := a.loadMapRun(ctx, in.MapRunArn)
	if err != nil {
		return describeMapRunOut{}, err
	}
	counts, items := wireCounts(r.Counts), wireCounts(r.ItemCounts)
	return describeMapRunOut{
		MapRunArn: r.ARN, ExecutionArn: r.ExecutionARN, Status: r.Status, StartDate: ts(r.StartDate), StopDate: ts(r.StopDate),
		MaxConcurrency: int64(r.MaxConcurrency), ToleratedFailurePercentage: r.ToleratedFailurePercentage,
		ToleratedFailureCount: r.ToleratedFailureCount, ItemCounts: items, ExecutionCounts: counts,
		RedriveCount: int64(r.RedriveCount), RedriveDate: ts(r.RedriveDate),
	}, nil
}

func wireCounts(c runner.MapRunCounts) mapRunCounts {
	return mapRunCounts{Pending: c.Pending(), Running: c.Running, Succeeded: c.Succeeded, Failed: c.Failed,
		TimedOut: c.TimedOut, Aborted: c.Aborted, Total: c.Total, ResultsWritten: c.ResultsWritten}
}

type updateMapRunIn struct {
	MapRunArn                  string   `json:"mapRunArn"`
	MaxConcurrency             *int     `json:"maxConcurrency"`
	ToleratedFailurePercentage *float64 `json:"toleratedFailurePercentage"`
	ToleratedFailureCount      *int64   `json:"toleratedFailureCount"`
}

func updateMapRun(a *API, ctx context.Context, in updateMapRunIn) (struct{}, error) {
	if in.MaxConcurrency == nil && in.ToleratedFailurePercentage == nil && in.ToleratedFailureCount == nil {
		return struct{}{}, errValidationReason(ReasonMissingRequiredParameter,
			"Must specify at least one of maxConcurrency, toleratedFailurePercentage, toleratedFailureCount")
	}
	if _, err := a.loadMapRun(ctx, in.MapRunArn); err != nil {
		return struct{}{}, err
	}
	up, ok := a.rt.(runner.MapRunUpdater)
	if !ok {
		return struct{}{}, errors.New("update map run: the runtime keeps no map runs")
	}
	u := runner.MapRunUpdate{ToleratedFailurePercentage: in.ToleratedFailurePercentage, ToleratedFailureCount: in.ToleratedFailureCount}
	u.MaxConcurrency = in.MaxConcurrency
	err := up.UpdateMapRun(ctx, in.MapRunArn, u)
	if errors.Is(err, runner.ErrMapRunNotRunning) {
		// The model's reason CANNOT_UPDATE_COMPLETED_MAP_RUN; the text is ours.
		return struct{}{}, errValidationReason(ReasonCannotUpdateCompletedMapRun,
			"Cannot update a Map Run that has completed: "+in.MapRunArn)
	}
	if err != nil {
		return struct{}{}, fmt.Errorf("update map run: %w", err)
	}
	return struct{}{}, nil
}

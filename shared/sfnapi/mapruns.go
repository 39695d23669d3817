package sfnapi

import "context"

// Map runs are the child workflows of Distributed Map states. Their
// operations keep AWS's shapes and errors; until distributed maps record
// map runs, an execution lists none and no map run ARN names one.

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
	page, next := offsetPage([]mapRunItem{}, c, size)
	return listMapRunsOut{MapRuns: page, NextToken: next}, nil
}

type mapRunArnIn struct {
	MapRunArn string `json:"mapRunArn"`
}

// mapRunCounts is AWS's MapRunItemCounts / MapRunExecutionCounts.
type mapRunCounts struct {
	Pending               int64 `json:"pending"`
	Running               int64 `json:"running"`
	Succeeded             int64 `json:"succeeded"`
	Failed                int64 `json:"failed"`
	TimedOut              int64 `json:"timedOut"`
	Aborted               int64 `json:"aborted"`
	Total                 int64 `json:"total"`
	ResultsWritten        int64 `json:"resultsWritten"`
	FailuresNotRedrivable int64 `json:"failuresNotRedrivable"`
	PendingRedrive        int64 `json:"pendingRedrive"`
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

// loadMapRun checks a map run ARN and answers that the map run does not
// exist: none is recorded yet (see above).
func (a *API) loadMapRun(s string) error {
	if s == "" {
		return errRequired("mapRunArn")
	}
	if _, err := parseARN(s, "mapRun"); err != nil {
		return err
	}
	return errResourceNotFound(s)
}

func describeMapRun(a *API, _ context.Context, in mapRunArnIn) (describeMapRunOut, error) {
	return describeMapRunOut{}, a.loadMapRun(in.MapRunArn)
}

type updateMapRunIn struct {
	MapRunArn                  string   `json:"mapRunArn"`
	MaxConcurrency             *int64   `json:"maxConcurrency"`
	ToleratedFailurePercentage *float64 `json:"toleratedFailurePercentage"`
	ToleratedFailureCount      *int64   `json:"toleratedFailureCount"`
}

func updateMapRun(a *API, _ context.Context, in updateMapRunIn) (struct{}, error) {
	if in.MaxConcurrency == nil && in.ToleratedFailurePercentage == nil && in.ToleratedFailureCount == nil {
		return struct{}{}, errValidation("Must specify at least one of maxConcurrency, toleratedFailurePercentage, toleratedFailureCount")
	}
	return struct{}{}, a.loadMapRun(in.MapRunArn)
}

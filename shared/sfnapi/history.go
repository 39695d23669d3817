package sfnapi

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/runner"
)

type historyIn struct {
	ExecutionArn         string `json:"executionArn"`
	MaxResults           int    `json:"maxResults"`
	ReverseOrder         bool   `json:"reverseOrder"`
	NextToken            string `json:"nextToken"`
	IncludeExecutionData *bool  `json:"includeExecutionData"`
}

type historyOut struct {
	Events    []rawValue `json:"events"`
	NextToken string     `json:"nextToken,omitempty"`
}

func getExecutionHistory(a *API, ctx context.Context, in historyIn) (historyOut, error) {
	size, err := pageSize(in.MaxResults, 1000)
	if err != nil {
		return historyOut{}, err
	}
	if _, err := a.loadExecution(ctx, in.ExecutionArn); err != nil {
		return historyOut{}, err
	}
	scope := fmt.Sprintf("history|%s|%t", in.ExecutionArn, in.ReverseOrder)
	c, err := decodeToken(in.NextToken, scope)
	if err != nil {
		return historyOut{}, err
	}
	events, err := a.rt.History(ctx, in.ExecutionArn)
	if errors.Is(err, runner.ErrExecutionDoesNotExist) {
		return historyOut{}, errExecutionDoesNotExist(in.ExecutionArn)
	}
	if err != nil {
		return historyOut{}, fmt.Errorf("load history: %w", err)
	}
	if in.ReverseOrder {
		events = slices.Clone(events)
		slices.Reverse(events)
	}
	pageEvents, next := offsetPage(events, c, size)
	withData := in.IncludeExecutionData == nil || *in.IncludeExecutionData
	out := historyOut{Events: make([]rawValue, 0, len(pageEvents)), NextToken: next}
	for _, e := range pageEvents {
		out.Events = append(out.Events, rawValue{renderEvent(e, withData)})
	}
	return out, nil
}

// dataKeys are the details that carry execution data.
var dataKeys = []string{"input", "output", "inputDetails", "outputDetails", "parameters"}

// renderEvent renders an event; without data its payload details are
// dropped, as includeExecutionData=false asks.
func renderEvent(e history.Event, withData bool) *jsonval.Object {
	o := e.JSON()
	if withData {
		return o
	}
	key := history.DetailsKey(e.Type)
	d, ok := o.Get(key)
	obj, isObj := d.(*jsonval.Object)
	if !ok || !isObj {
		return o
	}
	stripped := obj.Clone()
	for _, k := range dataKeys {
		stripped.Delete(k)
	}
	o.Set(key, stripped)
	return o
}

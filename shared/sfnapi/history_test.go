package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

func sampleHistory() []history.Event {
	evs := []history.Event{
		history.New(history.ExecutionStarted, "input", history.Payload{Value: jsonval.MustDecode(`{"a":1}`)}, "roleArn", role),
		history.Entered(history.StateEntered("Pass"), "P", jsonval.MustDecode(`{"a":1}`)),
		history.Exited(history.StateExited("Pass"), "P", jsonval.MustDecode(`{"b":2}`)),
		history.New(history.ExecutionSucceeded, "output", history.Payload{Value: jsonval.MustDecode(`{"b":2}`)}),
	}
	for i := range evs {
		evs[i].ID, evs[i].PreviousEventID, evs[i].Timestamp = int64(i+1), int64(i), t0
	}
	return evs
}

func TestGetExecutionHistory(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	start, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Name: aws.String("x")})
	mustNil(t, err, "start")
	e.rt.history[*start.ExecutionArn] = sampleHistory()

	all := func(in sfn.GetExecutionHistoryInput) []types.HistoryEvent {
		t.Helper()
		in.ExecutionArn = start.ExecutionArn
		var out []types.HistoryEvent
		p := sfn.NewGetExecutionHistoryPaginator(e.client, &in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx())
			mustNil(t, err, "history page")
			if in.MaxResults > 0 && len(page.Events) > int(in.MaxResults) {
				t.Fatalf("page of %d events, max %d", len(page.Events), in.MaxResults)
			}
			out = append(out, page.Events...)
		}
		return out
	}
	tests := []struct {
		name    string
		in      sfn.GetExecutionHistoryInput
		ids     []int64
		started string // executionStartedEventDetails.input, or "" when stripped
	}{
		{"default", sfn.GetExecutionHistoryInput{}, []int64{1, 2, 3, 4}, `{"a":1}`},
		{"paged", sfn.GetExecutionHistoryInput{MaxResults: 3}, []int64{1, 2, 3, 4}, `{"a":1}`},
		{"reverse paged", sfn.GetExecutionHistoryInput{MaxResults: 1, ReverseOrder: true}, []int64{4, 3, 2, 1}, `{"a":1}`},
		{"no data", sfn.GetExecutionHistoryInput{IncludeExecutionData: aws.Bool(false)}, []int64{1, 2, 3, 4}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs := all(tc.in)
			if len(evs) != len(tc.ids) {
				t.Fatalf("%d events, want %d", len(evs), len(tc.ids))
			}
			for i, ev := range evs {
				if ev.Id != tc.ids[i] {
					t.Fatalf("event %d has id %d, want %d", i, ev.Id, tc.ids[i])
				}
				switch ev.Type {
				case types.HistoryEventTypeExecutionStarted:
					if got := aws.ToString(ev.ExecutionStartedEventDetails.Input); got != tc.started || *ev.ExecutionStartedEventDetails.RoleArn != role {
						t.Fatalf("started input %q, want %q", got, tc.started)
					}
				case types.HistoryEventTypePassStateEntered:
					if *ev.StateEnteredEventDetails.Name != "P" {
						t.Fatalf("entered %+v", ev.StateEnteredEventDetails)
					}
				}
				if !ev.Timestamp.Equal(t0) {
					t.Fatalf("timestamp %v", ev.Timestamp)
				}
			}
		})
	}
	_, err = e.client.GetExecutionHistory(ctx(), &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(*start.ExecutionArn + "y")})
	wantCode(t, err, "ExecutionDoesNotExist", "")
	_, err = e.client.GetExecutionHistory(ctx(), &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn, NextToken: aws.String("v1.bad")})
	wantCode(t, err, "InvalidToken", "")
}

package sfnapi_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
)

// TestListExecutions_RedriveFilterPages: a redriveFilter selects before
// paging, so each page holds maxResults matching executions (not a store
// page's worth, most of them filtered out) and the pages, followed by
// their tokens, hold every match once.
func TestListExecutions_RedriveFilterPages(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 30 {
		ex := store.Execution{ARN: fmt.Sprintf("arn:aws:states:us-east-1:123456789012:execution:sm:e%02d", i),
			StateMachineARN: smArn, Name: fmt.Sprintf("e%02d", i), Type: "STANDARD", Status: "SUCCEEDED",
			StartDate: start.Add(time.Duration(i) * time.Second)}
		if i%7 == 0 { // e00, e07, e14, e21, e28
			ex.RedriveCount = 1
		}
		mustNil(t, e.st.CreateExecution(ctx(), ex), "create execution")
		e.rt.history[ex.ARN] = []history.Event{}
	}
	tests := []struct {
		filter types.ExecutionRedriveFilter
		max    int32
		want   int
	}{
		{types.ExecutionRedriveFilterRedriven, 2, 5},
		{types.ExecutionRedriveFilterNotRedriven, 4, 25},
		{"", 7, 30},
	}
	for _, tc := range tests {
		t.Run(string(tc.filter)+fmt.Sprint(tc.max), func(t *testing.T) {
			seen := map[string]bool{}
			var token *string
			for pages := 0; ; pages++ {
				out, err := e.client.ListExecutions(ctx(), &sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn),
					RedriveFilter: tc.filter, MaxResults: tc.max, NextToken: token})
				mustNil(t, err, "list")
				if out.NextToken != nil && len(out.Executions) != int(tc.max) {
					t.Fatalf("page %d holds %d executions, want %d", pages, len(out.Executions), tc.max)
				}
				for _, ex := range out.Executions {
					redriven := aws.ToInt32(ex.RedriveCount) > 0
					if tc.filter != "" && redriven != (tc.filter == types.ExecutionRedriveFilterRedriven) || seen[*ex.Name] {
						t.Fatalf("execution %s (redriveCount %d) listed wrongly", *ex.Name, aws.ToInt32(ex.RedriveCount))
					}
					seen[*ex.Name] = true
				}
				if token = out.NextToken; token == nil {
					break
				}
			}
			if len(seen) != tc.want {
				t.Fatalf("listed %d executions, want %d", len(seen), tc.want)
			}
		})
	}
}

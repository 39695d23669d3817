package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// distributedDef runs each item as a child execution that fails on item "bad".
const distributedDef = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"lbl","MaxConcurrency":2,%s
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
  "C":{"Type":"Choice","Choices":[{"Variable":"$","StringEquals":"bad","Next":"F"}],"Default":"P"},
  "F":{"Type":"Fail","Error":"Bad","Cause":"bad item"},
  "P":{"Type":"Pass","Parameters":{"got.$":"$","id.$":"$$.Execution.Id"},"End":true}}},"End":true}}}`

func TestDistributedMap_ChildExecutionsAndMapRun(t *testing.T) {
	f := newFixture(t, task.Unconfigured{})
	ex := f.start(strings.Replace(distributedDef, "%s", "", 1), "parent", `["a","b","c"]`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded {
		t.Fatalf("status %s %s %s", got.Status, got.Error, got.Cause)
	}
	if want := "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded"; f.historyTypes(ex.ARN) != want {
		t.Fatalf("history\n got %s\nwant %s", f.historyTypes(ex.ARN), want)
	}
	runs, err := f.r.MapRuns(context.Background(), ex.ARN)
	if err != nil || len(runs) != 1 {
		t.Fatalf("map runs %v %v", runs, err)
	}
	run := runs[0]
	if !strings.Contains(run.ARN, ":mapRun:sm/lbl:") || run.StateMachineARN != "arn:aws:states:us-east-1:000000000000:stateMachine:sm/lbl" {
		t.Fatalf("map run %+v", run)
	}
	if c := run.Counts; run.Status != MapRunSucceeded || c.Total != 3 || c.Succeeded != 3 || c.Running != 0 || c.Pending() != 0 || run.MaxConcurrency != 2 {
		t.Fatalf("map run %+v", run)
	}
	if again, err := f.r.MapRun(context.Background(), run.ARN); err != nil || again.ExecutionARN != ex.ARN {
		t.Fatalf("describe %+v %v", again, err)
	}
	children, _, err := f.st.ListExecutions(context.Background(), store.ExecutionFilter{StateMachineARN: run.StateMachineARN, MapRunARN: run.ARN}, store.Page{})
	if err != nil || len(children) != 3 {
		t.Fatalf("children %d %v", len(children), err)
	}
	for _, c := range children {
		if !strings.HasPrefix(c.ARN, "arn:aws:states:us-east-1:000000000000:execution:sm/lbl:") || c.Status != StatusSucceeded {
			t.Fatalf("child %+v", c)
		}
		if !strings.Contains(c.Output, `"id":"`+c.ARN+`"`) {
			t.Fatalf("child context object: %s", c.Output)
		}
		if h := f.historyTypes(c.ARN); !strings.HasPrefix(h, "ExecutionStarted ChoiceStateEntered") {
			t.Fatalf("child history %s", h)
		}
	}
	if !strings.Contains(got.Output, `{"got":"a","id":"arn:aws:states:us-east-1:000000000000:execution:sm/lbl:`) {
		t.Fatalf("output %s", got.Output)
	}
}

func TestDistributedMap_ToleratedFailures(t *testing.T) {
	for _, tc := range []struct {
		name, field, status, counts string
	}{
		{"none tolerated", "", StatusFailed, "FAILED"},
		{"one tolerated", `"ToleratedFailureCount":1,`, StatusSucceeded, "SUCCEEDED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, task.Unconfigured{})
			ex := f.start(strings.Replace(distributedDef, "%s", tc.field, 1), "parent", `["a","bad","c"]`)
			f.drain()
			got := f.get(ex.ARN)
			if got.Status != tc.status {
				t.Fatalf("status %s %s %s", got.Status, got.Error, got.Cause)
			}
			if tc.status == StatusFailed && got.Error != "States.ExceedToleratedFailureThreshold" {
				t.Fatalf("error %s %s", got.Error, got.Cause)
			}
			runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
			if len(runs) != 1 || runs[0].Status != tc.counts || runs[0].Counts.Failed != 1 {
				t.Fatalf("map runs %+v", runs)
			}
			if h := f.historyTypes(ex.ARN); tc.status == StatusFailed && !strings.Contains(h, "MapRunFailed MapStateFailed") {
				t.Fatalf("history %s", h)
			}
		})
	}
}

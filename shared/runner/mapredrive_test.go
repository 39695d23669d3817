package runner

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// itemInvoker fails the items in broken and counts the calls per item.
type itemInvoker struct {
	mu     sync.Mutex
	broken map[string]bool
	calls  map[string]int
}

func (v *itemInvoker) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	item, _ := req.Input.(string)
	v.calls[item]++
	if v.broken[item] {
		return task.Result{Failed: true, Error: "Broken", Cause: item}, nil
	}
	return task.Success(req.Input), nil
}

const redriveDef = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"lbl","MaxConcurrency":1,
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
  "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}},"End":true}}}`

// TestDistributedMap_Redrive: redriving an execution whose map run failed
// redrives that run: the failed child is redriven, the pending items start,
// the succeeded child is not run again.
func TestDistributedMap_Redrive(t *testing.T) {
	inv := &itemInvoker{broken: map[string]bool{"bad": true}, calls: map[string]int{}}
	f := newFixture(t, inv)
	ex := f.start(redriveDef, "parent", `["a","bad","c","d"]`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("first run: %s %s", got.Status, got.Error)
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].Status != MapRunFailed || runs[0].Counts.Succeeded != 1 || runs[0].Counts.Failed != 1 || runs[0].Counts.Pending() != 2 {
		t.Fatalf("failed map run %+v", runs)
	}
	failedRun := runs[0]

	inv.broken["bad"] = false
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `["a","bad","c","d"]` {
		t.Fatalf("redriven: %s %s %s %s", got.Status, got.Error, got.Cause, got.Output)
	}
	for item, want := range map[string]int{"a": 1, "bad": 2, "c": 1, "d": 1} {
		if inv.calls[item] != want {
			t.Errorf("item %q ran %d times, want %d", item, inv.calls[item], want)
		}
	}
	runs, _ = f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].ARN != failedRun.ARN || runs[0].Status != MapRunSucceeded || runs[0].RedriveCount != 1 ||
		runs[0].Counts.Succeeded != 4 || runs[0].Counts.Failed != 0 || runs[0].Counts.Total != 4 {
		t.Fatalf("redriven map run %+v", runs)
	}
	if h := f.historyTypes(ex.ARN); !strings.Contains(h, "ExecutionRedriven MapStateEntered MapStateStarted MapRunRedriven MapRunSucceeded") {
		t.Fatalf("history %s", h)
	}
	children, _, err := f.st.ListExecutions(context.Background(), store.ExecutionFilter{StateMachineARN: runs[0].StateMachineARN, MapRunARN: runs[0].ARN}, store.Page{})
	if err != nil || len(children) != 4 {
		t.Fatalf("children %d %v", len(children), err)
	}
	for _, c := range children {
		want := 0
		if c.Input == jsonval.String("bad") {
			want = 1
		}
		if c.Status != StatusSucceeded || c.RedriveCount != want {
			t.Errorf("child %s (input %s): %s, redriven %d times, want %d", c.Name, c.Input, c.Status, c.RedriveCount, want)
		}
	}
}

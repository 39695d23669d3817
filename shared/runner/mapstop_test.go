package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// waitingMap is a map run whose children wait, or fail on item "bad".
const waitingMap = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"w","MaxConcurrency":2,
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
  "C":{"Type":"Choice","Choices":[{"Variable":"$","StringEquals":"bad","Next":"F"}],"Default":"W"},
  "F":{"Type":"Fail","Error":"Bad"},
  "W":{"Type":"Wait","Seconds":100,"End":true}}},"End":true}}}`

// stepUntilWaiting delivers messages that are due now (not the waits).
func (f *fixture) stepUntilWaiting() {
	f.t.Helper()
	for i := 0; i < len(f.q.msgs); {
		m := f.q.msgs[i]
		if m.Due.After(f.clk.Now()) || m.Kind == queue.KindTimeout {
			i++
			continue
		}
		f.q.msgs = append(f.q.msgs[:i], f.q.msgs[i+1:]...)
		if err := f.r.Handle(context.Background(), m); err != nil {
			f.t.Fatal(err)
		}
		i = 0
	}
}

func (f *fixture) children(runARN, smARN string) []store.Execution {
	f.t.Helper()
	out, _, err := f.st.ListExecutions(context.Background(), store.ExecutionFilter{StateMachineARN: smARN, MapRunARN: runARN}, store.Page{})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func TestDistributedMap_StopStopsChildren(t *testing.T) {
	f := newFixture(t, task.Unconfigured{})
	ex := f.start(waitingMap, "parent", `["a","b","c"]`)
	f.stepUntilWaiting()
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].Counts.Running != 2 {
		t.Fatalf("map runs %+v", runs)
	}
	if _, err := f.r.Stop(context.Background(), ex.ARN, "", ""); err != nil {
		t.Fatal(err)
	}
	f.drain()
	runs, _ = f.r.MapRuns(context.Background(), ex.ARN)
	if runs[0].Status != MapRunAborted {
		t.Fatalf("map run %+v", runs[0])
	}
	kids := f.children(runs[0].ARN, runs[0].StateMachineARN)
	if len(kids) != 2 {
		t.Fatalf("%d children started", len(kids))
	}
	for _, c := range kids {
		if c.Status != StatusAborted {
			t.Fatalf("child %s is %s", c.ARN, c.Status)
		}
	}
}

func TestDistributedMap_FailureStopsRunningChildren(t *testing.T) {
	f := newFixture(t, task.Unconfigured{})
	ex := f.start(waitingMap, "parent", `["a","bad","c"]`)
	f.stepUntilWaiting()
	got := f.get(ex.ARN)
	if got.Status != StatusFailed || got.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("parent %s %s", got.Status, got.Error)
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	for _, c := range f.children(runs[0].ARN, runs[0].StateMachineARN) {
		if c.Status == StatusRunning {
			t.Fatalf("child %s still runs", c.ARN)
		}
	}
}

func TestDistributedMap_UpdateMapRun(t *testing.T) {
	f := newFixture(t, task.Unconfigured{})
	ex := f.start(strings.Replace(waitingMap, `"MaxConcurrency":2`, `"MaxConcurrency":1`, 1), "parent", `["a","b","bad","c"]`)
	f.stepUntilWaiting()
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	n, tol := 4, int64(1)
	if err := f.r.UpdateMapRun(context.Background(), runs[0].ARN, MapRunUpdate{MaxConcurrency: &n, ToleratedFailureCount: &tol}); err != nil {
		t.Fatal(err)
	}
	f.stepUntilWaiting()
	run, _ := f.r.MapRun(context.Background(), runs[0].ARN)
	if run.MaxConcurrency != 4 || run.ToleratedFailureCount != 1 || run.Counts.Running != 3 || run.Counts.Failed != 1 || run.Status != MapRunRunning {
		t.Fatalf("map run after update %+v", run)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("parent %s %s %s", got.Status, got.Error, got.Cause)
	}
	tol = 0
	if err := f.r.UpdateMapRun(context.Background(), runs[0].ARN, MapRunUpdate{ToleratedFailureCount: &tol}); err != ErrMapRunNotRunning {
		t.Fatalf("update of an ended run: %v", err)
	}
}

package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/task"
)

// redriveDef runs each item through a Lambda task, one child at a time.
const redriveDef = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"lbl","MaxConcurrency":1,"End":true,
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
  "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}}}}`

// TestMapRun_Redrive fails a map run on item "bad", redrives its execution
// once the task is fixed, and checks that only the failed and the pending
// items ran again, in the same map run, whose child for "bad" was redriven.
func TestMapRun_Redrive(t *testing.T) {
	fixed := false
	calls := map[string]int{}
	f := newFixture(t, badUntilFixed(&fixed, calls))
	ex := f.start(redriveDef, "parent", `["a","b","bad","c","d"]`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("first run: %s %s %s", got.Status, got.Error, got.Cause)
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].Status != MapRunFailed || runs[0].Counts.Succeeded != 2 || runs[0].Counts.Failed != 1 || runs[0].Counts.Pending() != 2 {
		t.Fatalf("map run after the failure %+v", runs)
	}

	fixed = true
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `["a!","b!","bad!","c!","d!"]` {
		runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
		t.Logf("history %s\nruns %+v", f.historyTypes(ex.ARN), runs)
		t.Fatalf("after the redrive: %s %s %s output %s", got.Status, got.Error, got.Cause, got.Output)
	}
	for item, want := range map[string]int{"a": 1, "b": 1, "bad": 2, "c": 1, "d": 1} {
		if calls[item] != want {
			t.Errorf("item %q ran %d times, want %d", item, calls[item], want)
		}
	}
	runs, _ = f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 {
		t.Fatalf("%d map runs after the redrive, want the same one", len(runs))
	}
	run := runs[0]
	if c := run.Counts; run.Status != MapRunSucceeded || run.RedriveCount != 1 || run.RedriveDate.IsZero() || c.Succeeded != 5 || c.Failed != 0 || c.Pending() != 0 {
		t.Fatalf("map run after the redrive %+v", run)
	}
	if h := f.historyTypes(ex.ARN); !strings.Contains(h, "ExecutionFailed ExecutionRedriven MapRunRedriven MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded") {
		t.Fatalf("history %s", h)
	}
	badChild := f.r.mapChildARN(&mapRun{SMName: "sm/lbl"}, childName(f.secret(ex.ARN)+"|"+run.ARN+"|2"))
	if c := f.get(badChild); c.Status != StatusSucceeded || c.RedriveCount != 1 {
		t.Fatalf("child of item bad: %s, redriven %d times", c.Status, c.RedriveCount)
	}
}

// TestMapRun_RedriveAfterStop stops an execution while its map run has
// two children waiting and two items pending: the redrive redrives the two
// aborted children and starts the pending items, in the same run.
func TestMapRun_RedriveAfterStop(t *testing.T) {
	f := newFixture(t, task.Unconfigured{})
	ex := f.start(waitingMap, "parent", `["a","b","c","d"]`)
	f.stepUntilWaiting()
	if _, err := f.r.Stop(context.Background(), ex.ARN, "", ""); err != nil {
		t.Fatal(err)
	}
	f.drain()
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].Status != MapRunAborted || runs[0].Counts.Aborted != 2 || runs[0].Counts.Pending() != 2 {
		t.Fatalf("map run after the stop %+v", runs)
	}
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("after the redrive: %s %s %s", got.Status, got.Error, got.Cause)
	}
	runs, _ = f.r.MapRuns(context.Background(), ex.ARN)
	if c := runs[0].Counts; len(runs) != 1 || runs[0].Status != MapRunSucceeded || c.Succeeded != 4 || c.Aborted != 0 {
		t.Fatalf("map run after the redrive %+v", runs)
	}
	redriven := 0
	for _, c := range f.children(runs[0].ARN, runs[0].StateMachineARN) {
		if c.Status != StatusSucceeded {
			t.Fatalf("child %s is %s", c.ARN, c.Status)
		}
		redriven += c.RedriveCount
	}
	if redriven != 2 {
		t.Fatalf("%d child redrives, want the 2 aborted children's", redriven)
	}
}

// secret reads an execution's secret from its record.
func (f *fixture) secret(arn string) string {
	f.t.Helper()
	st, err := decodeState(f.get(arn).State)
	if err != nil {
		f.t.Fatal(err)
	}
	return st.Secret
}

// TestMapRun_RedriveExpress: Express children cannot be redriven, so the
// redrive of their run starts the failed and pending items again as new
// executions, in the same run; the items that succeeded keep their first
// child, whose output the Map still returns.
func TestMapRun_RedriveExpress(t *testing.T) {
	fixed := false
	calls := map[string]int{}
	f := newFixture(t, badUntilFixed(&fixed, calls))
	def := strings.Replace(redriveDef, `"ExecutionType":"STANDARD"`, `"ExecutionType":"EXPRESS"`, 1)
	ex := f.start(def, "parent", `["a","b","bad","c","d"]`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed {
		t.Fatalf("first run: %s %s %s", got.Status, got.Error, got.Cause)
	}
	fixed = true
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `["a!","b!","bad!","c!","d!"]` {
		t.Fatalf("after the redrive: %s %s %s output %s", got.Status, got.Error, got.Cause, got.Output)
	}
	for item, want := range map[string]int{"a": 1, "b": 1, "bad": 2, "c": 1, "d": 1} {
		if calls[item] != want {
			t.Errorf("item %q ran %d times, want %d", item, calls[item], want)
		}
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].Status != MapRunSucceeded || runs[0].RedriveCount != 1 {
		t.Fatalf("map runs after the redrive %+v", runs)
	}
	statuses := map[string]int{}
	for _, c := range f.children(runs[0].ARN, runs[0].StateMachineARN) {
		statuses[c.Status]++
		if c.RedriveCount != 0 {
			t.Errorf("Express child %s was redriven", c.ARN)
		}
	}
	if statuses[StatusSucceeded] != 5 || statuses[StatusFailed] != 1 || len(statuses) != 2 {
		t.Fatalf("children by status %v, want 5 succeeded and the first try of bad failed", statuses)
	}
}

// badUntilFixed is a Lambda that answers its item with "!" appended,
// failing item "bad" until *fixed, and counts its calls per item.
func badUntilFixed(fixed *bool, calls map[string]int) invokerFunc {
	return func(r task.Request) task.Result {
		item, _ := r.Input.(string)
		calls[item]++
		if item == "bad" && !*fixed {
			return task.Failure("Bad", "not fixed yet")
		}
		return task.Success(item + "!")
	}
}

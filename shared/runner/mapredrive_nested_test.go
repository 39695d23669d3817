package runner

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/task"
)

// nestedMapDefs hold a Distributed Map inside a Parallel branch and inside
// an inline Map iteration; their items run through a Lambda task.
var nestedMapDefs = map[string]struct{ def, input, output string }{
	"in a Parallel": {`{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true}}},
	  {"StartAt":"M","States":{"M":{"Type":"Map","Label":"lbl","MaxConcurrency":1,"End":true,
	   "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
	    "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}}}}]}}}`,
		`["a","bad","c"]`, `[["a","bad","c"],["a!","bad!","c!"]]`},
	"in an inline Map": {`{"StartAt":"O","States":{"O":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"M","States":{
	  "M":{"Type":"Map","Label":"lbl","MaxConcurrency":1,"End":true,
	   "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
	    "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}}}}}}}`,
		`[["a","bad","c"]]`, `[["a!","bad!","c!"]]`},
}

// TestMapRun_RedriveNested fails a nested map run on item "bad" and
// redrives the execution: the branch or iteration enters the Map again and
// resumes the same map run, where only the failed and pending items run.
func TestMapRun_RedriveNested(t *testing.T) {
	for name, tc := range nestedMapDefs {
		t.Run(name, func(t *testing.T) {
			fixed := false
			calls := map[string]int{}
			f := newFixture(t, badUntilFixed(&fixed, calls))
			ex := f.start(tc.def, "parent", tc.input)
			f.drain()
			if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != "States.ExceedToleratedFailureThreshold" {
				t.Fatalf("first run: %s %s %s", got.Status, got.Error, got.Cause)
			}
			runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
			if len(runs) != 1 || runs[0].Status != MapRunFailed || runs[0].Counts.Pending() != 1 {
				t.Fatalf("map runs after the failure %+v", runs)
			}
			fixed = true
			if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
				t.Fatal(err)
			}
			f.drain()
			if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != tc.output {
				t.Fatalf("after the redrive: %s %s %s output %s\nhistory %s", got.Status, got.Error, got.Cause, got.Output, f.historyTypes(ex.ARN))
			}
			for item, want := range map[string]int{"a": 1, "bad": 2, "c": 1} {
				if calls[item] != want {
					t.Errorf("item %q ran %d times, want %d", item, calls[item], want)
				}
			}
			runs, _ = f.r.MapRuns(context.Background(), ex.ARN)
			if len(runs) != 1 {
				t.Fatalf("%d map runs after the redrive, want the same one: %+v", len(runs), runs)
			}
			if c := runs[0].Counts; runs[0].Status != MapRunSucceeded || runs[0].RedriveCount != 1 || c.Succeeded != 3 || c.Failed != 0 {
				t.Fatalf("map run after the redrive %+v", runs[0])
			}
		})
	}
}

// TestMapRun_DroppedBranchAbortsRun fails a Parallel's other branch while
// its map run has children waiting: the run is aborted, its children
// stopped, and a redrive resumes it.
func TestMapRun_DroppedBranchAbortsRun(t *testing.T) {
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"F"},"F":{"Type":"Fail","Error":"Late"}}},
	  {"StartAt":"M","States":{"M":{"Type":"Map","Label":"w","MaxConcurrency":2,"End":true,
	   "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"W","States":{
	    "W":{"Type":"Wait","Seconds":100,"End":true}}}}}}]}}}`
	f := newFixture(t, task.Unconfigured{})
	ex := f.start(def, "parent", `["a","b","c"]`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != "Late" {
		t.Fatalf("first run: %s %s %s", got.Status, got.Error, got.Cause)
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if len(runs) != 1 || runs[0].Status != MapRunAborted || runs[0].Counts.Aborted != 2 || runs[0].Counts.Pending() != 1 {
		t.Fatalf("map runs after the failure %+v", runs)
	}
	for _, c := range f.children(runs[0].ARN, runs[0].StateMachineARN) {
		if c.Status != StatusAborted {
			t.Fatalf("child %s is %s, want it stopped with its run", c.ARN, c.Status)
		}
	}
}

//go:build integration

package integration

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// nestedRedriveDef holds the map run in a Parallel branch; the batch
// starting at row 70 fails (States.NoChoiceMatched) until its child is
// redriven (a redriven child resumes at the Choice and sees its
// RedriveCount), and no failure is tolerated.
var nestedRedriveDef = `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"M","States":{"M":` +
	mapRunState(`"ToleratedFailurePercentage":0,`, `"StartAt":"C","States":{
  "C":{"Type":"Choice","Choices":[{"Or":[{"Not":{"Variable":"$.Items[0].id","StringEquals":"70"}},
    {"Variable":"$$.Execution.RedriveCount","NumericGreaterThan":0}],"Next":"OK"}]},
  "OK":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.Items)"},"End":true}}`) + `}}]}}}`

// testNestedRedrive fails a map run nested in a Parallel, redrives the
// execution, and checks that the same map run went on: its failed and
// pending children ran, none was added, every batch succeeded.
func testNestedRedrive(ctx context.Context, t *testing.T, r *runner.Runner, e *rtEnv, start func(*testing.T, string, string) store.Execution) {
	ex := start(t, "nested", nestedRedriveDef)
	final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
	if err != nil {
		t.Fatal(err)
	}
	if got := final[ex.ARN]; got.Status != runner.StatusFailed || got.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("first attempt: %s %s %s", got.Status, got.Error, got.Cause)
	}
	runs, err := r.MapRuns(ctx, ex.ARN)
	if err != nil || len(runs) != 1 || runs[0].Status != runner.MapRunFailed {
		t.Fatalf("map runs after the failure %+v %v", runs, err)
	}
	before := runs[0].Counts
	if _, err := r.Redrive(ctx, ex.ARN); err != nil {
		t.Fatal(err)
	}
	if final, err = WaitFinished(ctx, e.raw, []string{ex.ARN}); err != nil {
		t.Fatal(err)
	}
	if got := final[ex.ARN]; got.Status != runner.StatusSucceeded {
		t.Fatalf("after the redrive: %s %s %s", got.Status, got.Error, got.Cause)
	}
	runs, err = r.MapRuns(ctx, ex.ARN)
	if err != nil || len(runs) != 1 {
		t.Fatalf("%d map runs after the redrive, want the same one: %v", len(runs), err)
	}
	if c := runs[0].Counts; runs[0].Status != runner.MapRunSucceeded || runs[0].RedriveCount != 1 || c.Total != 100 || c.Succeeded != 100 {
		t.Fatalf("map run after the redrive %+v", runs[0])
	}
	kids, _, err := e.raw.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: runs[0].StateMachineARN, MapRunARN: runs[0].ARN}, store.Page{Limit: 1000})
	if err != nil || len(kids) != 100 {
		t.Fatalf("children listed: %d %v", len(kids), err)
	}
	t.Logf("first attempt: %d succeeded, %d failed, %d aborted, %d pending; after the redrive all 100 batches succeeded in the same run",
		before.Succeeded, before.Failed, before.Aborted, before.Pending())
}

package runner

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestMapRun_ThresholdStopsAtOnce: the commit that applies the end of the
// child that exceeds the tolerated failures reads no other child: it only
// stops the run, whose Map then joins in a step of its own. (Joined in
// that commit, the read of every child made it lose the race against the
// ends of the other children, and the run went on starting children.)
// The children still running count as aborted.
func TestMapRun_ThresholdStopsAtOnce(t *testing.T) {
	g := newPagedRig(t, 300)
	g.failing[150] = true // the batch of items 150-152, child 50
	var counting *hookStore
	f := newFixture(t, g, func(o *Options) {
		o.ReaderPage = 30
		counting = newHookStore(o.Store)
		o.Store = counting
	})
	ex := f.start(fmt.Sprintf(pagedDef, ""), "thr", `{"tag":"x"}`)
	failedAt := -1
	for i := 0; len(f.q.msgs) > 0; i++ {
		if i > 10000 {
			t.Fatal("queue never drains")
		}
		m := f.q.msgs[0]
		f.q.msgs = f.q.msgs[1:]
		before := counting.readCounts()
		if err := f.r.Handle(context.Background(), m); err != nil {
			t.Fatalf("handle %+v: %v", m, err)
		}
		runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
		if failedAt < 0 && len(runs) == 1 && runs[0].Counts.Failed == 1 {
			failedAt = 0
			for arn, n := range counting.readCounts() {
				if arn != ex.ARN && n > before[arn] {
					failedAt++
				}
			}
		}
	}
	// The failed child's record, those of the children whose ends the
	// same drain of the parent's inbox applied (at most MaxConcurrency, 4),
	// and those of the running children it stops (at most 4, some started
	// by that drain): not the run's 54 children.
	if failedAt < 1 || failedAt > 8 {
		t.Errorf("the commit of the failure read %d children's records, want 1 to 8", failedAt)
	}
	got := f.get(ex.ARN)
	if got.Status != StatusFailed || got.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("%s %s %s", got.Status, got.Error, got.Cause)
	}
	if h := f.historyTypes(ex.ARN); !strings.Contains(h, "MapRunFailed MapStateFailed ExecutionFailed") {
		t.Fatalf("history %s", h)
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	c := runs[0].Counts
	kids := f.children(runs[0].ARN, runs[0].StateMachineARN)
	if c.Failed != 1 || c.Running != 0 || c.Succeeded+c.Failed+c.Aborted != int64(len(kids)) || c.Aborted == 0 {
		t.Fatalf("map run counts %+v, %d children started", c, len(kids))
	}
}

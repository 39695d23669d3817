package runner

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
)

// TestGetChild_TriesAgain: a child's record refused by the store is read
// again, up to childReadTries reads in all; a missing one is not.
func TestGetChild_TriesAgain(t *testing.T) {
	defer func(p time.Duration) { childReadPause = p }(childReadPause)
	childReadPause = time.Millisecond
	const arn = "arn:aws:states:us-east-1:000000000000:execution:sm/run:child"
	for _, tc := range []struct {
		refusals  int
		stored    bool
		wantReads int
		wantErr   bool
	}{
		{0, true, 1, false},
		{3, true, 4, false},
		{4, true, 4, true},
		{0, false, 1, true}, // ErrNotFound, at once
	} {
		mem := memstore.New()
		if tc.stored {
			if err := mem.CreateExecution(context.Background(), store.Execution{ARN: arn, Status: StatusSucceeded}); err != nil {
				t.Fatal(err)
			}
		}
		s := newHookStore(mem)
		s.refuse = tc.refusals
		r := New(Options{Store: s})
		ex, err := r.getChild(context.Background(), arn)
		if (err != nil) != tc.wantErr || s.readsOf(arn) != tc.wantReads || (err == nil && ex.ARN != arn) {
			t.Errorf("%d refusals, stored %v: %d reads, %v", tc.refusals, tc.stored, s.readsOf(arn), err)
		}
	}
}

// TestChildEnded_LostRaceReadsEachChildOnce: a batch of child ends whose
// commit loses the race for the parent's record is tried again without
// reading the ended children's records again (with many steppers, most of
// a wide run's child reads were such repeats).
func TestChildEnded_LostRaceReadsEachChildOnce(t *testing.T) {
	g := newPagedRig(t, 12) // four children of three items
	var hs *hookStore
	f := newFixture(t, g, func(o *Options) { hs = newHookStore(o.Store); o.Store = hs })
	ex := f.start(fmt.Sprintf(pagedDef, ""), "race", `{"tag":"x"}`)
	var ends []queue.Message // the rings of the parent's inbox
	for len(f.q.msgs) > 0 {
		m := f.q.msgs[0]
		f.q.msgs = f.q.msgs[1:]
		if m.Kind == queue.KindChildEnds {
			ends = append(ends, m)
			continue
		}
		if err := f.r.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if reports, _, _ := hs.ChildEnds(context.Background(), ex.ARN, 10); len(reports) != 4 || len(ends) != 1 {
		t.Fatalf("%d child ends rung %d times, want 4 rung once", len(reports), len(ends))
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	kids := f.children(runs[0].ARN, runs[0].StateMachineARN)
	before := map[string]int{}
	for _, k := range kids {
		before[k.ARN] = hs.readsOf(k.ARN)
	}
	hs.onceBeforeUpdate(ex.ARN, answer(store.ErrConflict))
	for i, err := range f.r.HandleBatch(context.Background(), ends) {
		if err != nil {
			t.Fatalf("end %d: %v", i, err)
		}
	}
	for _, k := range kids {
		if n := hs.readsOf(k.ARN) - before[k.ARN]; n != 1 {
			t.Errorf("child %s read %d times, want once", k.Name, n)
		}
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("%s %s %s", got.Status, got.Error, got.Cause)
	}
	checkEveryItemOnce(t, f.get(ex.ARN).Output, 12)
}

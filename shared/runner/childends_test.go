package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
)

// flakyInbox fails the removal of reports the first fails times, after
// the drain's commit and sends: the drain fails and is delivered again.
type flakyInbox struct {
	store.Store
	fails int
}

func (s *flakyInbox) RemoveChildEnds(ctx context.Context, parentARN string, reports []string) error {
	if s.fails > 0 {
		s.fails--
		return errors.New("throttled")
	}
	return s.Store.RemoveChildEnds(ctx, parentARN, reports)
}

// TestChildEnds_Faults: a map run whose drains of the parent's inbox die
// before removing what they applied (and are delivered again), or whose
// messages are all delivered twice (a child's end reported again after its
// drain removed it), runs every item once, leaves the inbox empty, and
// its rings end.
func TestChildEnds_Faults(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fails     int
		duplicate bool
	}{{"RemovalFails", 6, false}, {"Duplicates", 0, true}, {"Both", 3, true}} {
		t.Run(tc.name, func(t *testing.T) {
			g := newPagedRig(t, 45)
			inbox := &flakyInbox{fails: tc.fails}
			f := newFixture(t, g, func(o *Options) { inbox.Store = o.Store; o.Store = inbox })
			ex := f.start(fmt.Sprintf(pagedDef, ""), "faults", `{"tag":"x"}`)
			seen := map[string]int{}
			for i := 0; len(f.q.msgs) > 0; i++ {
				if i > 20000 {
					t.Fatal("queue never drains")
				}
				m := f.q.msgs[0]
				f.q.msgs = f.q.msgs[1:]
				key := fmt.Sprintf("%+v", m)
				seen[key]++
				m.ReceiveCount = seen[key]
				if tc.duplicate && seen[key] == 1 {
					f.q.msgs = append(f.q.msgs, m) // delivered again, later
				}
				if err := f.r.Handle(context.Background(), m); err != nil {
					f.q.msgs = append(f.q.msgs, m) // not acknowledged: delivered again
				}
			}
			if inbox.fails != 0 {
				t.Fatalf("%d removals left to fail", inbox.fails)
			}
			got := f.get(ex.ARN)
			if got.Status != StatusSucceeded {
				t.Fatalf("%s %s %s", got.Status, got.Error, got.Cause)
			}
			checkEveryItemOnce(t, got.Output, 45)
			if left, _, _ := f.st.ChildEnds(context.Background(), ex.ARN, 10); len(left) != 0 {
				t.Fatalf("reports left in the inbox: %v", left)
			}
			rings := 0
			for k := range seen {
				if strings.Contains(k, "Kind:"+queue.KindChildEnds+" ") {
					rings++
				}
			}
			if rings == 0 {
				t.Fatal("no ring of the inbox")
			}
		})
	}
}

package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

var childEndTests = map[string]func(t *testing.T, s store.Store){
	"BellAndReports": func(t *testing.T, s store.Store) {
		ctx := context.Background()
		parent := scope + "execution:sm:parent"
		if got, more, err := s.ChildEnds(ctx, parent, 10); err != nil || len(got) != 0 || more {
			t.Fatalf("unwritten inbox: %v %v, %v", got, more, err)
		}
		for i, tc := range []struct {
			report string
			ring   bool
		}{{"a@0", true}, {"b@0", false}, {"a@0", true}, {"c@1#c", false}} {
			if ring, err := s.AddChildEnd(ctx, parent, tc.report); err != nil || ring != tc.ring {
				t.Fatalf("add %d %s: ring %v, %v; want %v", i, tc.report, ring, err, tc.ring)
			}
		}
		got, more, err := s.ChildEnds(ctx, parent, 2)
		if err != nil || len(got) != 2 || !more {
			t.Fatalf("limit 2: %v %v, %v", got, more, err)
		}
		got, more, err = s.ChildEnds(ctx, parent, 10)
		slices.Sort(got)
		if err != nil || more || !slices.Equal(got, []string{"a@0", "b@0", "c@1#c"}) {
			t.Fatalf("inbox %v %v, %v", got, more, err)
		}
		if other, _, _ := s.ChildEnds(ctx, scope+"execution:sm:other", 10); len(other) != 0 {
			t.Fatalf("another parent's inbox %v", other)
		}
		if err := s.RemoveChildEnds(ctx, parent, []string{"a@0", "b@0", "x@0"}); err != nil {
			t.Fatal(err)
		}
		// Reports are left: the close raises the bell again, for the drain.
		if ring, err := s.CloseChildEnds(ctx, parent, "drain"); err != nil || !ring {
			t.Fatalf("close with a report left: ring %v, %v", ring, err)
		}
		if ring, err := s.AddChildEnd(ctx, parent, "d@0"); err != nil || ring {
			t.Fatalf("add while the drain's bell is up: ring %v, %v", ring, err)
		}
		got, _, err = s.ChildEnds(ctx, parent, 10)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, []string{"c@1#c", "d@0"}) {
			t.Fatalf("after remove: %v, %v", got, err)
		}
		if err := s.RemoveChildEnds(ctx, parent, got); err != nil {
			t.Fatal(err)
		}
		if ring, err := s.CloseChildEnds(ctx, parent, "drain"); err != nil || ring {
			t.Fatalf("close of an empty inbox: ring %v, %v", ring, err)
		}
		if ring, err := s.AddChildEnd(ctx, parent, "e@0"); err != nil || !ring {
			t.Fatalf("add after the close: ring %v, %v", ring, err)
		}
	},
}

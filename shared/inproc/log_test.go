package inproc

import (
	"testing"

	"github.com/stepwise/stepwise/shared/history"
)

func TestHistory_Events(t *testing.T) {
	for _, n := range []int{0, 1, chunkSize - 17, chunkSize - 16, chunkSize, 3*chunkSize + 5} {
		var l History
		for i := range n {
			l.add(history.Event{ID: int64(i + 1)})
		}
		evs := l.Events()
		if l.Len() != n || len(evs) != n {
			t.Fatalf("n=%d: Len %d, %d events", n, l.Len(), len(evs))
		}
		for i, e := range evs {
			if e.ID != int64(i+1) {
				t.Fatalf("n=%d: event %d has id %d", n, i, e.ID)
			}
		}
	}
}

func TestHistory_Of(t *testing.T) {
	evs := []history.Event{{ID: 1}, {ID: 2}}
	h := HistoryOf(evs)
	if h.Len() != 2 || &h.Events()[0] != &evs[0] {
		t.Fatalf("Len %d, events %v", h.Len(), h.Events())
	}
}

package runner

import (
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestEvents_RoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 24, 23, 1, 2, 345_000_000, time.UTC)
	tests := []struct {
		name     string
		id, prev int64
	}{
		{"first event", 1, 0},
		{"follows the previous event", 7, 6},
		{"follows an earlier event", 9, 4},
		{"no previous event", 12, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := history.New("TaskStateEntered", "name", "T", "input", history.Payload{Value: jsonval.MustDecode(`{"a":[1,2]}`)})
			e.ID, e.PreviousEventID, e.Timestamp = tt.id, tt.prev, at
			got := decodeEvents(encodeEvents([]history.Event{e}))[0]
			if got.ID != tt.id || got.PreviousEventID != tt.prev || !got.Timestamp.Equal(at) || got.Type != e.Type {
				t.Errorf("got id %d prev %d at %v type %s", got.ID, got.PreviousEventID, got.Timestamp, got.Type)
			}
			if a, b := jsonval.String(got.JSON()), jsonval.String(e.JSON()); a != b {
				t.Errorf("details %s, want %s", a, b)
			}
		})
	}
}

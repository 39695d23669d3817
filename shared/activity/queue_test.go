package activity

import (
	"context"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/store/memstore"
)

func TestStoreQueue_SubmitThenPoll(t *testing.T) {
	q := StoreQueue{Tasks: memstore.New(), PollInterval: time.Millisecond}
	ctx := context.Background()
	if _, ok, err := q.Poll(ctx, "act", 5*time.Millisecond); ok || err != nil {
		t.Fatalf("empty queue gave a task (%v, %v)", ok, err)
	}
	for _, tok := range []string{"a", "b"} {
		if err := q.Submit(ctx, "act", `{"t":"`+tok+`"}`, tok); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"a", "b"} {
		got, ok, err := q.Poll(ctx, "act", time.Second)
		if err != nil || !ok || got.Token != want {
			t.Fatalf("poll: %+v %v %v, want %s", got, ok, err, want)
		}
	}
	if _, ok, _ := q.Poll(ctx, "other", time.Millisecond); ok {
		t.Fatal("tasks leak across activities")
	}
}

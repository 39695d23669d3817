package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

var activityTaskTests = map[string]func(t *testing.T, s store.Store){
	"ClaimOldestFirstOnce": func(t *testing.T, s store.Store) {
		ctx := context.Background()
		act := scope + "activity:work"
		for i, tok := range []string{"t1", "t2"} {
			if err := s.PushActivityTask(ctx, act, store.ActivityTask{Token: tok, Input: `{"n":` + string(rune('1'+i)) + `}`, Scheduled: at(i)}); err != nil {
				t.Fatal(err)
			}
		}
		for _, want := range []string{"t1", "t2"} {
			got, err := s.ClaimActivityTask(ctx, act)
			if err != nil || got.Token != want {
				t.Fatalf("claim: %+v %v, want %s", got, err, want)
			}
		}
		if _, err := s.ClaimActivityTask(ctx, act); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("empty queue: %v", err)
		}
	},
	"PerActivity": func(t *testing.T, s store.Store) {
		ctx := context.Background()
		if err := s.PushActivityTask(ctx, scope+"activity:a", store.ActivityTask{Token: "x", Input: "{}", Scheduled: at(0)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ClaimActivityTask(ctx, scope+"activity:b"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("other activity: %v", err)
		}
	},
}

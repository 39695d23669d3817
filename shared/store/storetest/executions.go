package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

func execARN(sm, name string) string { return scope + "execution:" + sm + ":" + name }

func sampleExec(sm, name string, start int) store.Execution {
	return store.Execution{
		ARN: execARN(sm, name), StateMachineARN: smARN(sm), Name: name, Type: "STANDARD",
		Status: "RUNNING", Input: `{"n":1}`, StartDate: at(start), Version: 1, LastEventID: 1,
		State: []byte(`{"frames":[]}`),
	}
}

var executionTests = map[string]func(t *testing.T, s store.Store){
	"CreateGet": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "e1", 0)
		ex.ExecutedARN, ex.MapRunARN, ex.TraceHeader = smARN("sm")+":1", mapRunARN, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
		mustNil(t, s.CreateExecution(ctx(), ex), "create")
		got, err := s.GetExecution(ctx(), ex.ARN)
		mustNil(t, err, "get")
		same(t, "round trip", got, ex, normExec)
	},
	"CreateExists": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "e1", 0)
		mustNil(t, s.CreateExecution(ctx(), ex), "create")
		other := ex
		other.Input = `{"n":2}`
		mustIs(t, s.CreateExecution(ctx(), other), store.ErrExists, "second create")
		got, _ := s.GetExecution(ctx(), ex.ARN)
		same(t, "unchanged", got, ex, normExec)
	},
	"LargeInput": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "big", 0)
		ex.Input = `{"pad":"` + strings.Repeat("x", 5000) + `"}`
		mustNil(t, s.CreateExecution(ctx(), ex), "create")
		other := sampleExec("sm", "big", 1)
		other.Input = `{"pad":"` + strings.Repeat("y", 5000) + `"}`
		mustIs(t, s.CreateExecution(ctx(), other), store.ErrExists, "second create")
		got, err := s.GetExecution(ctx(), ex.ARN)
		mustNil(t, err, "get")
		same(t, "round trip", got, ex, normExec)
		ex.Status, ex.Version, ex.Output = "SUCCEEDED", 2, `{"done":true}`
		mustNil(t, s.UpdateExecution(ctx(), ex, 1), "update")
		got, err = s.GetExecution(ctx(), ex.ARN)
		mustNil(t, err, "get after update")
		same(t, "after update", got, ex, normExec)
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetExecution(ctx(), execARN("sm", "nope"))
		mustIs(t, err, store.ErrNotFound, "get absent")
	},
	"UpdateAllFields": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "e1", 0)
		mustNil(t, s.CreateExecution(ctx(), ex), "create")
		done := ex
		done.Status, done.Output, done.Error, done.Cause = "FAILED", `{"o":true}`, "States.TaskFailed", "boom"
		done.StopDate, done.RedriveCount, done.Version, done.LastEventID = at(30), 2, 2, 9
		done.State, done.ExpiresAt = []byte(`{"done":1}`), at(3600)
		mustNil(t, s.UpdateExecution(ctx(), done, 1), "update")
		got, _ := s.GetExecution(ctx(), ex.ARN)
		same(t, "after update", got, done, normExec)
	},
	"UpdateConflict": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "e1", 0)
		mustNil(t, s.CreateExecution(ctx(), ex), "create")
		next := ex
		next.Version, next.LastEventID = 2, 4
		mustNil(t, s.UpdateExecution(ctx(), next, 1), "update v1→v2")
		stale := ex
		stale.Version, stale.Status = 2, "ABORTED"
		mustIs(t, s.UpdateExecution(ctx(), stale, 1), store.ErrConflict, "stale update")
		got, _ := s.GetExecution(ctx(), ex.ARN)
		same(t, "unchanged by stale update", got, next, normExec)
	},
	"UpdateAbsent": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "ghost", 0)
		ex.Version = 2
		err := s.UpdateExecution(ctx(), ex, 1)
		if !errors.Is(err, store.ErrConflict) && !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("update of absent execution: got %v, want ErrConflict or ErrNotFound", err)
		}
	},
	"ConcurrentUpdatesOneWins": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "e1", 0)
		mustNil(t, s.CreateExecution(ctx(), ex), "create")
		const n = 8
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				next := ex
				next.Version, next.Output = 2, fmt.Sprintf(`{"writer":%d}`, i)
				errs[i] = s.UpdateExecution(ctx(), next, 1)
			})
		}
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, store.ErrConflict):
				t.Errorf("loser got %v, want ErrConflict", err)
			}
		}
		if wins != 1 {
			t.Fatalf("%d writers won, want exactly 1", wins)
		}
	},
	"NoAliasing": func(t *testing.T, s store.Store) {
		ex := sampleExec("sm", "e1", 0)
		in := ex
		in.State = append([]byte(nil), ex.State...)
		mustNil(t, s.CreateExecution(ctx(), in), "create")
		in.State[0] = 'X'
		got, _ := s.GetExecution(ctx(), ex.ARN)
		got.State[1] = 'Y'
		again, _ := s.GetExecution(ctx(), ex.ARN)
		same(t, "after mutating input and output", again, ex, normExec)
	},
}

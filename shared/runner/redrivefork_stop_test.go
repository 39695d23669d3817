package runner

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/task"
)

// TestRedrive_StoppedFork stops an execution while one branch waits and
// the other has succeeded: the redrive enters the Wait again, in its
// branch only.
func TestRedrive_StoppedFork(t *testing.T) {
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}},
	  {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"c","Next":"W"},"W":{"Type":"Wait","Seconds":60,"Next":"T"},"T":{` + redriveLambda + `,"End":true}}}]}}}`
	fixed := true
	calls := map[string]int{}
	f := newFixture(t, badUntilFixed(&fixed, calls))
	ex := f.start(def, "stopped", `"a"`)
	f.drainDue()
	if _, err := f.r.Stop(context.Background(), ex.ARN, "Bored", ""); err != nil {
		t.Fatal(err)
	}
	f.drain()
	h := f.redriveSucceeds(t, ex.ARN, `["a!","c!"]`)
	if calls["a"] != 1 || calls["c"] != 1 {
		t.Errorf("calls %v, want each item once", calls)
	}
	if _, after, _ := strings.Cut(h, "ExecutionRedriven"); !strings.HasPrefix(after, " WaitStateEntered") || strings.Contains(after, "PassStateEntered") {
		t.Errorf("after the redrive %s, want the Wait entered again and nothing before it", after)
	}
}

func (f *fixture) drainDue() {
	f.t.Helper()
	for i := 0; i < 10000; i++ {
		next := slices.IndexFunc(f.q.msgs, func(m queue.Message) bool { return !m.Due.After(f.clk.Now()) })
		if next < 0 {
			return
		}
		m := f.q.msgs[next]
		f.q.msgs = slices.Delete(f.q.msgs, next, next+1)
		if err := f.r.Handle(context.Background(), m); err != nil {
			f.t.Fatalf("handle %+v: %v", m, err)
		}
	}
	f.t.Fatal("due messages never drain")
}

// TestRedrive_StoppedRedrive stops a redriven Map before it has run every
// iteration again: a second redrive runs the rest, and still none of the
// iterations that succeeded the first time.
func TestRedrive_StoppedRedrive(t *testing.T) {
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ToleratedFailureCount":2,"End":true,"ItemProcessor":{"StartAt":"T","States":{
	  "T":{` + redriveLambda + `,"Next":"W"},"W":{"Type":"Wait","Seconds":10,"End":true}}}}}}`
	calls := map[string]int{}
	fixed := false
	inv := invokerFunc(func(r task.Request) task.Result {
		item, _ := r.Input.(string)
		calls[item]++
		if item != "a" && item != "b" && !fixed {
			return task.Failure("Bad", "not fixed yet")
		}
		return task.Success(item + "!")
	})
	f := newFixture(t, inv)
	ex := f.start(def, "twice", `["x","a","y","b","z"]`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed {
		t.Fatalf("first run %s", got.Status)
	}
	fixed = true
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drainDue() // x succeeds, then waits
	if _, err := f.r.Stop(context.Background(), ex.ARN, "", ""); err != nil {
		t.Fatal(err)
	}
	f.drain()
	f.redriveSucceeds(t, ex.ARN, `["x!","a!","y!","b!","z!"]`)
	want := map[string]int{"a": 1, "b": 1, "x": 2, "y": 2, "z": 2} // x resumed at its Wait
	if !maps.Equal(calls, want) {
		t.Errorf("calls %v, want %v", calls, want)
	}
}

// TestRedrive_StoppedBeforeResuming stops a redriven execution before its
// forks resumed (after 0, 1 and 2 of its steps): the next redrive resumes
// them, and what succeeded the first time still does not run again.
func TestRedrive_StoppedBeforeResuming(t *testing.T) {
	nested := redriveForkCases[3]
	for steps := range 3 {
		t.Run(fmt.Sprint(steps, " steps"), func(t *testing.T) {
			fixed := false
			calls := map[string]int{}
			f := newFixture(t, badUntilFixed(&fixed, calls))
			ex := f.start(nested.def, "fork", nested.input)
			f.drain()
			fixed = true
			if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
				t.Fatal(err)
			}
			for range steps {
				m := f.q.msgs[0]
				f.q.msgs = f.q.msgs[1:]
				if err := f.r.Handle(context.Background(), m); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := f.r.Stop(context.Background(), ex.ARN, "", ""); err != nil {
				t.Fatal(err)
			}
			f.drain()
			f.redriveSucceeds(t, ex.ARN, nested.output)
			if !maps.Equal(calls, nested.calls) {
				t.Errorf("calls %v, want %v", calls, nested.calls)
			}
		})
	}
}

// TestRedrive_TimedOutFork redrives an execution that timed out in a
// Parallel: its TimeoutSeconds runs again from the redrive (AWS resets
// it), and the waiting branch picks up at its second Wait.
func TestRedrive_TimedOutFork(t *testing.T) {
	def := `{"TimeoutSeconds":30,"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}},
	  {"StartAt":"W1","States":{"W1":{"Type":"Wait","Seconds":20,"Next":"W2"},"W2":{"Type":"Wait","Seconds":20,"Next":"R"},
	   "R":{"Type":"Pass","Result":"c","Next":"T"},"T":{` + redriveLambda + `,"End":true}}}]}}}`
	fixed := true
	calls := map[string]int{}
	f := newFixture(t, badUntilFixed(&fixed, calls))
	ex := f.start(def, "timed-out", `"a"`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusTimedOut {
		t.Fatalf("first run %s", got.Status)
	}
	h := f.redriveSucceeds(t, ex.ARN, `["a!","c!"]`)
	if calls["a"] != 1 || calls["c"] != 1 {
		t.Errorf("calls %v, want each item once", calls)
	}
	if _, after, _ := strings.Cut(h, "ExecutionRedriven"); strings.Count(after, "WaitStateEntered") != 1 {
		t.Errorf("after the redrive %s, want the second Wait entered again only", after)
	}
}

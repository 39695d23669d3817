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

const redriveLambda = `"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f"`

// redriveForkCases fail on item "bad" inside a Parallel or inline Map; a
// redrive must run the item again and nothing that succeeded.
var redriveForkCases = []struct {
	name, def, input, output string
	calls                    map[string]int
	err                      string // the first run's
}{
	{"Parallel of three branches", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","Next":"T"},"T":{` + redriveLambda + `,"End":true}}},
	  {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"bad","Next":"T"},"T":{` + redriveLambda + `,"End":true}}},
	  {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"c","Next":"T"},"T":{` + redriveLambda + `,"End":true}}}]}}}`,
		`{}`, `["a!","bad!","c!"]`, map[string]int{"a": 1, "bad": 2, "c": 1}, "Bad"},
	{"inline Map of five items", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}}}}}`,
		`["a","b","bad","d","e"]`, `["a!","b!","bad!","d!","e!"]`, map[string]int{"a": 1, "b": 1, "bad": 2, "d": 1, "e": 1}, "Bad"},
	{"inline Map one at a time", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,"ItemProcessor":{"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}}}}}`,
		`["a","b","bad","d","e"]`, `["a!","b!","bad!","d!","e!"]`, map[string]int{"a": 1, "b": 1, "bad": 2, "d": 1, "e": 1}, "Bad"},
	{"Map in a Parallel in a Map", `{"StartAt":"O","States":{"O":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{
	  "P":{"Type":"Parallel","End":true,"Branches":[
	    {"StartAt":"F","States":{"F":{"Type":"Pass","Parameters":{"v.$":"States.Format('p-{}', $[0])"},"OutputPath":"$.v","Next":"T"},"T":{` + redriveLambda + `,"End":true}}},
	    {"StartAt":"I","States":{"I":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}}}}}]}}}}}}`,
		`[["a","b"],["c","bad"]]`, `[["p-a!",["a!","b!"]],["p-c!",["c!","bad!"]]]`,
		map[string]int{"p-a": 1, "a": 1, "b": 1, "p-c": 1, "c": 1, "bad": 2}, "Bad"},
	{"tolerated failures then too many", `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"End":true,"ItemProcessor":{"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}}}}}`,
		`["bad","a","bad","b"]`, `["bad!","a!","bad!","b!"]`, map[string]int{"a": 1, "bad": 4, "b": 1}, "States.ExceedToleratedFailureThreshold"},
}

// TestRedrive_Forks: a redriven Parallel or inline Map, nested or not,
// resumes in place: only the branches and iterations that did not succeed
// run again, from the state where they stopped, and no fork state is
// entered again.
func TestRedrive_Forks(t *testing.T) {
	for _, tc := range redriveForkCases {
		t.Run(tc.name, func(t *testing.T) {
			fixed := false
			calls := map[string]int{}
			f := newFixture(t, badUntilFixed(&fixed, calls))
			ex := f.start(tc.def, "fork", tc.input)
			f.drain()
			if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != tc.err {
				t.Fatalf("first run: %s %s %s", got.Status, got.Error, got.Cause)
			}
			fixed = true
			if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
				t.Fatal(err)
			}
			f.drain()
			h := f.historyTypes(ex.ARN)
			if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != tc.output {
				t.Fatalf("after the redrive: %s %s %s output %s\nhistory %s", got.Status, got.Error, got.Cause, got.Output, h)
			}
			for item, want := range tc.calls {
				if calls[item] != want {
					t.Errorf("item %q ran %d times, want %d", item, calls[item], want)
				}
			}
			_, after, _ := strings.Cut(h, "ExecutionRedriven")
			for _, typ := range []string{"ParallelStateEntered", "MapStateEntered", "PassStateEntered", "ParallelStateStarted", "MapStateStarted"} {
				if strings.Contains(after, typ) {
					t.Errorf("the redrive wrote %s: %s", typ, after)
				}
			}
		})
	}
}

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
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	h := f.historyTypes(ex.ARN)
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != `["a!","c!"]` {
		t.Fatalf("after the redrive: %s %s output %s\nhistory %s", got.Status, got.Error, got.Output, h)
	}
	if calls["a"] != 1 || calls["c"] != 1 {
		t.Errorf("calls %v, want each item once", calls)
	}
	if _, after, _ := strings.Cut(h, "ExecutionRedriven"); !strings.HasPrefix(after, " WaitStateEntered") || strings.Contains(after, "PassStateEntered") {
		t.Errorf("after the redrive %s, want the Wait entered again and nothing before it", after)
	}
}

// TestRedrive_LargeMap: a Map whose children and results are stored in
// chunks runs only its failed item again.
func TestRedrive_LargeMap(t *testing.T) {
	items, want := make([]string, 250), make([]string, 250)
	for i := range items {
		items[i], want[i] = fmt.Sprintf(`"i%d"`, i), fmt.Sprintf(`"i%d!"`, i)
	}
	items[130], want[130] = `"bad"`, `"bad!"`
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":10,"End":true,"ItemProcessor":{"StartAt":"T","States":{"T":{` + redriveLambda + `,"End":true}}}}}}`
	fixed := false
	calls := map[string]int{}
	f := newFixture(t, badUntilFixed(&fixed, calls))
	ex := f.start(def, "large", "["+strings.Join(items, ",")+"]")
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed {
		t.Fatalf("first run %s", got.Status)
	}
	fixed = true
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != "["+strings.Join(want, ",")+"]" {
		t.Fatalf("after the redrive: %s %s output %.200s", got.Status, got.Error, got.Output)
	}
	for item, n := range calls {
		if n != 1 && item != "bad" {
			t.Errorf("item %s ran %d times", item, n)
		}
	}
	if calls["bad"] != 2 || len(calls) != 250 {
		t.Errorf("bad ran %d times, %d items ran", calls["bad"], len(calls))
	}
}

// drainDue delivers the messages due now, leaving later ones queued.
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
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != `["x!","a!","y!","b!","z!"]` {
		t.Fatalf("after the second redrive: %s %s output %s", got.Status, got.Error, got.Output)
	}
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
			if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
				t.Fatal(err)
			}
			f.drain()
			if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != nested.output {
				t.Fatalf("after the second redrive: %s %s output %s", got.Status, got.Error, got.Output)
			}
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
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	h := f.historyTypes(ex.ARN)
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != `["a!","c!"]` {
		t.Fatalf("after the redrive: %s %s output %s\nhistory %s", got.Status, got.Error, got.Output, h)
	}
	if calls["a"] != 1 || calls["c"] != 1 {
		t.Errorf("calls %v, want each item once", calls)
	}
	if _, after, _ := strings.Cut(h, "ExecutionRedriven"); strings.Count(after, "WaitStateEntered") != 1 {
		t.Errorf("after the redrive %s, want the second Wait entered again only", after)
	}
}

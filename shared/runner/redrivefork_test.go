package runner

import (
	"context"
	"fmt"
	"strings"
	"testing"
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
			h := f.redriveSucceeds(t, ex.ARN, tc.output)
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
	f.redriveSucceeds(t, ex.ARN, "["+strings.Join(want, ",")+"]")
	for item, n := range calls {
		if n != 1 && item != "bad" {
			t.Errorf("item %s ran %d times", item, n)
		}
	}
	if calls["bad"] != 2 || len(calls) != 250 {
		t.Errorf("bad ran %d times, %d items ran", calls["bad"], len(calls))
	}
}

// TestRedrive_PastResumeBudget: iterations stopped beyond the fork's
// resume budget run again from their first state, and still only they.
func TestRedrive_PastResumeBudget(t *testing.T) {
	pad := strings.Repeat("x", 2000)
	items, want := make([]string, 60), make([]string, 60)
	for i := range items {
		id := fmt.Sprintf("i%d", i)
		if i == 0 {
			id = "bad"
		}
		items[i], want[i] = fmt.Sprintf(`{"id":%q,"pad":%q}`, id, pad), `"`+id+`!"`
	}
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{
	  "P":{"Type":"Pass","OutputPath":"$.id","Next":"T"},"T":{` + redriveLambda + `,"End":true}}}}}}`
	fixed := false
	calls := map[string]int{}
	f := newFixture(t, badUntilFixed(&fixed, calls))
	ex := f.start(def, "budget", "["+strings.Join(items, ",")+"]")
	f.drain()
	fixed = true
	h := f.redriveSucceeds(t, ex.ARN, "["+strings.Join(want, ",")+"]")
	for item, n := range calls {
		if n != 1 && item != "bad" {
			t.Errorf("item %s ran %d times", item, n)
		}
	}
	_, after, _ := strings.Cut(h, "ExecutionRedriven")
	if again := strings.Count(after, "PassStateEntered"); again == 0 || again >= 59 {
		t.Errorf("%d iterations ran again from their start, want those past the budget only", again)
	}
	t.Logf("%d of 59 stopped iterations ran again from their start", strings.Count(after, "PassStateEntered"))
}

// redriveSucceeds redrives the execution arn, runs it to its end, and
// fails t unless it succeeded with output; it returns the history's types.
func (f *fixture) redriveSucceeds(t *testing.T, arn, output string) string {
	t.Helper()
	if _, err := f.r.Redrive(context.Background(), arn); err != nil {
		t.Fatal(err)
	}
	f.drain()
	h := f.historyTypes(arn)
	if got := f.get(arn); got.Status != StatusSucceeded || got.Output != output {
		t.Fatalf("after the redrive: %s %s %s output %.300s\nhistory %s", got.Status, got.Error, got.Cause, got.Output, h)
	}
	return h
}

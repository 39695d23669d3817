package interp

import (
	"testing"
)

const mapMachine = `{"StartAt":"M","States":{
  "M":{"Type":"Map","ItemsPath":"$.items","ToleratedFailureCount":1,"End":true,
       "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}},
  "Pct":{"Type":"Map","ItemsPath":"$.items","ToleratedFailurePercentage":50,"End":true,
       "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}},
  "Strict":{"Type":"Map","ItemsPath":"$.items","End":true,
       "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`

func ok(v string) ChildResult { return ChildResult{Output: must(v)} }
func failed(err, cause string) ChildResult {
	return ChildResult{Failed: true, Error: err, Cause: cause}
}

func TestStep_MapTolerance(t *testing.T) {
	m := compile(t, mapMachine)
	cases := []struct {
		name          string
		state         string
		results       []ChildResult
		wantTolerated int
		wantErr       string // "" = succeeded
		wantOut       string
	}{
		{"count: one failure tolerated", "M", []ChildResult{ok(`1`), failed("E", "c"), ok(`3`), ok(`4`)}, 1, "", `[1,{"Error":"E","Cause":"c"},3,4]`},
		{"count: two failures exceed", "M", []ChildResult{failed("E", "c"), failed("E", "c"), ok(`3`), ok(`4`)}, 1, "States.ExceedToleratedFailureThreshold", ""},
		{"percentage: half tolerated", "Pct", []ChildResult{failed("E", "c"), failed("E", "c"), ok(`3`), ok(`4`)}, 2, "", `[{"Error":"E","Cause":"c"},{"Error":"E","Cause":"c"},3,4]`},
		{"percentage: three of four exceed", "Pct", []ChildResult{failed("E", "c"), failed("E", "c"), failed("E", "c"), ok(`4`)}, 2, "States.ExceedToleratedFailureThreshold", ""},
		{"none configured: first error", "Strict", []ChildResult{ok(`1`), failed("First", "c1"), failed("Second", "c2"), ok(`4`)}, -1, "First", ""},
		{"none configured: all ok", "Strict", []ChildResult{ok(`1`), ok(`2`), ok(`3`), ok(`4`)}, -1, "", `[1,2,3,4]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := step(t, m, record(t, m, c.state, `{"items":[1,2,3,4]}`), Enter{})
			fork, isFork := d.Action.(Fork)
			if !isFork || len(fork.Children) != 4 || fork.ToleratedFailures != c.wantTolerated {
				t.Fatalf("action %#v, want Fork of 4 tolerating %d", d.Action, c.wantTolerated)
			}
			if ch := fork.Children[2]; ch.Index != 2 || ch.MapName != c.state || jsonOf(ch.Record.Input) != `3` || ch.StartEvent != "MapIterationStarted" {
				t.Fatalf("child 2: %+v", ch)
			}
			if got := eventTypes(d.Events); got != "MapStateEntered("+c.state+") MapStateStarted" {
				t.Fatalf("enter events %s", got)
			}
			j := step(t, m, d.Record, Joined{Results: c.results})
			if c.wantErr != "" {
				f, isFail := j.Action.(Fail)
				if !isFail || f.Error != c.wantErr {
					t.Fatalf("action %#v, want Fail %s", j.Action, c.wantErr)
				}
				if got := eventTypes(j.Events); got != "MapStateFailed" {
					t.Fatalf("join events %s", got)
				}
				return
			}
			s, isSucceed := j.Action.(Succeed)
			if !isSucceed || jsonOf(s.Output) != c.wantOut {
				t.Fatalf("action %#v, want Succeed %s", j.Action, c.wantOut)
			}
			if got := eventTypes(j.Events); got != "MapStateSucceeded MapStateExited("+c.state+")" {
				t.Fatalf("join events %s", got)
			}
		})
	}
}

func TestStep_Parallel(t *testing.T) {
	m := compile(t, `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
	  {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}`)
	d := step(t, m, record(t, m, "P", `{"v":1}`), Enter{})
	fork, isFork := d.Action.(Fork)
	if !isFork || len(fork.Children) != 2 || fork.ToleratedFailures != -1 {
		t.Fatalf("action %#v", d.Action)
	}
	for i, want := range []string{"A", "B"} {
		if r := fork.Children[i].Record; r.State != want || jsonOf(r.Input) != `{"v":1}` || fork.Children[i].StartEvent != "" {
			t.Fatalf("branch %d: %+v", i, fork.Children[i])
		}
	}
	t.Run("all succeed", func(t *testing.T) {
		j := step(t, m, d.Record, Joined{Results: []ChildResult{ok(`"a"`), ok(`"b"`)}})
		s, isSucceed := j.Action.(Succeed)
		if !isSucceed || jsonOf(s.Output) != `["a","b"]` {
			t.Fatalf("action %#v", j.Action)
		}
		if got := eventTypes(j.Events); got != "ParallelStateSucceeded ParallelStateExited(P)" {
			t.Fatalf("events %s", got)
		}
	})
	t.Run("branch fails", func(t *testing.T) {
		j := step(t, m, d.Record, Joined{Results: []ChildResult{ok(`"a"`), failed("Boom", "bad")}})
		f, isFail := j.Action.(Fail)
		if !isFail || f.Error != "Boom" || f.Cause != "bad" {
			t.Fatalf("action %#v", j.Action)
		}
		if got := eventTypes(j.Events); got != "ParallelStateFailed" {
			t.Fatalf("events %s", got)
		}
	})
}

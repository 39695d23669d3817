package inproc

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
)

var start = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func run(t *testing.T, def, input string) (Result, *clock.Fake) {
	t.Helper()
	sm, err := asl.Parse([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	m, err := interp.Compile(sm)
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFake(start)
	res, err := Run(context.Background(), m, jsonval.MustDecode(input), Options{
		Clock: clk, ExecutionName: "ex", NewUUID: func() string { return "uuid" }, Random: func() float64 { return 0.5 },
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return res, clk
}

// summary renders a history as "Type(state)" items.
func summary(evs []history.Event) string {
	parts := make([]string, len(evs))
	for i, e := range evs {
		parts[i] = e.Type
		if n := e.StateName(); n != "" {
			parts[i] += "(" + n + ")"
		}
	}
	return strings.Join(parts, " ")
}

// checkChain verifies ids count up from 1 and every previousEventId
// points to an earlier event.
func checkChain(t *testing.T, evs []history.Event) {
	t.Helper()
	for i, e := range evs {
		if e.ID != int64(i+1) || e.PreviousEventID < 0 || e.PreviousEventID >= e.ID {
			t.Fatalf("event %d (%s): id %d prev %d", i, e.Type, e.ID, e.PreviousEventID)
		}
	}
}

func TestRun_TimeoutSeconds(t *testing.T) {
	res, clk := run(t, `{"TimeoutSeconds":10,"StartAt":"W","States":{
	  "W":{"Type":"Wait","Seconds":60,"Next":"D"},"D":{"Type":"Succeed"}}}`, `{}`)
	if res.Status != StatusTimedOut {
		t.Fatalf("status %s, want %s", res.Status, StatusTimedOut)
	}
	if got := summary(res.History.Events()); got != "ExecutionStarted WaitStateEntered(W) ExecutionTimedOut" {
		t.Fatalf("history %s", got)
	}
	if now := clk.Now(); !now.Equal(start.Add(10 * time.Second)) {
		t.Fatalf("clock at %v, want the deadline", now)
	}
	evs := res.History.Events()
	last := evs[len(evs)-1]
	if e, _ := last.Detail("error"); e != "States.Timeout" {
		t.Fatalf("timed-out error %v", e)
	}
	checkChain(t, res.History.Events())
}

func TestRun_WaitWithinTimeout(t *testing.T) {
	res, _ := run(t, `{"TimeoutSeconds":100,"StartAt":"W","States":{
	  "W":{"Type":"Wait","Seconds":60,"Next":"D"},"D":{"Type":"Succeed"}}}`, `{"a":1}`)
	if res.Status != StatusSucceeded || jsonval.String(res.Output) != `{"a":1}` {
		t.Fatalf("status %s output %s", res.Status, jsonval.String(res.Output))
	}
	if !res.Stop.Equal(start.Add(60 * time.Second)) {
		t.Fatalf("stopped at %v", res.Stop)
	}
}

func TestRun_ParallelFailingBranch(t *testing.T) {
	res, _ := run(t, `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
	  {"StartAt":"B","States":{"B":{"Type":"Fail","Error":"Branch.Boom","Cause":"bad"}}}]}}}`, `{}`)
	if res.Status != StatusFailed || res.Error != "Branch.Boom" || res.Cause != "bad" {
		t.Fatalf("status %s error %s cause %s", res.Status, res.Error, res.Cause)
	}
	want := "ExecutionStarted ParallelStateEntered(P) ParallelStateStarted PassStateEntered(A) PassStateExited(A) FailStateEntered(B) ParallelStateFailed ExecutionFailed"
	if got := summary(res.History.Events()); got != want {
		t.Fatalf("history\n got %s\nwant %s", got, want)
	}
	checkChain(t, res.History.Events())
}

const toleratedMap = `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ToleratedFailureCount":%d,"End":true,
  "ItemProcessor":{"StartAt":"C","States":{
    "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":2,"Next":"Bad"}],"Default":"Good"},
    "Good":{"Type":"Pass","End":true},
    "Bad":{"Type":"Fail","Error":"TooBig","Cause":"item"}}}}}}`

func TestRun_MapToleratedFailureCount(t *testing.T) {
	cases := []struct {
		name      string
		tolerated int
		status    string
		output    string
		error     string
	}{
		{"within tolerance", 2, StatusSucceeded, `[1,2,{"Error":"TooBig","Cause":"item"},{"Error":"TooBig","Cause":"item"}]`, ""},
		{"over tolerance", 1, StatusFailed, "", "States.ExceedToleratedFailureThreshold"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, _ := run(t, fmt.Sprintf(toleratedMap, c.tolerated), `{"items":[1,2,3,4]}`)
			if res.Status != c.status || res.Error != c.error {
				t.Fatalf("status %s error %s, want %s %s", res.Status, res.Error, c.status, c.error)
			}
			if c.output != "" && jsonval.String(res.Output) != c.output {
				t.Fatalf("output %s, want %s", jsonval.String(res.Output), c.output)
			}
			h := summary(res.History.Events())
			if n := strings.Count(h, "MapIterationFailed"); n != 2 {
				t.Fatalf("%d MapIterationFailed in %s", n, h)
			}
			if n := strings.Count(h, "MapIterationSucceeded"); n != 2 {
				t.Fatalf("%d MapIterationSucceeded in %s", n, h)
			}
			checkChain(t, res.History.Events())
		})
	}
}

func TestRun_LongHistoryIDs(t *testing.T) {
	// Over a thousand events: the log grows past its first allocations.
	res, _ := run(t, `{"StartAt":"I","States":{
	  "I":{"Type":"Pass","Result":{"n":0},"Next":"Inc"},
	  "Inc":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Done?"},
	  "Done?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThanEquals":400,"Next":"E"}],"Default":"Inc"},
	  "E":{"Type":"Succeed"}}}`, `{}`)
	if res.Status != StatusSucceeded || jsonval.String(res.Output) != `{"n":400}` {
		t.Fatalf("status %s output %s", res.Status, jsonval.String(res.Output))
	}
	evs := res.History.Events()
	if len(evs) != 2+2*(1+400+400+1) || res.History.Len() != len(evs) {
		t.Fatalf("%d events, Len %d", len(evs), res.History.Len())
	}
	checkChain(t, evs)
	for i := 1; i < len(evs)-1; i++ {
		if evs[i].PreviousEventID != int64(i) {
			t.Fatalf("event %d: prev %d", i+1, evs[i].PreviousEventID)
		}
	}
}

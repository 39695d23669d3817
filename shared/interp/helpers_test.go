package interp

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// t0 is the fixed "now" of every test step.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// compile builds a machine from ASL JSON or fails the test.
func compile(tb testing.TB, def string) *Machine {
	tb.Helper()
	sm, err := asl.Parse([]byte(def))
	if err != nil {
		tb.Fatalf("parse: %v", err)
	}
	m, err := Compile(sm)
	if err != nil {
		tb.Fatalf("compile: %v", err)
	}
	return m
}

// testEnv is an Env at t0 whose first event gets id next.
func testEnv(next int64) Env {
	return Env{
		Now:         t0,
		Random:      func() float64 { return 0.5 },
		NewUUID:     func() string { return "uuid-1" },
		NextEventID: next,
		Execution: Execution{
			ID: "arn:aws:states:us-east-1:123456789012:execution:sm:ex", Name: "ex",
			StateMachineID: "arn:aws:states:us-east-1:123456789012:stateMachine:sm", StateMachineName: "sm",
			StartTime: t0,
		},
	}
}

// record positions a root frame on state with input (JSON text).
func record(tb testing.TB, m *Machine, state, input string) Record {
	tb.Helper()
	rec, err := m.StartRecord("", jsonval.MustDecode(input), Vars{})
	if err != nil {
		tb.Fatal(err)
	}
	if state != "" {
		rec.State = state
	}
	rec.LastEventID = 1
	return rec
}

// step runs one Step or fails the test.
func step(tb testing.TB, m *Machine, rec Record, tr Trigger) Decision {
	tb.Helper()
	dec, err := m.Step(rec, tr, testEnv(rec.LastEventID+1))
	if err != nil {
		tb.Fatalf("step %s: %v", rec.State, err)
	}
	return dec
}

// eventTypes renders events as "Type(name)" for compact comparison.
func eventTypes(evs []history.Event) string {
	parts := make([]string, len(evs))
	for i, e := range evs {
		parts[i] = e.Type
		if n := e.StateName(); n != "" {
			parts[i] += "(" + n + ")"
		}
	}
	return strings.Join(parts, " ")
}

// jsonOf renders v compactly.
func jsonOf(v jsonval.Value) string { return jsonval.String(v) }

// must decodes JSON text or panics (test literals only).
func must(s string) jsonval.Value { return jsonval.MustDecode(s) }

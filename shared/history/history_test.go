package history

import (
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestDetailsKey(t *testing.T) {
	cases := []struct{ typ, want string }{
		{"PassStateEntered", "stateEnteredEventDetails"},
		{"MapStateExited", "stateExitedEventDetails"},
		{"ExecutionStarted", "executionStartedEventDetails"},
		{"TaskScheduled", "taskScheduledEventDetails"},
		{"LambdaFunctionFailed", "lambdaFunctionFailedEventDetails"},
		{"MapIterationStarted", "mapIterationStartedEventDetails"},
		{"", "eventDetails"},
	}
	for _, c := range cases {
		t.Run(c.typ, func(t *testing.T) {
			if got := DetailsKey(c.typ); got != c.want {
				t.Fatalf("DetailsKey(%q) = %q, want %q", c.typ, got, c.want)
			}
		})
	}
}

func at(e Event, id, prev int64) Event {
	e.ID, e.PreviousEventID = id, prev
	e.Timestamp = time.Date(2024, 5, 1, 12, 0, 0, 250_000_000, time.UTC)
	return e
}

func TestEvent_JSON(t *testing.T) {
	obj := jsonval.MustDecode(`{"a":[1,"x"]}`)
	cases := []struct {
		name string
		e    Event
		want string
	}{
		{"first state entered links to 0", at(Entered("PassStateEntered", "P", obj), 2, 1),
			`{"type":"PassStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"P","input":"{\"a\":[1,\"x\"]}","inputDetails":{"truncated":false}}}`},
		{"later state entered", at(Entered("PassStateEntered", "P", obj), 4, 3),
			`{"type":"PassStateEntered","id":4,"previousEventId":3,"stateEnteredEventDetails":{"name":"P","input":"{\"a\":[1,\"x\"]}","inputDetails":{"truncated":false}}}`},
		{"exited null output", at(Exited("TaskStateExited", "T", nil), 9, 8),
			`{"type":"TaskStateExited","id":9,"previousEventId":8,"stateExitedEventDetails":{"name":"T","output":"null","outputDetails":{"truncated":false}}}`},
		{"generic with payload", at(New(ExecutionStarted, "input", Payload{Value: obj}, "roleArn", "arn:r"), 1, 0),
			`{"type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\"a\":[1,\"x\"]}","inputDetails":{"truncated":false},"roleArn":"arn:r"}}`},
		{"abort without error links to 0 with empty details", at(New(ExecutionAborted, "error", nil), 3, 2),
			`{"type":"ExecutionAborted","id":3,"previousEventId":0,"executionAbortedEventDetails":{}}`},
		{"nil details skipped", at(New(ExecutionFailed, "error", "E", "cause", nil), 5, 4),
			`{"type":"ExecutionFailed","id":5,"previousEventId":4,"executionFailedEventDetails":{"error":"E"}}`},
		{"iteration", at(Iteration(MapIterationStarted, "M", 3), 4, 3),
			`{"type":"MapIterationStarted","id":4,"previousEventId":3,"mapIterationStartedEventDetails":{"name":"M","index":3}}`},
		{"no details", at(New(MapStateSucceeded), 7, 6),
			`{"type":"MapStateSucceeded","id":7,"previousEventId":6}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := c.e.JSON()
			// The timestamp is epoch seconds with millisecond precision.
			ts, _ := o.Get("timestamp")
			if f, ok := jsonval.ToFloat(ts); !ok || f != 1714564800.25 {
				t.Fatalf("timestamp %v", ts)
			}
			if keys := o.Keys(); len(keys) < 4 || keys[0] != "timestamp" {
				t.Fatalf("keys %v", keys)
			}
			o.Delete("timestamp")
			if got := jsonval.String(o); got != c.want {
				t.Fatalf("JSON\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestEvent_DetailAccess(t *testing.T) {
	in := jsonval.MustDecode(`{"k":1}`)
	cases := []struct {
		name     string
		e        Event
		state    string
		key      string
		wantText string // rendered detail, "" = absent
	}{
		{"entered name", Entered("PassStateEntered", "P", in), "P", "name", `"P"`},
		{"entered input", Entered("PassStateEntered", "P", in), "P", "input", `{"k":1}`},
		{"entered has no output", Entered("PassStateEntered", "P", in), "P", "output", ""},
		{"exited output", Exited("PassStateExited", "P", in), "P", "output", `{"k":1}`},
		{"generic state event", New("ChoiceStateEntered", "name", "C", "input", Payload{Value: in}), "C", "input", `{"k":1}`},
		{"generic other event", New(TaskScheduled, "resource", "r"), "", "resource", `"r"`},
		{"generic without details", New(TaskStarted), "", "resource", ""},
		{"iteration name", Iteration(MapIterationFailed, "M", 7), "", "name", `"M"`},
		{"iteration index", Iteration(MapIterationFailed, "M", 7), "", "index", `7`},
		{"iteration has no input", Iteration(MapIterationFailed, "M", 7), "", "input", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.e.StateName(); got != c.state {
				t.Fatalf("StateName = %q, want %q", got, c.state)
			}
			v, ok := c.e.Detail(c.key)
			if c.wantText == "" {
				if ok {
					t.Fatalf("detail %s = %v, want absent", c.key, v)
				}
				return
			}
			if p, isPayload := v.(Payload); isPayload {
				v = p.Value
			}
			if !ok || jsonval.String(v) != c.wantText {
				t.Fatalf("detail %s = %v (%v), want %s", c.key, v, ok, c.wantText)
			}
			d := c.e.Details()
			if d == nil || !d.Has(c.key) {
				t.Fatalf("Details() lacks %s", c.key)
			}
		})
	}
}

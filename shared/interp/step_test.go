package interp

import (
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/history"
)

const passMachine = `{"StartAt":"A","States":{
  "A":{"Type":"Pass","Next":"B"},
  "B":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","End":true},
  "Params":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.n, 2)","lit":"v"},"Next":"B"},
  "Paths":{"Type":"Pass","InputPath":"$.in","OutputPath":"$.k","End":true},
  "Broken":{"Type":"Pass","Parameters":{"v.$":"$.missing"},"End":true}
}}`

func TestStep_Pass(t *testing.T) {
	m := compile(t, passMachine)
	cases := []struct {
		name, state, input string
		wantNext           string // "" = Succeed
		wantOut            string
	}{
		{"input passes through", "A", `{"a":1}`, "B", `{"a":1}`},
		{"result merged at ResultPath", "B", `{"a":1}`, "", `{"a":1,"r":{"x":1}}`},
		{"parameters with intrinsic", "Params", `{"n":40}`, "B", `{"sum":42,"lit":"v"}`},
		{"input and output paths", "Paths", `{"in":{"k":true}}`, "", `true`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dec := step(t, m, record(t, m, c.state, c.input), Enter{})
			if got := eventTypes(dec.Events); got != "PassStateEntered("+c.state+") PassStateExited("+c.state+")" {
				t.Fatalf("events %s", got)
			}
			if c.wantNext == "" {
				s, ok := dec.Action.(Succeed)
				if !ok || jsonOf(s.Output) != c.wantOut {
					t.Fatalf("action %#v, want Succeed %s", dec.Action, c.wantOut)
				}
				return
			}
			if _, ok := dec.Action.(Next); !ok {
				t.Fatalf("action %#v, want Next", dec.Action)
			}
			if dec.Record.State != c.wantNext || jsonOf(dec.Record.Input) != c.wantOut {
				t.Fatalf("moved to %s with %s, want %s with %s", dec.Record.State, jsonOf(dec.Record.Input), c.wantNext, c.wantOut)
			}
		})
	}
}

func TestStep_PassRuntimeFailure(t *testing.T) {
	m := compile(t, passMachine)
	dec := step(t, m, record(t, m, "Broken", `{}`), Enter{})
	f, ok := dec.Action.(Fail)
	if !ok || f.Error != "States.Runtime" {
		t.Fatalf("action %#v, want Fail States.Runtime", dec.Action)
	}
	want := "An error occurred while executing the state 'Broken' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'Parameters/v.$' could not be found in the input '{}'"
	if f.Cause != want {
		t.Fatalf("cause\n got %s\nwant %s", f.Cause, want)
	}
}

func TestStep_Choice(t *testing.T) {
	m := compile(t, `{"StartAt":"C","States":{
	  "C":{"Type":"Choice","Choices":[
	    {"Variable":"$.n","NumericGreaterThanEquals":10,"Next":"Big"},
	    {"And":[{"Variable":"$.s","IsPresent":true},{"Variable":"$.s","StringEquals":"x"}],"Next":"X"}],
	    "Default":"Other"},
	  "NoDefault":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"Big"}]},
	  "Big":{"Type":"Succeed"},"X":{"Type":"Succeed"},"Other":{"Type":"Succeed"}}}`)
	cases := []struct{ name, state, input, want string }{
		{"first rule", "C", `{"n":10}`, "Big"},
		{"second rule", "C", `{"n":1,"s":"x"}`, "X"},
		{"default", "C", `{"n":1,"s":"y"}`, "Other"},
		{"no match without default", "NoDefault", `{"n":2}`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dec := step(t, m, record(t, m, c.state, c.input), Enter{})
			if c.want == "" {
				f, ok := dec.Action.(Fail)
				if !ok || f.Error != "States.NoChoiceMatched" {
					t.Fatalf("action %#v, want Fail States.NoChoiceMatched", dec.Action)
				}
				if got := eventTypes(dec.Events); got != "ChoiceStateEntered(NoDefault)" {
					t.Fatalf("events %s", got)
				}
				return
			}
			if dec.Record.State != c.want || jsonOf(dec.Record.Input) != c.input {
				t.Fatalf("moved to %s with %s, want %s", dec.Record.State, jsonOf(dec.Record.Input), c.want)
			}
		})
	}
}

func TestStep_ChoiceMissingVariable(t *testing.T) {
	m := compile(t, `{"StartAt":"C","States":{
	  "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"D"}],"Default":"D"},
	  "D":{"Type":"Succeed"}}}`)
	dec := step(t, m, record(t, m, "C", `{}`), Enter{})
	f, ok := dec.Action.(Fail)
	if !ok || f.Error != "States.Runtime" {
		t.Fatalf("action %#v, want Fail States.Runtime", dec.Action)
	}
	want := "An error occurred while executing the state 'C' (entered at the event id #2). Invalid path '$.n': The choice state's condition path references an invalid value."
	if f.Cause != want {
		t.Fatalf("cause\n got %s\nwant %s", f.Cause, want)
	}
}

func TestStep_Wait(t *testing.T) {
	m := compile(t, `{"StartAt":"W","States":{
	  "W":{"Type":"Wait","Seconds":30,"Next":"N"},
	  "WP":{"Type":"Wait","SecondsPath":"$.s","Next":"N"},
	  "WT":{"Type":"Wait","Timestamp":"2024-05-01T13:00:00Z","Next":"N"},
	  "N":{"Type":"Succeed"}}}`)
	cases := []struct {
		name, state, input string
		want               time.Time
	}{
		{"seconds", "W", `{}`, t0.Add(30 * time.Second)},
		{"seconds path", "WP", `{"s":5}`, t0.Add(5 * time.Second)},
		{"timestamp", "WT", `{}`, t0.Add(time.Hour)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dec := step(t, m, record(t, m, c.state, c.input), Enter{})
			s, ok := dec.Action.(Sleep)
			if !ok || !s.Until.Equal(c.want) {
				t.Fatalf("action %#v, want Sleep until %v", dec.Action, c.want)
			}
			if dec.Record.Phase != PhaseWaiting {
				t.Fatalf("phase %d", dec.Record.Phase)
			}
			woke := step(t, m, dec.Record, Wake{})
			if _, ok := woke.Action.(Next); !ok || woke.Record.State != "N" {
				t.Fatalf("after wake: %#v in %s", woke.Action, woke.Record.State)
			}
			if got := eventTypes(woke.Events); got != "WaitStateExited("+c.state+")" {
				t.Fatalf("wake events %s", got)
			}
		})
	}
}

func TestStep_FailAndSucceed(t *testing.T) {
	m := compile(t, `{"StartAt":"F","States":{
	  "F":{"Type":"Fail","Error":"E","Cause":"because"},
	  "FP":{"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"},
	  "S":{"Type":"Succeed","OutputPath":"$.o"}}}`)
	cases := []struct{ name, state, input, wantErr, wantCause, wantEvents string }{
		{"literal", "F", `{}`, "E", "because", "FailStateEntered(F)"},
		{"paths", "FP", `{"e":"Err","c":"why"}`, "Err", "why", "FailStateEntered(FP)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dec := step(t, m, record(t, m, c.state, c.input), Enter{})
			f, ok := dec.Action.(Fail)
			if !ok || f.Error != c.wantErr || f.Cause != c.wantCause {
				t.Fatalf("action %#v", dec.Action)
			}
			if got := eventTypes(dec.Events); got != c.wantEvents {
				t.Fatalf("events %s", got)
			}
		})
	}
	t.Run("succeed", func(t *testing.T) {
		dec := step(t, m, record(t, m, "S", `{"o":[1,2]}`), Enter{})
		s, ok := dec.Action.(Succeed)
		if !ok || jsonOf(s.Output) != `[1,2]` {
			t.Fatalf("action %#v", dec.Action)
		}
		if got := eventTypes(dec.Events); got != "SucceedStateEntered(S) SucceedStateExited(S)" {
			t.Fatalf("events %s", got)
		}
	})
}

func TestStep_EventChaining(t *testing.T) {
	m := compile(t, passMachine)
	rec := record(t, m, "A", `{"a":1}`)
	rec.LastEventID = 7 // the frame's latest event
	dec, err := m.Step(rec, Enter{}, testEnv(12))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ id, prev int64 }{{12, 7}, {13, 12}}
	if len(dec.Events) != len(want) {
		t.Fatalf("%d events", len(dec.Events))
	}
	for i, w := range want {
		e := dec.Events[i]
		if e.ID != w.id || e.PreviousEventID != w.prev || !e.Timestamp.Equal(t0) {
			t.Errorf("event %d: id %d prev %d at %v, want id %d prev %d", i, e.ID, e.PreviousEventID, e.Timestamp, w.id, w.prev)
		}
	}
	if dec.Record.LastEventID != 13 || dec.Record.EnteredEventID != 12 {
		t.Errorf("record last %d entered %d", dec.Record.LastEventID, dec.Record.EnteredEventID)
	}
	if in, _ := dec.Events[0].Detail("input"); jsonOf(in.(history.Payload).Value) != `{"a":1}` {
		t.Errorf("entered input %v", in)
	}
	if out, _ := dec.Events[1].Detail("output"); jsonOf(out.(history.Payload).Value) != `{"a":1}` {
		t.Errorf("exited output %v", out)
	}
}

func TestStepAppend_AppendsToBuffer(t *testing.T) {
	m := compile(t, passMachine)
	rec := record(t, m, "A", `{}`)
	prior := []history.Event{history.New(history.ExecutionStarted)}
	env := testEnv(2)
	dec, err := m.StepAppend(prior, rec, Enter{}, &env)
	if err != nil {
		t.Fatal(err)
	}
	if got := eventTypes(dec.Events); got != "ExecutionStarted PassStateEntered(A) PassStateExited(A)" {
		t.Fatalf("events %s", got)
	}
	if dec.Events[1].ID != 2 || dec.Events[2].ID != 3 {
		t.Fatalf("ids %d %d", dec.Events[1].ID, dec.Events[2].ID)
	}
	plain := step(t, m, rec, Enter{})
	if eventTypes(plain.Events) != eventTypes(dec.Events[1:]) {
		t.Fatalf("Step and StepAppend differ: %s vs %s", eventTypes(plain.Events), eventTypes(dec.Events[1:]))
	}
}

func TestStep_UnknownState(t *testing.T) {
	m := compile(t, passMachine)
	rec := record(t, m, "Nope", `{}`)
	if _, err := m.Step(rec, Enter{}, testEnv(2)); err == nil {
		t.Fatal("no error for an unknown state")
	}
	rec = record(t, m, "A", `{}`)
	rec.Machine = "/nope"
	if _, err := m.Step(rec, Enter{}, testEnv(2)); err == nil {
		t.Fatal("no error for an unknown sub-machine")
	}
}

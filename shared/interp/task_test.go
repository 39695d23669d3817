package interp

import (
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
)

const taskMachine = `{"StartAt":"T","States":{
  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"p.$":"$.x"},
       "ResultSelector":{"got.$":"$.v"},"ResultPath":"$.res","Next":"Done",
       "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":2}],
       "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Caught"}]},
  "Done":{"Type":"Succeed"},
  "Caught":{"Type":"Succeed"}}}`

func TestStep_TaskTriggers(t *testing.T) {
	m := compile(t, taskMachine)
	entered := step(t, m, record(t, m, "T", `{"x":5}`), Enter{})
	inv, ok := entered.Action.(Invoke)
	if !ok || jsonOf(inv.Task.Input) != `{"p":5}` || inv.Task.State != "T" || inv.Task.Attempt != 0 {
		t.Fatalf("enter: action %#v", entered.Action)
	}
	if got := eventTypes(entered.Events); got != "TaskStateEntered(T) TaskScheduled TaskStarted" {
		t.Fatalf("enter events %s", got)
	}
	if entered.Record.Phase != PhaseTask {
		t.Fatalf("phase %d", entered.Record.Phase)
	}

	cases := []struct {
		name       string
		trigger    Trigger
		wantEvents string
		check      func(t *testing.T, d Decision)
	}{
		{"succeeded", TaskSucceeded{Output: must(`{"v":"ok","other":1}`)}, "TaskSucceeded TaskStateExited(T)", func(t *testing.T, d Decision) {
			if d.Record.State != "Done" || jsonOf(d.Record.Input) != `{"x":5,"res":{"got":"ok"}}` {
				t.Fatalf("moved to %s with %s", d.Record.State, jsonOf(d.Record.Input))
			}
		}},
		{"retried", TaskFailed{Error: "Flaky", Cause: "c"}, "TaskFailed", func(t *testing.T, d Decision) {
			s, ok := d.Action.(Sleep)
			if !ok || !s.Until.Equal(t0.Add(2*time.Second)) || d.Record.Phase != PhaseBackoff || d.Record.Attempt != 1 {
				t.Fatalf("action %#v phase %d attempt %d", d.Action, d.Record.Phase, d.Record.Attempt)
			}
		}},
		{"caught", TaskFailed{Error: "Other", Cause: "boom"}, "TaskFailed TaskStateExited(T)", func(t *testing.T, d Decision) {
			if d.Record.State != "Caught" || jsonOf(d.Record.Input) != `{"x":5,"err":{"Error":"Other","Cause":"boom"}}` {
				t.Fatalf("moved to %s with %s", d.Record.State, jsonOf(d.Record.Input))
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := step(t, m, entered.Record, c.trigger)
			if got := eventTypes(d.Events); got != c.wantEvents {
				t.Fatalf("events %s, want %s", got, c.wantEvents)
			}
			c.check(t, d)
		})
	}
}

func TestStep_TaskRetryThenWake(t *testing.T) {
	m := compile(t, taskMachine)
	d := step(t, m, record(t, m, "T", `{"x":1}`), Enter{})
	var waits []time.Duration
	for i := 0; i < 2; i++ {
		d = step(t, m, d.Record, TaskFailed{Error: "Flaky"})
		s, ok := d.Action.(Sleep)
		if !ok {
			t.Fatalf("failure %d: action %#v, want Sleep", i, d.Action)
		}
		waits = append(waits, s.Until.Sub(t0))
		d = step(t, m, d.Record, Wake{})
		inv, ok := d.Action.(Invoke)
		if !ok || inv.Task.Attempt != i+1 || jsonOf(inv.Task.Input) != `{"p":1}` {
			t.Fatalf("wake %d: action %#v", i, d.Action)
		}
	}
	if waits[0] != 2*time.Second || waits[1] != 6*time.Second {
		t.Fatalf("back-offs %v, want [2s 6s]", waits)
	}
	// MaxAttempts spent: the catcher takes the third failure.
	d = step(t, m, d.Record, TaskFailed{Error: "Flaky", Cause: "again"})
	if d.Record.State != "Caught" {
		t.Fatalf("after retries: state %s action %#v", d.Record.State, d.Action)
	}
}

func TestStep_TaskDoesNotMutateGivenRecord(t *testing.T) {
	m := compile(t, taskMachine)
	d := step(t, m, record(t, m, "T", `{"x":1}`), Enter{})
	d = step(t, m, d.Record, TaskFailed{Error: "Flaky"})
	before := d.Record
	retries := append([]int(nil), before.Retries...)
	_ = step(t, m, before, Wake{})
	_ = step(t, m, before, TaskFailed{Error: "Flaky"})
	if before.Retries[0] != retries[0] || before.Attempt != 1 || before.Phase != PhaseBackoff {
		t.Fatalf("record changed: %+v", before)
	}
}

func TestBackoff(t *testing.T) {
	cases := []struct {
		name   string
		r      asl.Retrier
		n      int
		random func() float64
		want   time.Duration
	}{
		{"first attempt", asl.Retrier{IntervalSeconds: 1, BackoffRate: 2}, 0, nil, time.Second},
		{"exponential", asl.Retrier{IntervalSeconds: 1, BackoffRate: 2}, 3, nil, 8 * time.Second},
		{"fractional rate", asl.Retrier{IntervalSeconds: 2, BackoffRate: 1.5}, 2, nil, 4500 * time.Millisecond},
		{"capped", asl.Retrier{IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 5}, 4, nil, 5 * time.Second},
		{"jitter full", asl.Retrier{IntervalSeconds: 4, BackoffRate: 2, JitterStrategy: "FULL"}, 1, func() float64 { return 0.25 }, 2 * time.Second},
		{"jitter after cap", asl.Retrier{IntervalSeconds: 1, BackoffRate: 10, MaxDelaySeconds: 10, JitterStrategy: "FULL"}, 3, func() float64 { return 0.5 }, 5 * time.Second},
		{"jitter none ignores random", asl.Retrier{IntervalSeconds: 3, BackoffRate: 1, JitterStrategy: "NONE"}, 5, func() float64 { return 0 }, 3 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := backoff(&c.r, c.n, c.random); got != c.want {
				t.Fatalf("backoff = %v, want %v", got, c.want)
			}
		})
	}
}

func TestErrorMatches(t *testing.T) {
	cases := []struct {
		name string
		list []string
		err  string
		want bool
	}{
		{"exact", []string{"My.Error"}, "My.Error", true},
		{"other name", []string{"My.Error"}, "Other", false},
		{"ALL catches custom", []string{"States.ALL"}, "My.Error", true},
		{"ALL catches timeout", []string{"States.ALL"}, "States.Timeout", true},
		{"TaskFailed catches custom", []string{"States.TaskFailed"}, "Lambda.Unknown", true},
		{"TaskFailed skips timeout", []string{"States.TaskFailed"}, "States.Timeout", false},
		{"timeout named", []string{"States.Timeout"}, "States.Timeout", true},
		{"runtime never with ALL", []string{"States.ALL"}, "States.Runtime", false},
		{"runtime never when named", []string{"States.Runtime"}, "States.Runtime", false},
		{"empty list", nil, "X", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := errorMatches(c.list, c.err); got != c.want {
				t.Fatalf("errorMatches(%v, %q) = %v", c.list, c.err, got)
			}
		})
	}
}

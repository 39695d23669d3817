package runner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

const (
	passLoop  = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}`
	retryLoop = `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f",
		"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":99999999,"IntervalSeconds":1,"BackoffRate":1}],"End":true}}}`
	threePasses = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}`
)

// AWS's history quota in the durable runner: the execution fails with
// States.Runtime, its last event ExecutionFailed and the quota's last,
// and nothing is left in the queue.
func TestHistoryQuotaFailsTheExecution(t *testing.T) {
	failing := invokerFunc(func(task.Request) task.Result { return task.Failure("Boom", "") })
	for _, c := range []struct {
		name, def  string
		maxEvents  int
		wantStatus string
	}{
		{"Pass loop", passLoop, 60, StatusFailed},
		{"Pass loop, odd quota", passLoop, 61, StatusFailed},
		{"retry loop", retryLoop, 40, StatusFailed},
		{"success as the last allowed event", threePasses, 8, StatusSucceeded},
		{"one event short", threePasses, 7, StatusFailed},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, failing)
			f.r.opts.Limits.HistoryEvents = c.maxEvents
			ex := f.start(c.def, "ex", `{}`)
			f.drain()
			got := f.get(ex.ARN)
			evs, err := f.r.History(context.Background(), ex.ARN)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != c.wantStatus || len(evs) > c.maxEvents {
				t.Fatalf("status %s (%s %s) with %d events, want %s within %d", got.Status, got.Error, got.Cause, len(evs), c.wantStatus, c.maxEvents)
			}
			for i, e := range evs {
				if e.ID != int64(i+1) {
					t.Fatalf("event %d has id %d", i, e.ID)
				}
			}
			if c.wantStatus == StatusSucceeded {
				return
			}
			last := evs[len(evs)-1]
			if len(evs) != c.maxEvents || last.Type != history.ExecutionFailed ||
				got.Error != "States.Runtime" || got.Cause != inproc.HistoryCause(c.maxEvents) {
				t.Fatalf("%d events ending %s, %s %q", len(evs), last.Type, got.Error, got.Cause)
			}
		})
	}
}

// An execution failed on the history quota cannot be redriven (AWS:
// not once its history holds 24,999 events).
func TestHistoryQuotaIsNotRedrivable(t *testing.T) {
	f := newFixture(t, nil)
	f.r.opts.Limits.HistoryEvents = 30
	ex := f.start(passLoop, "ex", `{}`)
	f.drain()
	if _, err := f.r.Redrive(context.Background(), ex.ARN); !errors.Is(err, ErrNotRedrivable) {
		t.Fatalf("Redrive: %v, want ErrNotRedrivable", err)
	}
}

// Express executions run in-process under the same quota.
func TestHistoryQuotaExpress(t *testing.T) {
	f := newFixture(t, nil)
	f.r.opts.Limits.HistoryEvents = 100
	ex := f.startSync(passLoop)
	if ex.Status != StatusFailed || ex.Error != "States.Runtime" || ex.Cause != inproc.HistoryCause(100) {
		t.Fatalf("express %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}

// Express executions stop at their duration quota.
func TestExpressDurationQuota(t *testing.T) {
	f := newFixture(t, nil)
	f.r.opts.Clock = clock.Real{} // the loop never waits: only real time passes
	f.r.opts.Limits.HistoryEvents = 1 << 30
	f.r.opts.Limits.ExpressDuration = 100 * time.Millisecond
	ex := f.startSync(passLoop)
	if ex.Status != StatusTimedOut || ex.Error != "States.Timeout" {
		t.Fatalf("express %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
}

func (f *fixture) startSync(def string) store.Execution {
	f.t.Helper()
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:fast", Name: "fast", Type: "EXPRESS"}
	ex, err := f.r.StartSync(context.Background(), StartRequest{StateMachine: sm, Definition: def, Input: `{}`})
	if err != nil {
		f.t.Fatal(err)
	}
	return ex
}

// A Standard execution without TimeoutSeconds times out at its duration
// quota, even while it sleeps past it.
func TestStandardDurationQuota(t *testing.T) {
	f := newFixture(t, nil)
	f.r.opts.Limits.StandardDuration = time.Hour
	ex := f.start(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":7200,"End":true}}}`, "ex", `{}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusTimedOut || got.Error != "States.Timeout" || got.StopDate.Sub(got.StartDate) != time.Hour {
		t.Fatalf("status %s %s after %v, want TIMED_OUT after 1h", got.Status, got.Error, got.StopDate.Sub(got.StartDate))
	}
}

// A task waiting for a callback that never comes times out with the
// execution at its duration quota.
func TestStandardDurationQuotaWhileWaitingForACallback(t *testing.T) {
	f := newFixture(t, invokerFunc(func(task.Request) task.Result { return task.Result{Pending: true} }))
	f.r.opts.Limits.StandardDuration = time.Hour
	ex := f.start(`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
		"Parameters":{"FunctionName":"f","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}`, "ex", `{}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusTimedOut || got.StopDate.Sub(got.StartDate) != time.Hour {
		t.Fatalf("status %s after %v, want TIMED_OUT after 1h", got.Status, got.StopDate.Sub(got.StartDate))
	}
}

// No poison state: input nested beyond the quota is refused at the start;
// a state too deep to read back (here, a quota raised to its maximum and
// input wrapped a few more levels by the record) is never stored: the
// execution fails with States.Runtime instead.
func TestTooDeepInputAndState(t *testing.T) {
	f := newFixture(t, nil)
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
	_, err := f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: passLoop, Input: strings.Repeat("[", 1001) + strings.Repeat("]", 1001)})
	if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), "Document nesting depth (1001) exceeds the maximum allowed (1000)") {
		t.Fatalf("Start: %v, want ErrInvalidInput", err)
	}
	// Variables are stored as assigned: 8,990 levels of input under 1,100
	// of the definition's own make a record Go's decoder would refuse.
	f.r.opts.Limits.JSONDepth = limits.MaxJSONDepth
	wrap := `{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"v":` + strings.Repeat(`{"a":`, 1100) + `{"x.$":"$"}` +
		strings.Repeat("}", 1100) + `},"Next":"P"}}}`
	deep := strings.Repeat("[", 8990) + strings.Repeat("]", 8990)
	ex := f.start(wrap, "deep", deep)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusFailed || got.Error != "States.Runtime" || !strings.Contains(got.Cause, "The execution state could not be stored") {
		t.Fatalf("status %s %s %q", got.Status, got.Error, got.Cause)
	}
	if _, err := decodeState(got.State); err != nil {
		t.Fatalf("stored state does not decode: %v", err)
	}
}

// A state stored before the quota existed (or damaged) fails the
// execution on its next message; Stop and History answer.
func TestUnreadableStateFailsTheExecution(t *testing.T) {
	for _, stop := range []bool{false, true} {
		f := newFixture(t, nil)
		ex := f.start(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}`, "ex", `{}`)
		cur := f.get(ex.ARN)
		cur.State = []byte(strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001))
		cur.Version++
		if err := f.st.UpdateExecution(context.Background(), cur, cur.Version-1); err != nil {
			t.Fatal(err)
		}
		want := StatusFailed
		if stop {
			want = StatusAborted
			if _, err := f.r.Stop(context.Background(), ex.ARN, "", ""); err != nil {
				t.Fatalf("Stop: %v", err)
			}
		}
		f.drain()
		got := f.get(ex.ARN)
		if got.Status != want || (!stop && got.Error != "States.Runtime") {
			t.Fatalf("status %s %s, want %s", got.Status, got.Error, want)
		}
		evs, err := f.r.History(context.Background(), ex.ARN)
		if err != nil || len(evs) == 0 || evs[len(evs)-1].ID != int64(len(evs)) {
			t.Fatalf("History: %d events, %v", len(evs), err)
		}
	}
}

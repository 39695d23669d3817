//go:build integration

package integration

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// TestRuntime_QuotasOnEmulators: on DynamoDB and SQS (dynalite, fauxqs),
// an endless loop ends on the history quota (here lowered to 100 events)
// with ExecutionFailed as the quota's last event, while an ordinary
// execution keeps moving; and an execution whose stored state cannot be
// decoded (issue 9 item 5: written before the depth quota) fails on its
// next message instead of looping, while Stop and History answer.
func TestRuntime_QuotasOnEmulators(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e, r := runOnEmulators(ctx, t, 4, 10*time.Second, limits.Limits{HistoryEvents: 100})
	start := func(name, def string) string {
		t.Helper()
		sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:" + name, Name: name, Type: "STANDARD"}
		ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Input: `{}`})
		if err != nil {
			t.Fatal(err)
		}
		return ex.ARN
	}
	loop := start("loop", `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"End"}],"Default":"P"},"End":{"Type":"Succeed"}}}`)
	normal := start("normal", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`)
	final, err := WaitFinished(ctx, e.raw, []string{loop, normal})
	if err != nil {
		t.Fatal(err)
	}
	if got := final[normal]; got.Status != runner.StatusSucceeded {
		t.Errorf("ordinary execution: %s", got.Status)
	}
	got := final[loop]
	if got.Status != runner.StatusFailed || got.Error != "States.Runtime" || got.Cause != inproc.HistoryCause(100) {
		t.Fatalf("loop: %s %s %q", got.Status, got.Error, got.Cause)
	}
	evs, err := r.History(ctx, loop)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckHistory(evs); err != nil || len(evs) != 100 || evs[99].Type != "ExecutionFailed" {
		t.Fatalf("history: %d events ending %s (%v)", len(evs), evs[len(evs)-1].Type, err)
	}

	// Two waiting executions whose records are then made unreadable.
	wait := `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}`
	stepped, stopped := start("stepped", wait), start("stopped", wait)
	poison := []byte(strings.Repeat(`{"a":`, 10_001) + "1" + strings.Repeat("}", 10_001))
	for _, arn := range []string{stepped, stopped} {
		deadline := time.Now().Add(30 * time.Second)
		for {
			ex, err := e.raw.GetExecution(ctx, arn)
			if err != nil {
				t.Fatal(err)
			}
			if ex.LastEventID >= 2 || time.Now().After(deadline) { // WaitStateEntered: waiting in W
				ex.State, ex.Version = poison, ex.Version+1
				if err := e.raw.UpdateExecution(ctx, ex, ex.Version-1); err != nil {
					t.Fatal(err)
				}
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := r.Handle(ctx, queue.Message{Execution: stepped, Frame: "r", Version: 2, Kind: queue.KindWake}); err != nil {
		t.Fatalf("message for an unreadable execution: %v, want it handled", err)
	}
	if ex, err := r.Stop(ctx, stopped, "", ""); err != nil || ex.Status != runner.StatusAborted {
		t.Fatalf("Stop: %s, %v", ex.Status, err)
	}
	if ex, _ := e.raw.GetExecution(ctx, stepped); ex.Status != runner.StatusFailed || ex.Error != "States.Runtime" {
		t.Fatalf("unreadable execution: %s %s %q", ex.Status, ex.Error, ex.Cause)
	}
	// History answers: the events written as history items (those pending
	// in the unreadable record are lost with it), then the end.
	for arn, end := range map[string]string{stepped: "ExecutionFailed", stopped: "ExecutionAborted"} {
		evs, err := r.History(ctx, arn)
		if err != nil || len(evs) == 0 || evs[len(evs)-1].Type != end {
			t.Fatalf("History of %s: %d events, %v", arn, len(evs), err)
		}
		for i, ev := range evs {
			if ev.ID != int64(i+1) {
				t.Fatalf("History of %s: event %d has id %d", arn, i, ev.ID)
			}
		}
	}
}

//go:build integration

package integration

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/test/harness"
)

// TestRuntime_MapOfTenThousandItems runs a 10,000-item Map on the DynamoDB
// and SQS adapters (dynalite, fauxqs) with 8 steppers: every iteration is a
// message, its children and results live in payload chunks, and the
// output and history come out whole.
func TestRuntime_MapOfTenThousandItems(t *testing.T) {
	const items = 10000
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// 40,000 events: beyond AWS's history quota, within a raised one.
	e, r := runOnEmulators(ctx, t, 8, 30*time.Second, limits.Limits{HistoryEvents: 100_000})

	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.n","End":true,
	  "ItemProcessor":{"StartAt":"Double","States":{"Double":{"Type":"Pass","Parameters":{"d.$":"States.MathAdd($, $)"},"End":true}}}}}}`
	nums := make([]string, items)
	for i := range nums {
		nums[i] = fmt.Sprint(i)
	}
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:big", Name: "big", Type: "STANDARD"}
	began := time.Now()
	ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "ten-thousand", Input: `{"n":[` + strings.Join(nums, ",") + `]}`})
	if err != nil {
		t.Fatal(err)
	}
	final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
	if err != nil {
		t.Fatalf("after %v: %v", time.Since(began), err)
	}
	elapsed := time.Since(began)
	got := final[ex.ARN]
	if got.Status != runner.StatusSucceeded {
		t.Fatalf("status %s: %s %s", got.Status, got.Error, got.Cause)
	}
	out, err := jsonval.DecodeString(got.Output)
	if err != nil {
		t.Fatal(err)
	}
	arr, _ := out.([]jsonval.Value)
	if len(arr) != items {
		t.Fatalf("output has %d results, want %d", len(arr), items)
	}
	for i, v := range arr {
		if want := fmt.Sprintf(`{"d":%d}`, 2*i); jsonval.String(v) != want {
			t.Fatalf("result %d = %s, want %s", i, jsonval.String(v), want)
		}
	}
	evs, err := r.History(ctx, ex.ARN)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckHistory(evs); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, ev := range evs {
		counts[ev.Type]++
	}
	if counts["MapIterationSucceeded"] != items || counts["PassStateEntered"] != items {
		t.Errorf("history counts %v", counts)
	}
	t.Logf("%d iterations in %v (%.0f transitions/s), %d events", items, elapsed.Round(time.Millisecond), float64(items+1)/elapsed.Seconds(), len(evs))
}

// runOnEmulators starts the emulators, a table and queue, a runner over
// them with the quotas lim, and workers steppers consuming the queue until
// ctx ends.
func runOnEmulators(ctx context.Context, t *testing.T, workers int, visibility time.Duration, lim limits.Limits) (*rtEnv, *runner.Runner) {
	t.Helper()
	em := harness.StartAll(t)
	e := newRTEnv(t, em)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := runner.New(runner.Options{Store: e.raw, Queue: sqsqueue.New(em.SQS(), e.queueURL), Invoker: e.inv, Logger: quiet, Limits: lim})
	stop := (&Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: workers, Visibility: visibility, Stepper: r}).Run(ctx)
	t.Cleanup(stop)
	return e, r
}

//go:build integration

package integration

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/test/harness"
)

// failingSender fails the sends it is armed for, as a throttled or
// timed-out SendMessage would after the SDK gave up.
type failingSender struct {
	queue.Sender
	fail atomic.Int64
}

func (q *failingSender) Send(ctx context.Context, m queue.Message, d time.Duration) error {
	if q.fail.Add(-1) >= 0 {
		return errors.New("injected: SendMessage failed")
	}
	return q.Sender.Send(ctx, m, d)
}

// TestRuntime_FlushLostOutsideHandle: StartExecution and SendTaskSuccess
// commit and then send their message outside any queue delivery, so no
// redelivery re-flushes their outbox. When that send fails, the caller
// (an SDK) retries the API call; the retry must finish the flush, or the
// execution hangs forever.
func TestRuntime_FlushLostOutsideHandle(t *testing.T) {
	em := harness.StartAll(t)
	def := SampleDefinition("https://sqs.us-east-1.amazonaws.com/000000000000/approvals")
	cases := []struct {
		name    string
		arm     string // which API call's send fails: "start" or "callback"
		timeout time.Duration
	}{
		{"StartExecutionRetried", "start", 15 * time.Second},
		{"SendTaskSuccessRetried", "callback", 15 * time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
			defer cancel()
			e := newRTEnv(t, em)
			q := &failingSender{Sender: sqsqueue.New(em.SQS(), e.queueURL)}
			r := runner.New(runner.Options{Store: e.raw, Queue: q, Invoker: e.inv, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			pool := &Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 2, Visibility: time.Second, Stepper: r}
			defer pool.Run(ctx)()

			sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sample", Name: "sample", Type: "STANDARD"}
			req := runner.StartRequest{StateMachine: sm, Definition: def, Name: "lost", Input: SampleInput(7)}
			if c.arm == "start" {
				q.fail.Store(1)
			}
			ex, err := r.Start(ctx, req)
			if c.arm == "start" {
				if err == nil {
					t.Fatal("Start succeeded although its send failed")
				}
				if ex, err = r.Start(ctx, req); err != nil { // the SDK's retry
					t.Fatalf("retried Start: %v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			var cb Callback
			select {
			case cb = <-e.inv.Callbacks:
			case <-ctx.Done():
				t.Fatalf("no callback requested: execution did not reach Approve")
			}
			time.Sleep(500 * time.Millisecond) // let the Approve step commit its park
			if c.arm == "callback" {
				q.fail.Store(1)
				if err := r.SendTaskSuccess(ctx, cb.Token, ApprovalOutput(cb.ID)); err == nil {
					t.Fatal("SendTaskSuccess succeeded although its send failed")
				}
			}
			err = r.SendTaskSuccess(ctx, cb.Token, ApprovalOutput(cb.ID)) // the SDK's retry
			final, werr := WaitFinished(ctx, e.raw, []string{ex.ARN})
			if werr != nil {
				got := final[ex.ARN]
				t.Fatalf("execution never ended (retried SendTaskSuccess: %v): version %d, state %s", err, got.Version, stateSummary(got.State))
			}
			if got := final[ex.ARN]; got.Status != runner.StatusSucceeded {
				t.Fatalf("%s %s %s", got.Status, got.Error, got.Cause)
			}
		})
	}
}

package stepbatch

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/memqueue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
)

type fakeStepper struct {
	mu        sync.Mutex
	seen      []queue.Message
	abandoned []queue.Message
}

func (f *fakeStepper) HandleBatch(ctx context.Context, msgs []queue.Message) []error {
	errs := make([]error, len(msgs))
	for i, m := range msgs {
		errs[i] = f.handle(ctx, m)
	}
	return errs
}

func (f *fakeStepper) handle(_ context.Context, m queue.Message) error {
	f.mu.Lock()
	f.seen = append(f.seen, m)
	f.mu.Unlock()
	if strings.HasSuffix(m.Execution, ":flaky") {
		return errors.New("throttled")
	}
	return nil
}

func loadEvent(t *testing.T, name string) events.SQSEvent {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "events", "stepper", name))
	if err != nil {
		t.Fatal(err)
	}
	var ev events.SQSEvent
	if err := json.Unmarshal(data, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func quietLog() *slog.Logger { return slog.New(slog.NewJSONHandler(io.Discard, nil)) }

func TestHandler_PartialBatchFailures(t *testing.T) {
	fs := &fakeStepper{}
	resp, err := NewHandler(fs, quietLog())(context.Background(), loadEvent(t, "sqs-batch.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs.seen) != 2 {
		t.Errorf("handled %d messages, want 2 (the malformed one is dropped)", len(fs.seen))
	}
	if len(resp.BatchItemFailures) != 1 || resp.BatchItemFailures[0].ItemIdentifier != "2e1424d4-f796-459a-8184-9c92662be6da" {
		t.Errorf("failures = %+v", resp.BatchItemFailures)
	}
}

// TestHandler_RunsExecution drives a real runner over memory adapters, feeding
// the queue's messages to the handler as SQS batches.
func TestHandler_RunsExecution(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	q := memqueue.New()
	r := runner.New(runner.Options{Store: st, Queue: q, Logger: quietLog()})
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":1},"Next":"B"},"B":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.n, 41)"},"End":true}}}`
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
	ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "e1"})
	if err != nil {
		t.Fatal(err)
	}
	h := NewHandler(r, quietLog())
	for i := 0; i < 10; i++ {
		ds, err := q.Receive(ctx, 10, 10*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) == 0 {
			break
		}
		var ev events.SQSEvent
		for j, d := range ds {
			body, _ := sqsqueue.Encode(d.Message)
			ev.Records = append(ev.Records, events.SQSMessage{MessageId: string(rune('a' + j)), Body: body})
		}
		resp, err := h(ctx, ev)
		if err != nil || len(resp.BatchItemFailures) > 0 {
			t.Fatalf("batch: %v %+v", err, resp)
		}
		for _, d := range ds {
			_ = d.Ack(ctx)
		}
	}
	got, err := st.GetExecution(ctx, ex.ARN)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != runner.StatusSucceeded || got.Output != `{"sum":42}` {
		t.Fatalf("execution %s output %s", got.Status, got.Output)
	}
}

func (f *fakeStepper) Abandon(_ context.Context, m queue.Message, _ error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.abandoned = append(f.abandoned, m)
	return nil
}

func TestHandler_LastDeliveryFailsExecution(t *testing.T) {
	fs := &fakeStepper{}
	ev := loadEvent(t, "sqs-batch.json")
	ev.Records[1].Attributes["ApproximateReceiveCount"] = "5"
	resp, err := NewHandler(fs, quietLog())(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.BatchItemFailures) != 0 || len(fs.abandoned) != 1 || !strings.HasSuffix(fs.abandoned[0].Execution, ":flaky") {
		t.Fatalf("failures %+v abandoned %+v", resp.BatchItemFailures, fs.abandoned)
	}
}

func TestAbandon_FailsRunningExecution(t *testing.T) {
	tests := []struct {
		name     string
		msg      queue.Message
		abandons bool
	}{
		{"current step", queue.Message{Frame: "r", Version: 1, Kind: queue.KindStep}, true},
		{"stale duplicate of an older version", queue.Message{Frame: "r", Version: 0, Kind: queue.KindStep}, false},
		{"message for a frame that is gone", queue.Message{Frame: "r.7", Version: 1, Kind: queue.KindStep}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st := memstore.New()
			q := memqueue.New()
			r := runner.New(runner.Options{Store: st, Queue: q, Logger: quietLog()})
			sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
			ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`, Name: "poison"})
			if err != nil {
				t.Fatal(err)
			}
			msg := tt.msg
			msg.Execution = ex.ARN
			if err := r.Abandon(ctx, msg, errors.New("boom")); err != nil {
				t.Fatal(err)
			}
			got, _ := st.GetExecution(ctx, ex.ARN)
			if !tt.abandons {
				if got.Status != runner.StatusRunning {
					t.Fatalf("a stale message failed the execution: %+v", got)
				}
				return
			}
			if got.Status != runner.StatusFailed || got.Error != "States.Runtime" || !strings.Contains(got.Cause, "boom") {
				t.Fatalf("%+v", got)
			}
			hist, _ := r.History(ctx, ex.ARN)
			if last := hist[len(hist)-1]; last.Type != "ExecutionFailed" {
				t.Errorf("last event %s", last.Type)
			}
		})
	}
}

// groupRecorder records the groups HandleBatch receives.
type groupRecorder struct {
	mu     sync.Mutex
	groups [][]string
}

func (g *groupRecorder) HandleBatch(_ context.Context, msgs []queue.Message) []error {
	var ids []string
	for _, m := range msgs {
		ids = append(ids, m.Execution+"/"+m.Frame)
	}
	g.mu.Lock()
	g.groups = append(g.groups, ids)
	g.mu.Unlock()
	return make([]error, len(msgs))
}

func (g *groupRecorder) Abandon(context.Context, queue.Message, error) error { return nil }

func TestHandle_OneGroupPerExecutionInOrder(t *testing.T) {
	msgs := []queue.Message{{Execution: "a", Frame: "1"}, {Execution: "b", Frame: "1"}, {Execution: "a", Frame: "2"}, {Execution: "a", Frame: "3"}, {Execution: "b", Frame: "2"}}
	g := &groupRecorder{}
	errs := Handle(context.Background(), g, msgs, quietLog())
	if len(errs) != len(msgs) {
		t.Fatalf("%d results for %d messages", len(errs), len(msgs))
	}
	got := map[string]bool{}
	for _, ids := range g.groups {
		got[strings.Join(ids, " ")] = true
	}
	if len(g.groups) != 2 || !got["a/1 a/2 a/3"] || !got["b/1 b/2"] {
		t.Errorf("groups %v", g.groups)
	}
}

//go:build integration

package integration

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/stepbatch"
	"github.com/stepwise/stepwise/shared/store"
)

// PollAPI is what the event source mapping needs of an SQS client.
type PollAPI interface {
	ReceiveMessage(ctx context.Context, in *sqs.ReceiveMessageInput, opts ...func(*sqs.Options)) (*sqs.ReceiveMessageOutput, error)
	DeleteMessageBatch(ctx context.Context, in *sqs.DeleteMessageBatchInput, opts ...func(*sqs.Options)) (*sqs.DeleteMessageBatchOutput, error)
}

// Pool is Lambda's SQS event source mapping in miniature: each of Workers
// pollers (one stepper instance each) receives a batch of up to 10
// messages, hands it to the stepper's batch handler (stepbatch, as the
// stepper Lambda does), and deletes the records it did not report as
// failed in one DeleteMessageBatch; the others come back after Visibility.
type Pool struct {
	SQS        PollAPI
	QueueURL   string
	Workers    int
	Visibility time.Duration // whole seconds, at least 1
	Stepper    stepbatch.Stepper
}

// Run starts the pollers; the returned stop ends them and waits.
func (p *Pool) Run(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	handler := stepbatch.NewHandler(p.Stepper, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var wg sync.WaitGroup
	for range p.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if err := p.poll(ctx, handler); err != nil && ctx.Err() == nil {
					time.Sleep(20 * time.Millisecond)
				}
			}
		}()
	}
	return func() { cancel(); wg.Wait() }
}

func (p *Pool) poll(ctx context.Context, handler func(context.Context, lambdaevents.SQSEvent) (lambdaevents.SQSEventResponse, error)) error {
	out, err := p.SQS.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl: &p.QueueURL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
		VisibilityTimeout:           int32(max(p.Visibility/time.Second, 1)),
		MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameApproximateReceiveCount},
	})
	if err != nil || len(out.Messages) == 0 {
		return err
	}
	var ev lambdaevents.SQSEvent
	for _, m := range out.Messages {
		ev.Records = append(ev.Records, lambdaevents.SQSMessage{MessageId: deref(m.MessageId), ReceiptHandle: deref(m.ReceiptHandle),
			Body: deref(m.Body), Attributes: m.Attributes, EventSource: "aws:sqs"})
	}
	resp, err := handler(ctx, ev)
	if err != nil {
		return err // the whole batch comes back
	}
	failed := map[string]bool{}
	for _, f := range resp.BatchItemFailures {
		failed[f.ItemIdentifier] = true
	}
	var del []sqstypes.DeleteMessageBatchRequestEntry
	for i, m := range out.Messages {
		if !failed[deref(m.MessageId)] {
			del = append(del, sqstypes.DeleteMessageBatchRequestEntry{Id: ptr(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle})
		}
	}
	if len(del) == 0 {
		return nil
	}
	_, err = p.SQS.DeleteMessageBatch(context.WithoutCancel(ctx), &sqs.DeleteMessageBatchInput{QueueUrl: &p.QueueURL, Entries: del})
	return err
}

// Approver answers callbacks: for each token it calls send until it is
// accepted or giveUp has passed (tokens of attempts that a crash or a
// duplicate made obsolete are never accepted).
type Approver struct {
	Send   func(ctx context.Context, token, output string) error
	GiveUp time.Duration

	mu       sync.Mutex
	Accepted int
	Orphaned int
}

// Run answers callbacks from cbs until ctx ends; the returned stop waits
// for the answers under way.
func (a *Approver) Run(ctx context.Context, cbs <-chan Callback) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case cb := <-cbs:
				wg.Add(1)
				go func() { defer wg.Done(); a.answer(ctx, cb) }()
			}
		}
	}()
	return func() { cancel(); wg.Wait() }
}

func (a *Approver) answer(ctx context.Context, cb Callback) {
	deadline := time.Now().Add(a.GiveUp)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		if a.Send(ctx, cb.Token, ApprovalOutput(cb.ID)) == nil {
			a.mu.Lock()
			a.Accepted++
			a.mu.Unlock()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.mu.Lock()
	a.Orphaned++
	a.mu.Unlock()
}

// WaitFinished polls the executions until none is RUNNING or ctx ends, and
// returns their last records.
func WaitFinished(ctx context.Context, st store.Executions, arns []string) (map[string]store.Execution, error) {
	got := map[string]store.Execution{}
	pending := append([]string(nil), arns...)
	for len(pending) > 0 {
		var still []string
		for _, a := range pending {
			ex, err := st.GetExecution(ctx, a)
			if err == nil {
				got[a] = ex
			}
			if err != nil || ex.Status == "RUNNING" {
				still = append(still, a)
			}
		}
		pending = still
		if len(pending) == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return got, fmt.Errorf("%d of %d executions still running (first %s): %w", len(pending), len(arns), pending[0], ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
	return got, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ptr[T any](v T) *T { return &v }

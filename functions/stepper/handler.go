package main

import (
	"context"
	"log/slog"
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
)

// Stepper handles one queue message.
type Stepper interface {
	Handle(ctx context.Context, msg queue.Message) error
}

// NewHandler returns the SQS batch handler: every record is handled
// concurrently and the failed ones are reported as partial batch failures,
// so that SQS redelivers only those. A malformed record is logged and
// dropped: redelivering it could never succeed.
func NewHandler(s Stepper, log *slog.Logger) func(context.Context, events.SQSEvent) (events.SQSEventResponse, error) {
	return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var (
			mu   sync.Mutex
			resp events.SQSEventResponse
			wg   sync.WaitGroup
		)
		for _, rec := range ev.Records {
			msg, err := sqsqueue.Decode(rec.Body)
			if err != nil {
				log.Error("malformed step message dropped", "message_id", rec.MessageId, "error", err)
				continue
			}
			wg.Add(1)
			go func(id string, msg queue.Message) {
				defer wg.Done()
				if err := s.Handle(ctx, msg); err != nil {
					log.Error("step failed; will be retried", "execution", msg.Execution, "frame", msg.Frame, "version", msg.Version, "error", err)
					mu.Lock()
					resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: id})
					mu.Unlock()
				}
			}(rec.MessageId, msg)
		}
		wg.Wait()
		return resp, nil
	}
}

package main

import (
	"context"
	"log/slog"
	"strconv"
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
)

// Stepper handles one queue message, and gives up on an execution whose
// message failed on its last delivery.
type Stepper interface {
	Handle(ctx context.Context, msg queue.Message) error
	Abandon(ctx context.Context, msg queue.Message, cause error) error
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
			msg.ReceiveCount = receiveCount(rec)
			wg.Add(1)
			go func(id string, msg queue.Message, receives int) {
				defer wg.Done()
				err := s.Handle(ctx, msg)
				if err != nil && receives >= queue.MaxReceiveCount {
					log.Error("step failed on its last delivery; failing the execution", "execution", msg.Execution, "frame", msg.Frame, "version", msg.Version, "error", err)
					err = s.Abandon(ctx, msg, err)
				}
				if err != nil {
					log.Error("step failed; will be retried", "execution", msg.Execution, "frame", msg.Frame, "version", msg.Version, "error", err)
					mu.Lock()
					resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: id})
					mu.Unlock()
				}
			}(rec.MessageId, msg, msg.ReceiveCount)
		}
		wg.Wait()
		return resp, nil
	}
}

// receiveCount is SQS's ApproximateReceiveCount of a record (1 if absent).
func receiveCount(rec events.SQSMessage) int {
	n, err := strconv.Atoi(rec.Attributes["ApproximateReceiveCount"])
	if err != nil || n < 1 {
		return 1
	}
	return n
}

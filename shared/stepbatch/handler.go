// Package stepbatch is the stepper Lambda's SQS batch handler: it groups a
// batch by execution, hands each group to the runner, reports partial
// batch failures, and fails an execution whose message is on its last
// delivery.
package stepbatch

import (
	"context"
	"log/slog"
	"strconv"
	"sync"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
)

// Stepper handles an execution's messages (one error each), and gives up
// on an execution whose message failed on its last delivery.
type Stepper interface {
	HandleBatch(ctx context.Context, msgs []queue.Message) []error
	Abandon(ctx context.Context, msg queue.Message, cause error) error
}

// NewHandler returns the SQS batch handler. Records of different
// executions are handled concurrently; those of one execution together, in
// order, so that they cost one read and one write of its record and do not
// race for it (a lost race costs a read and a write). Failed records are reported as partial batch failures, so that
// SQS redelivers only those. A malformed record is logged and dropped:
// redelivering it could never succeed.
func NewHandler(s Stepper, log *slog.Logger) func(context.Context, events.SQSEvent) (events.SQSEventResponse, error) {
	return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var (
			mu   sync.Mutex
			resp events.SQSEventResponse
			wg   sync.WaitGroup
		)
		for _, group := range byExecution(ev.Records, log) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				msgs := make([]queue.Message, len(group))
				for i, r := range group {
					msgs[i] = r.msg
				}
				for i, err := range s.HandleBatch(ctx, msgs) {
					if err = lastDelivery(ctx, s, msgs[i], err, log); err != nil {
						mu.Lock()
						resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: group[i].id})
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		return resp, nil
	}
}

type record struct {
	id  string
	msg queue.Message
}

// byExecution decodes the records and groups them by execution, keeping
// their order.
func byExecution(recs []events.SQSMessage, log *slog.Logger) [][]record {
	index := map[string]int{}
	var groups [][]record
	for _, rec := range recs {
		msg, err := sqsqueue.Decode(rec.Body)
		if err != nil {
			log.Error("malformed step message dropped", "message_id", rec.MessageId, "error", err)
			continue
		}
		msg.ReceiveCount = receiveCount(rec)
		i, ok := index[msg.Execution]
		if !ok {
			i = len(groups)
			index[msg.Execution] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], record{id: rec.MessageId, msg: msg})
	}
	return groups
}

// lastDelivery passes on a message's failure, except on its last delivery,
// where it fails the execution instead.
func lastDelivery(ctx context.Context, s Stepper, msg queue.Message, err error, log *slog.Logger) error {
	if err != nil && msg.ReceiveCount >= queue.MaxReceiveCount {
		log.Error("step failed on its last delivery; failing the execution", "execution", msg.Execution, "frame", msg.Frame, "version", msg.Version, "error", err)
		err = s.Abandon(ctx, msg, err)
	}
	if err != nil {
		log.Error("step failed; will be retried", "execution", msg.Execution, "frame", msg.Frame, "version", msg.Version, "error", err)
	}
	return err
}

// receiveCount is SQS's ApproximateReceiveCount of a record (1 if absent).
func receiveCount(rec events.SQSMessage) int {
	n, err := strconv.Atoi(rec.Attributes["ApproximateReceiveCount"])
	if err != nil || n < 1 {
		return 1
	}
	return n
}

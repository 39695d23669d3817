// Package stepbatch is the stepper Lambda's SQS batch handler: it groups a
// batch by execution, hands each group to the runner, reports partial
// batch failures, and fails an execution whose message is on its last
// delivery.
package stepbatch

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/parallel"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
)

// Stepper handles an execution's messages (one error each), and gives up
// on an execution whose message failed on its last delivery.
type Stepper interface {
	HandleBatch(ctx context.Context, msgs []queue.Message) []error
	Abandon(ctx context.Context, msg queue.Message, cause error) error
}

// NewHandler returns the SQS batch handler (see Handle). Failed records
// are reported as partial batch failures, so that SQS redelivers only
// those. A malformed record is logged and dropped: redelivering it could
// never succeed.
func NewHandler(s Stepper, log *slog.Logger) func(context.Context, events.SQSEvent) (events.SQSEventResponse, error) {
	return func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var (
			ids  []string
			msgs []queue.Message
			resp events.SQSEventResponse
		)
		for _, rec := range ev.Records {
			msg, err := sqsqueue.Decode(rec.Body)
			if err != nil {
				log.Error("malformed step message dropped", "message_id", rec.MessageId, "error", err)
				continue
			}
			msg.ReceiveCount = receiveCount(rec)
			ids, msgs = append(ids, rec.MessageId), append(msgs, msg)
		}
		for i, err := range Handle(ctx, s, msgs, log) {
			if err != nil {
				resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: ids[i]})
			}
		}
		return resp, nil
	}
}

// Handle handles a batch of messages and returns one error per message.
// Messages of different executions are handled concurrently; those of one
// execution together, in order, so that they cost one read and one write
// of its record and do not race for it (a lost race costs a read and a
// write).
func Handle(ctx context.Context, s Stepper, msgs []queue.Message, log *slog.Logger) []error {
	errs := make([]error, len(msgs))
	groups := byExecution(msgs)
	parallel.Do(len(groups), func(g int) {
		idx := groups[g]
		group := make([]queue.Message, len(idx))
		for k, i := range idx {
			group[k] = msgs[i]
		}
		for k, err := range s.HandleBatch(ctx, group) {
			errs[idx[k]] = lastDelivery(ctx, s, group[k], err, log)
		}
	})
	return errs
}

// byExecution groups message indexes by execution, keeping their order.
func byExecution(msgs []queue.Message) [][]int {
	index := map[string]int{}
	var groups [][]int
	for i, msg := range msgs {
		g, ok := index[msg.Execution]
		if !ok {
			g = len(groups)
			index[msg.Execution] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
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

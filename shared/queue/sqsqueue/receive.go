package sqsqueue

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/queue"
)

// SQS limits of one ReceiveMessage call.
const (
	maxReceive = 10
	maxWait    = 20 * time.Second
)

// Receive long-polls for up to limit messages (clamped to 1..10) for up to
// wait (whole seconds, at most 20). A body that does not decode is left in
// the queue unacknowledged, so that the redrive policy moves it to the
// dead-letter queue after a few receives.
func (q *Queue) Receive(ctx context.Context, limit int, wait time.Duration) ([]queue.Delivery, error) {
	in := &sqs.ReceiveMessageInput{
		QueueUrl:                    &q.url,
		MaxNumberOfMessages:         int32(min(max(limit, 1), maxReceive)),
		WaitTimeSeconds:             int32(min(max(wait, 0), maxWait) / time.Second),
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameApproximateReceiveCount},
	}
	if q.visibility > 0 {
		in.VisibilityTimeout = int32(q.visibility / time.Second)
	}
	out, err := q.api.ReceiveMessage(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("receive from %s: %w", q.url, err)
	}
	deliveries := make([]queue.Delivery, 0, len(out.Messages))
	for _, msg := range out.Messages {
		if msg.Body == nil {
			continue
		}
		m, err := Decode(*msg.Body)
		if err != nil {
			continue
		}
		count, _ := strconv.Atoi(msg.Attributes[string(types.MessageSystemAttributeNameApproximateReceiveCount)])
		deliveries = append(deliveries, queue.Delivery{Message: m, ReceiveCount: count, Ack: q.ack(msg.ReceiptHandle)})
	}
	return deliveries, nil
}

func (q *Queue) ack(receipt *string) func(context.Context) error {
	return func(ctx context.Context) error {
		if _, err := q.api.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: &q.url, ReceiptHandle: receipt}); err != nil {
			return fmt.Errorf("delete message from %s: %w", q.url, err)
		}
		return nil
	}
}

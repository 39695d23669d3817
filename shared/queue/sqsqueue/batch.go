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

// maxBatch is SendMessageBatch's entry limit.
const maxBatch = 10

// maxBatchAttempts bounds the re-sends of entries SQS reports as failed.
const maxBatchAttempts = 3

// Outgoing is one message of a batch send.
type Outgoing struct {
	Message queue.Message
	Delay   time.Duration
}

// SendBatch sends many messages (a Map or Parallel fan-out) ten to a call,
// re-sending entries that failed, which SQS reports per entry.
func (q *Queue) SendBatch(ctx context.Context, msgs []Outgoing) error {
	for start := 0; start < len(msgs); start += maxBatch {
		if err := q.sendChunk(ctx, msgs[start:min(start+maxBatch, len(msgs))]); err != nil {
			return err
		}
	}
	return nil
}

func (q *Queue) sendChunk(ctx context.Context, msgs []Outgoing) error {
	entries := make([]types.SendMessageBatchRequestEntry, len(msgs))
	for i, o := range msgs {
		body, err := Encode(o.Message)
		if err != nil {
			return err
		}
		entries[i] = types.SendMessageBatchRequestEntry{
			Id: strPtr(strconv.Itoa(i)), MessageBody: &body, DelaySeconds: DelaySeconds(o.Delay),
		}
	}
	for attempt := 1; ; attempt++ {
		out, err := q.api.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: &q.url, Entries: entries})
		if err != nil {
			return fmt.Errorf("send batch to %s: %w", q.url, err)
		}
		if len(out.Failed) == 0 {
			return nil
		}
		if attempt == maxBatchAttempts {
			f := out.Failed[0]
			return fmt.Errorf("send batch to %s: %d of %d entries failed, e.g. %s: %s",
				q.url, len(out.Failed), len(entries), deref(f.Code), deref(f.Message))
		}
		entries = retryable(entries, out.Failed)
	}
}

// retryable keeps the entries that failed.
func retryable(entries []types.SendMessageBatchRequestEntry, failed []types.BatchResultErrorEntry) []types.SendMessageBatchRequestEntry {
	ids := map[string]bool{}
	for _, f := range failed {
		ids[deref(f.Id)] = true
	}
	var out []types.SendMessageBatchRequestEntry
	for _, e := range entries {
		if ids[deref(e.Id)] {
			out = append(out, e)
		}
	}
	return out
}

func strPtr(s string) *string { return &s }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Package sqsqueue is the Amazon SQS adapter of the queue port: a standard
// queue (FIFO queues have no per-message delay), JSON message bodies, and
// per-message DelaySeconds rounded up to whole seconds and clamped to 900.
package sqsqueue

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/queue"
)

var (
	_ queue.Sender   = (*Queue)(nil)
	_ queue.Receiver = (*Queue)(nil)
)

// API is the part of *sqs.Client the queue uses.
type API interface {
	SendMessage(ctx context.Context, in *sqs.SendMessageInput, opts ...func(*sqs.Options)) (*sqs.SendMessageOutput, error)
	SendMessageBatch(ctx context.Context, in *sqs.SendMessageBatchInput, opts ...func(*sqs.Options)) (*sqs.SendMessageBatchOutput, error)
	ReceiveMessage(ctx context.Context, in *sqs.ReceiveMessageInput, opts ...func(*sqs.Options)) (*sqs.ReceiveMessageOutput, error)
	DeleteMessage(ctx context.Context, in *sqs.DeleteMessageInput, opts ...func(*sqs.Options)) (*sqs.DeleteMessageOutput, error)
}

// Queue sends to and receives from one SQS queue.
type Queue struct {
	api        API
	url        string
	visibility time.Duration // 0: the queue's own setting
}

// Option configures a Queue.
type Option func(*Queue)

// WithVisibilityTimeout sets the visibility timeout of the messages this
// Queue receives (whole seconds, at least 1: the SDK cannot send 0),
// overriding the queue's attribute.
func WithVisibilityTimeout(d time.Duration) Option {
	return func(q *Queue) { q.visibility = d }
}

// New returns a Queue over the queue at queueURL.
func New(client *sqs.Client, queueURL string, opts ...Option) *Queue {
	return NewWithAPI(client, queueURL, opts...)
}

// NewWithAPI is New over any implementation of API (tests, wrappers).
func NewWithAPI(api API, queueURL string, opts ...Option) *Queue {
	q := &Queue{api: api, url: queueURL}
	for _, o := range opts {
		o(q)
	}
	return q
}

// URL is the queue's URL.
func (q *Queue) URL() string { return q.url }

// Encode is the message body of m.
func Encode(m queue.Message) (string, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("encode queue message: %w", err)
	}
	return string(b), nil
}

// Decode parses a message body, as the stepper's SQS event handler gets it.
func Decode(body string) (queue.Message, error) {
	var m queue.Message
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		return queue.Message{}, fmt.Errorf("decode queue message: %w", err)
	}
	if m.Execution == "" || m.Kind == "" {
		return queue.Message{}, fmt.Errorf("decode queue message: execution and kind are required")
	}
	return m, nil
}

// DelaySeconds converts a delay to SQS's DelaySeconds: rounded up, so a
// message is never early, and clamped to [0, 900].
func DelaySeconds(d time.Duration) int32 {
	d = min(max(d, 0), queue.MaxDelay)
	return int32((d + time.Second - 1) / time.Second)
}

// Send sends m to arrive after delay.
func (q *Queue) Send(ctx context.Context, m queue.Message, delay time.Duration) error {
	body, err := Encode(m)
	if err != nil {
		return err
	}
	_, err = q.api.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl: &q.url, MessageBody: &body, DelaySeconds: DelaySeconds(delay),
	})
	if err != nil {
		return fmt.Errorf("send %s message for %s: %w", m.Kind, m.Execution, err)
	}
	return nil
}

//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/queuetest"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/test/harness"
)

func newSQSClient(t *testing.T) *sqs.Client {
	t.Helper()
	endpoint := harness.StartSQS(t)
	return sqs.NewFromConfig(harness.AWSConfig(t), harness.SQSEndpoint(endpoint))
}

var queueSeq atomic.Int64

// newQueue creates a fresh queue (and its DLQ) for one test.
func newQueue(t *testing.T, client *sqs.Client) (url, dlq string) {
	t.Helper()
	name := fmt.Sprintf("stepwise-test-%d", queueSeq.Add(1))
	url, dlq, err := sqsqueue.CreateQueues(context.Background(), client, name)
	if err != nil {
		t.Fatalf("create queues: %v", err)
	}
	return url, dlq
}

func TestQueue_SQSContract(t *testing.T) {
	client := newSQSClient(t)
	queuetest.Run(t, func(t *testing.T) (queue.Sender, queue.Receiver) {
		url, _ := newQueue(t, client)
		q := sqsqueue.New(client, url, sqsqueue.WithVisibilityTimeout(queuetest.Visibility))
		return q, q
	})
}

func TestQueue_SQSCreateQueues(t *testing.T) {
	t.Parallel()
	client := newSQSClient(t)
	ctx := context.Background()
	url, dlq := newQueue(t, client)
	// The name is the URL's last segment (parallel tests share the counter).
	name := url[strings.LastIndex(url, "/")+1:]
	again, dlqAgain, err := sqsqueue.CreateQueues(ctx, client, name)
	if err != nil || again != url || dlqAgain != dlq {
		t.Fatalf("second CreateQueues: %q %q %v, want %q %q", again, dlqAgain, err, url, dlq)
	}
	// fauxqs does not keep SqsManagedSseEnabled; the unit tests of
	// sqsqueue check that CreateQueues asks for it.
	attrs := queueAttributes(t, client, url)
	var redrive struct {
		DeadLetterTargetArn string
		MaxReceiveCount     json.Number
	}
	if err := json.Unmarshal([]byte(attrs["RedrivePolicy"]), &redrive); err != nil {
		t.Fatalf("RedrivePolicy %q: %v", attrs["RedrivePolicy"], err)
	}
	if redrive.DeadLetterTargetArn != queueAttributes(t, client, dlq)["QueueArn"] || redrive.MaxReceiveCount.String() != "5" {
		t.Errorf("RedrivePolicy = %+v, want the DLQ's ARN and 5", redrive)
	}
}

func queueAttributes(t *testing.T, client *sqs.Client, url string) map[string]string {
	t.Helper()
	out, err := client.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{
		QueueUrl: &url, AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
	})
	if err != nil {
		t.Fatalf("get attributes of %s: %v", url, err)
	}
	return out.Attributes
}

func TestQueue_SQSSendBatch(t *testing.T) {
	t.Parallel()
	client := newSQSClient(t)
	url, _ := newQueue(t, client)
	q := sqsqueue.New(client, url)
	var out []sqsqueue.Outgoing
	for v := range int64(23) {
		out = append(out, sqsqueue.Outgoing{Message: queue.Message{Execution: "ex", Kind: queue.KindStep, Version: v}})
	}
	if err := q.SendBatch(context.Background(), out); err != nil {
		t.Fatalf("send batch: %v", err)
	}
	seen := map[int64]bool{}
	deadline := time.Now().Add(10 * time.Second)
	for len(seen) < len(out) && time.Now().Before(deadline) {
		got, err := q.Receive(context.Background(), 10, time.Second)
		if err != nil {
			t.Fatalf("receive: %v", err)
		}
		for _, d := range got {
			seen[d.Message.Version] = true
			_ = d.Ack(context.Background())
		}
	}
	if len(seen) != len(out) {
		t.Fatalf("received %d of %d batch-sent messages", len(seen), len(out))
	}
}

// TestQueue_SQSMalformedBodyGoesToDLQ: a body that is not a message is never
// delivered, and the redrive policy eventually moves it to the DLQ.
func TestQueue_SQSMalformedBodyGoesToDLQ(t *testing.T) {
	t.Parallel()
	client := newSQSClient(t)
	url, dlq := newQueue(t, client)
	ctx := context.Background()
	if _, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &url, MessageBody: strPtr("not json")}); err != nil {
		t.Fatal(err)
	}
	q := sqsqueue.New(client, url, sqsqueue.WithVisibilityTimeout(time.Second))
	for range sqsqueue.MaxReceiveCount + 1 {
		got, err := q.Receive(ctx, 10, 2*time.Second)
		if err != nil || len(got) != 0 {
			t.Fatalf("malformed body delivered: %v, %v", got, err)
		}
	}
	dead, err := client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &dlq, WaitTimeSeconds: 3})
	if err != nil || len(dead.Messages) != 1 || *dead.Messages[0].Body != "not json" {
		t.Fatalf("DLQ: %+v, %v; want the malformed message", dead, err)
	}
}

func strPtr(s string) *string { return &s }

package sqsqueue

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/queue"
)

// MaxReceiveCount is how often a message is received before the redrive
// policy moves it to the dead-letter queue.
const MaxReceiveCount = queue.MaxReceiveCount

// DLQSuffix names the dead-letter queue after its queue.
const DLQSuffix = "-dlq"

// dlqRetention keeps dead letters for SQS's maximum, 14 days.
const dlqRetention = 14 * 24 * 3600

// CreateAPI is the part of *sqs.Client that CreateQueues uses.
type CreateAPI interface {
	CreateQueue(ctx context.Context, in *sqs.CreateQueueInput, opts ...func(*sqs.Options)) (*sqs.CreateQueueOutput, error)
	GetQueueUrl(ctx context.Context, in *sqs.GetQueueUrlInput, opts ...func(*sqs.Options)) (*sqs.GetQueueUrlOutput, error)
	GetQueueAttributes(ctx context.Context, in *sqs.GetQueueAttributesInput, opts ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error)
}

// CreateQueues makes sure queue name and its dead-letter queue name-dlq
// exist, both with SQS-managed encryption, the queue redriving to the DLQ
// after MaxReceiveCount receives, and returns their URLs. Existing queues
// are used as they are.
func CreateQueues(ctx context.Context, client CreateAPI, name string) (queueURL, dlqURL string, err error) {
	dlqURL, err = ensureQueue(ctx, client, name+DLQSuffix, map[string]string{
		"SqsManagedSseEnabled":   "true",
		"MessageRetentionPeriod": strconv.Itoa(dlqRetention),
	})
	if err != nil {
		return "", "", err
	}
	attrs, err := client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl: &dlqURL, AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn},
	})
	if err != nil {
		return "", "", fmt.Errorf("get ARN of queue %s: %w", dlqURL, err)
	}
	dlqARN := attrs.Attributes[string(types.QueueAttributeNameQueueArn)]
	redrive := fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":%d}`, dlqARN, MaxReceiveCount)
	queueURL, err = ensureQueue(ctx, client, name, map[string]string{
		"SqsManagedSseEnabled": "true",
		"RedrivePolicy":        redrive,
	})
	if err != nil {
		return "", "", err
	}
	return queueURL, dlqURL, nil
}

// ensureQueue creates a queue (which SQS does idempotently for the same
// attributes) and, when one of that name exists with other attributes,
// returns that one's URL.
func ensureQueue(ctx context.Context, client CreateAPI, name string, attrs map[string]string) (string, error) {
	out, err := client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: &name, Attributes: attrs})
	if err == nil {
		return deref(out.QueueUrl), nil
	}
	var exists *types.QueueNameExists
	if !errors.As(err, &exists) {
		return "", fmt.Errorf("create queue %s: %w", name, err)
	}
	got, gerr := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: &name})
	if gerr != nil {
		return "", fmt.Errorf("get URL of existing queue %s: %w", name, gerr)
	}
	return deref(got.QueueUrl), nil
}

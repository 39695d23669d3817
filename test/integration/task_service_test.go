//go:build integration

package integration

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask"
	"github.com/stepwise/stepwise/shared/task/tasktest"
	"github.com/stepwise/stepwise/test/harness"
)

// TestTaskService runs servicetask against dynalite and fauxqs.
func TestTaskService(t *testing.T) {
	ctx := context.Background()
	cfg := harness.AWSConfig(t)
	db := dynamodb.NewFromConfig(cfg, harness.DynamoEndpoint(harness.StartDynamo(t)))
	sqsURL := harness.StartSQS(t)
	q := sqs.NewFromConfig(cfg, harness.SQSEndpoint(sqsURL))
	topics := sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = aws.String(sqsURL) })

	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("items"),
		AttributeDefinitions: []dtypes.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: dtypes.ScalarAttributeTypeS}},
		KeySchema:            []dtypes.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: dtypes.KeyTypeHash}},
		BillingMode:          dtypes.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("create table: %v", err)
	}
	qo, err := q.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("tasks")})
	if err != nil {
		t.Fatalf("create queue: %v", err)
	}
	to, err := topics.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("events")})
	if err != nil {
		t.Fatalf("create topic: %v", err)
	}
	inv := servicetask.New(servicetask.Clients{SQS: q, SNS: topics, DynamoDB: db})
	queueURL, topicARN := *qo.QueueUrl, *to.TopicArn

	tasktest.Run(t, tasktest.Suite{
		New:              func(*testing.T) task.Invoker { return inv },
		CancelledIsError: true,
		Cases: []tasktest.Case{
			{Name: "PutItem", Req: svcReq("dynamodb:putItem", `{"TableName":"items","Item":{"id":{"S":"1"},"n":{"N":"2.5"},"tags":{"SS":["a"]}}}`),
				Want: tasktest.Want{Check: hasKeys("SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "SendMessage", Req: svcReq("sqs:sendMessage", `{"QueueUrl":"`+queueURL+`","MessageBody":{"hello":"world"}}`),
				Want: tasktest.Want{Check: hasKeys("MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "SendMessageWait", Req: svcReq("sqs:sendMessage.waitForTaskToken", `{"QueueUrl":"`+queueURL+`","MessageBody":{"TaskToken":"tok"}}`),
				Want: tasktest.Want{Pending: true}},
			{Name: "Publish", Req: svcReq("sns:publish", `{"TopicArn":"`+topicARN+`","Message":{"k":1}}`),
				Want: tasktest.Want{Check: hasKeys("MessageId", "SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "NoSuchTable", Req: svcReq("dynamodb:putItem", `{"TableName":"nope","Item":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{Failed: true, Error: "DynamoDB.ResourceNotFoundException"}},
			{Name: "ConditionalCheckFailed", Req: svcReq("dynamodb:putItem", `{"TableName":"items","Item":{"id":{"S":"taken"}},"ConditionExpression":"attribute_exists(nothere)"}`),
				Want: tasktest.Want{Failed: true, Error: "DynamoDB.ConditionalCheckFailedException"}},
		},
	})

	t.Run("GetItemReadsPut", func(t *testing.T) {
		res, err := inv.Invoke(ctx, svcReq("dynamodb:getItem", `{"TableName":"items","Key":{"id":{"S":"1"}}}`))
		if err != nil {
			t.Fatal(err)
		}
		tasktest.CheckResult(t, res, tasktest.Want{})
		if item := field(res.Output, "Item"); !jsonval.Equal(item, jsonval.MustDecode(`{"id":{"S":"1"},"n":{"N":"2.5"},"tags":{"SS":["a"]}}`)) {
			t.Errorf("Item = %s", jsonval.String(item))
		}
	})
	t.Run("MessageBodyIsJSONText", func(t *testing.T) {
		out, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(queueURL), MaxNumberOfMessages: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range out.Messages {
			if *m.Body == `{"hello":"world"}` {
				return
			}
		}
		t.Errorf("no message with body {\"hello\":\"world\"} among %d received", len(out.Messages))
	})
}

func svcReq(resource, params string) task.Request {
	return task.Request{State: "S", Resource: "arn:aws:states:::" + resource, Input: jsonval.MustDecode(params)}
}

func hasKeys(keys ...string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		for _, k := range keys {
			if field(res.Output, k) == nil {
				t.Errorf("output %s lacks %s", jsonval.String(res.Output), k)
			}
		}
	}
}

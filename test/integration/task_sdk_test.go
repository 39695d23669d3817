//go:build integration

package integration

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/test/harness"
)

// TestAWSSDK_Workflows runs workflows of aws-sdk:* Task states through
// `stepwise serve` against the emulators: S3, SQS and SNS on fauxqs,
// DynamoDB on dynalite, Kinesis on kinesalite. The state machine "mocked" has a mock
// configuration test case, which must win over the live call.
func TestAWSSDK_Workflows(t *testing.T) {
	em := harness.StartAll(t)
	sts := startSTS(t)
	srv := startServe(t, sdkMockConfig(t), "WAIT_TIME_SCALE=0.05", "--create-resources",
		"SQS_ENDPOINT="+em.SQSEndpoint, "SNS_ENDPOINT="+em.SQSEndpoint, "DYNAMODB_ENDPOINT="+em.DynamoEndpoint,
		"AWS_ENDPOINT_URL_S3="+em.SQSEndpoint, "AWS_ENDPOINT_URL_KINESIS="+harness.StartKinesis(t),
		"AWS_ENDPOINT_URL_STS="+sts.URL)
	e := &sdkEnv{srv: srv, sfn: sfnClient(srv.URL)}
	createItemsTable(t, em.DynamoDB())

	for _, tc := range []struct {
		name, definition, input string
		status                  types.ExecutionStatus
		output, error           string
	}{
		{"S3PutGetAndNoSuchKey", s3Workflow, `{"Bucket":"sdk-bucket","Doc":{"Dict":"Value"}}`, types.ExecutionStatusSucceeded,
			`{"Body":"{\"Dict\":\"Value\"}","Caught":"S3.NoSuchKeyException"}`, ""},
		{"DynamoBatchQueryScan", dynamoWorkflow, `{}`, types.ExecutionStatusSucceeded,
			`{"Query":{"Count":1,"Items":[{"pk":{"S":"a"},"n":{"N":"1"}}]},"Scan":2,"Conflict":"DynamoDb.ConditionalCheckFailedException"}`, ""},
		{"SQSRoundTrip", sqsWorkflow, `{"QueueName":"sdk-queue"}`, types.ExecutionStatusSucceeded,
			`{"Body":"{\"hello\":\"world\"}","Left":"0"}`, ""},
		{"KinesisPutGet", kinesisWorkflow, `{"Stream":"sdk-stream","Data":"aGVsbG8="}`, types.ExecutionStatusSucceeded,
			`{"Data":"aGVsbG8=","Status":"ACTIVE","Missing":"Kinesis.ResourceNotFoundException"}`, ""},
		{"SNSTopic", snsWorkflow, `{}`, types.ExecutionStatusSucceeded, `{"Published":true}`, ""},
		{"JSONataArguments", `{"QueryLanguage":"JSONata","StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:getItem",
			"Arguments":{"TableName":"sdk-items","Key":{"pk":{"S":"{% $states.input.key %}"}}},"Output":"{% $states.result.Item.n.N %}","End":true}}}`,
			`{"key":"b"}`, types.ExecutionStatusSucceeded, `"2"`, ""},
		{"S3NoSuchBucket", `{"StartAt":"List","States":{"List":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listObjectsV2","Parameters":{"Bucket":"no-such-bucket"},"End":true}}}`,
			`{}`, types.ExecutionStatusFailed, "", "S3.NoSuchBucketException"},
		{"UncaughtServiceError", `{"StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:getItem","Parameters":{"TableName":"no-such-table","Key":{"pk":{"S":"a"}}},"End":true}}}`,
			`{}`, types.ExecutionStatusFailed, "", "DynamoDb.ResourceNotFoundException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sm := e.createSM(t, uniqueName("sdk"), tc.definition, types.StateMachineTypeStandard)
			d := e.await(t, e.start(t, sm, "", tc.input))
			if d.Status != tc.status {
				t.Fatalf("status %s (error %s: %s), want %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause), tc.status)
			}
			if tc.error != "" && aws.ToString(d.Error) != tc.error {
				t.Errorf("error %s (%s), want %s", aws.ToString(d.Error), aws.ToString(d.Cause), tc.error)
			}
			if tc.output != "" {
				sameJSON(t, "output", aws.ToString(d.Output), tc.output)
			}
		})
	}

	t.Run("Credentials", func(t *testing.T) { credentialsCases(t, e, sts) })
	t.Run("OptimizedCredentials", func(t *testing.T) { optimizedCredentialsCases(t, e, sts) })

	t.Run("MockedTestCase", func(t *testing.T) {
		sm := e.createSM(t, "mocked", `{"StartAt":"Get","States":{"Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","Parameters":{"Bucket":"nowhere","Key":"k"},"End":true}}}`, types.StateMachineTypeStandard)
		d := e.await(t, e.start(t, sm+"#Mocked", "", `{}`))
		if d.Status != types.ExecutionStatusSucceeded {
			t.Fatalf("status %s (%s)", d.Status, aws.ToString(d.Cause))
		}
		sameJSON(t, "output", aws.ToString(d.Output), `{"Body":"mocked"}`)
	})
}

// s3Workflow creates a bucket, puts a JSON document, reads it back and
// catches the NoSuchKey of a missing key by its AWS error name.
const s3Workflow = `{"StartAt":"Create","States":{
 "Create":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:createBucket","Parameters":{"Bucket.$":"$.Bucket"},"ResultPath":null,"Next":"Put"},
 "Put":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject","Parameters":{"Bucket.$":"$.Bucket","Key":"doc.json","Body.$":"$.Doc"},"ResultSelector":{"ETag.$":"$.ETag"},"ResultPath":"$.Put","Next":"Get"},
 "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","Parameters":{"Bucket.$":"$.Bucket","Key":"doc.json"},"ResultSelector":{"Body.$":"$.Body"},"ResultPath":"$.Get","Next":"Missing"},
 "Missing":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","Parameters":{"Bucket.$":"$.Bucket","Key":"missing.json"},
  "Catch":[{"ErrorEquals":["S3.NoSuchKeyException"],"ResultPath":"$.Error","Next":"Done"}],"Next":"Done"},
 "Done":{"Type":"Pass","Parameters":{"Body.$":"$.Get.Body","Caught.$":"$.Error.Error"},"End":true}}}`

// dynamoWorkflow writes two items in a batch, queries and scans them, and
// catches a failed condition by its AWS error name.
const dynamoWorkflow = `{"StartAt":"Write","States":{
 "Write":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:batchWriteItem","Parameters":{"RequestItems":{"sdk-items":[
   {"PutRequest":{"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}},{"PutRequest":{"Item":{"pk":{"S":"b"},"n":{"N":"2"}}}}]}},"ResultPath":null,"Next":"Query"},
 "Query":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:query","Parameters":{"TableName":"sdk-items","KeyConditionExpression":"pk = :pk","ExpressionAttributeValues":{":pk":{"S":"a"}}},
  "ResultSelector":{"Count.$":"$.Count","Items.$":"$.Items"},"ResultPath":"$.Query","Next":"Scan"},
 "Scan":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:scan","Parameters":{"TableName":"sdk-items","Select":"COUNT"},"ResultSelector":{"Count.$":"$.Count"},"ResultPath":"$.Scan","Next":"Conflict"},
 "Conflict":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:putItem","Parameters":{"TableName":"sdk-items","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"},
  "Catch":[{"ErrorEquals":["DynamoDb.ConditionalCheckFailedException"],"ResultPath":"$.Error","Next":"Done"}],"Next":"Done"},
 "Done":{"Type":"Pass","Parameters":{"Query.$":"$.Query","Scan.$":"$.Scan.Count","Conflict.$":"$.Error.Error"},"End":true}}}`

// sqsWorkflow creates a queue, sends a JSON body, receives and deletes it.
const sqsWorkflow = `{"StartAt":"Create","States":{
 "Create":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:createQueue","Parameters":{"QueueName.$":"$.QueueName"},"ResultSelector":{"Url.$":"$.QueueUrl"},"ResultPath":"$.Queue","Next":"Send"},
 "Send":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:sendMessage","Parameters":{"QueueUrl.$":"$.Queue.Url","MessageBody":"{\"hello\":\"world\"}"},"ResultPath":null,"Next":"Receive"},
 "Receive":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:receiveMessage","Parameters":{"QueueUrl.$":"$.Queue.Url","MaxNumberOfMessages":1,"WaitTimeSeconds":1},
  "ResultSelector":{"Message.$":"$.Messages[0]"},"ResultPath":"$.Received","Next":"Delete"},
 "Delete":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:deleteMessage","Parameters":{"QueueUrl.$":"$.Queue.Url","ReceiptHandle.$":"$.Received.Message.ReceiptHandle"},"ResultPath":null,"Next":"Count"},
 "Count":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:getQueueAttributes","Parameters":{"QueueUrl.$":"$.Queue.Url","AttributeNames":["ApproximateNumberOfMessages"]},"ResultPath":"$.Attributes","Next":"Done"},
 "Done":{"Type":"Pass","Parameters":{"Body.$":"$.Received.Message.Body","Left.$":"$.Attributes.Attributes.ApproximateNumberOfMessages"},"End":true}}}`

// kinesisWorkflow creates a stream, puts a record (Data is a blob: base64)
// and reads it back from the start of its shard.
const kinesisWorkflow = `{"StartAt":"Create","States":{
 "Create":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:kinesis:createStream","Parameters":{"StreamName.$":"$.Stream","ShardCount":1},"ResultPath":null,"Next":"Describe"},
 "Describe":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:kinesis:describeStreamSummary","Parameters":{"StreamName.$":"$.Stream"},"ResultSelector":{"Status.$":"$.StreamDescriptionSummary.StreamStatus"},"ResultPath":"$.Describe","Next":"Put"},
 "Put":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:kinesis:putRecord","Parameters":{"StreamName.$":"$.Stream","Data.$":"$.Data","PartitionKey":"k"},"ResultPath":"$.Put","Next":"Iterator"},
 "Iterator":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:kinesis:getShardIterator","Parameters":{"StreamName.$":"$.Stream","ShardId.$":"$.Put.ShardId","ShardIteratorType":"TRIM_HORIZON"},"ResultPath":"$.Iterator","Next":"Get"},
 "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:kinesis:getRecords","Parameters":{"ShardIterator.$":"$.Iterator.ShardIterator"},"ResultPath":"$.Get","Next":"Missing"},
 "Missing":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:kinesis:describeStreamSummary","Parameters":{"StreamName":"no-such-stream"},
  "Catch":[{"ErrorEquals":["Kinesis.ResourceNotFoundException"],"ResultPath":"$.Error","Next":"Done"}],"Next":"Done"},
 "Done":{"Type":"Pass","Parameters":{"Data.$":"$.Get.Records[0].Data","Status.$":"$.Describe.Status","Missing.$":"$.Error.Error"},"End":true}}}`

// snsWorkflow creates a topic and publishes to it.
const snsWorkflow = `{"StartAt":"Create","States":{
 "Create":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:createTopic","Parameters":{"Name":"sdk-topic"},"ResultPath":"$.Topic","Next":"Publish"},
 "Publish":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:publish","Parameters":{"TopicArn.$":"$.Topic.TopicArn","Message":"hello"},"ResultPath":"$.Published","Next":"Check"},
 "Check":{"Type":"Choice","Choices":[{"Variable":"$.Published.MessageId","IsPresent":true,"Next":"Done"}],"Default":"NoMessageId"},
 "NoMessageId":{"Type":"Fail","Error":"NoMessageId"},
 "Done":{"Type":"Pass","Result":{"Published":true},"End":true}}}`

func createItemsTable(t *testing.T, db *dynamodb.Client) {
	t.Helper()
	_, err := db.CreateTable(ctxT(t), &dynamodb.CreateTableInput{
		TableName:            aws.String("sdk-items"),
		AttributeDefinitions: []dtypes.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: dtypes.ScalarAttributeTypeS}},
		KeySchema:            []dtypes.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: dtypes.KeyTypeHash}},
		BillingMode:          dtypes.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("create table: %v", err)
	}
}

// sdkMockConfig mocks the getObject of state machine "mocked" in test
// case "Mocked" (Step Functions Local's format).
func sdkMockConfig(t *testing.T) string {
	t.Helper()
	cfg := jsonval.MustDecode(`{"StateMachines":{"mocked":{"TestCases":{"Mocked":{"Get":"MockedGet"}}}},
		"MockedResponses":{"MockedGet":{"0":{"Return":{"Body":"mocked"}}}}}`)
	path := filepath.Join(t.TempDir(), "mock-config.json")
	if err := os.WriteFile(path, jsonval.Marshal(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

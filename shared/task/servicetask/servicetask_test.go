package servicetask_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask"
	"github.com/stepwise/stepwise/shared/task/tasktest"
)

const (
	queue = "https://sqs.us-east-1.amazonaws.com/000000000000/q"
	topic = "arn:aws:sns:us-east-1:000000000000:topic"
)

func req(resource, params string) task.Request {
	return task.Request{State: "S", Resource: "arn:aws:states:::" + resource, Input: jsonval.MustDecode(params)}
}

// keys checks the output's member names, in order.
func keys(want ...string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		obj, ok := res.Output.(*jsonval.Object)
		if !ok {
			t.Fatalf("Output %s is not an object", jsonval.String(res.Output))
		}
		if got := strings.Join(obj.Keys(), ","); got != strings.Join(want, ",") {
			t.Errorf("keys = %s, want %s", got, strings.Join(want, ","))
		}
	}
}

// member checks one member of the output.
func member(k, want string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		obj, _ := res.Output.(*jsonval.Object)
		got, _ := obj.Get(k)
		if !jsonval.Equal(got, jsonval.MustDecode(want)) {
			t.Errorf("%s = %s, want %s", k, jsonval.String(got), want)
		}
	}
}

func TestInvoker_Contract(t *testing.T) {
	tasktest.Run(t, tasktest.Suite{
		New: func(t *testing.T) task.Invoker {
			_, c := newFake(t)
			return servicetask.New(c)
		},
		CancelledIsError: true,
		Cases: []tasktest.Case{
			{Name: "SQSSend", Req: req("sqs:sendMessage", `{"QueueUrl":"`+queue+`","MessageBody":"hi"}`),
				Want: tasktest.Want{Check: keys("MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "SQSWait", Req: req("sqs:sendMessage.waitForTaskToken", `{"QueueUrl":"`+queue+`","MessageBody":{"TaskToken":"t"}}`),
				Want: tasktest.Want{Pending: true}},
			{Name: "SQSModeledError", Req: req("sqs:sendMessage", `{"QueueUrl":"`+queue+`-missing","MessageBody":"hi"}`),
				Want: tasktest.Want{Failed: true, Error: "SQS.QueueDoesNotExistException"}},
			{Name: "SQSUnmodeledError", Req: req("sqs:sendMessage", `{"QueueUrl":"`+queue+`","MessageBody":null}`),
				Want: tasktest.Want{Failed: true, Error: "SQS.AmazonSQSException", CheckCause: true,
					Cause: "The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: req-1; Proxy: null)"}},
			{Name: "SNSPublish", Req: req("sns:publish", `{"TopicArn":"`+topic+`","Message":{"k":1}}`),
				Want: tasktest.Want{Check: keys("MessageId", "SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "SNSWait", Req: req("sns:publish.waitForTaskToken", `{"TopicArn":"`+topic+`","Message":"m"}`),
				Want: tasktest.Want{Pending: true}},
			{Name: "SNSNotFound", Req: req("sns:publish", `{"TopicArn":"`+topic+`-missing","Message":"m"}`),
				Want: tasktest.Want{Failed: true, Error: "SNS.NotFoundException", CheckCause: true,
					Cause: "Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: req-1; Proxy: null)"}},
			{Name: "DynamoPut", Req: req("dynamodb:putItem", `{"TableName":"t","Item":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{Check: keys("SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "DynamoGet", Req: req("dynamodb:getItem", `{"TableName":"t","Key":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{Check: member("Item",
					`{"b":{"B":"AQI="},"id":{"S":"1"},"l":{"L":[{"BOOL":true},{"NULL":true}]},"m":{"M":{"ss":{"SS":["a","b"]}}},"n":{"N":"2.50"}}`)}},
			{Name: "DynamoUpdate", Req: req("dynamodb:updateItem", `{"TableName":"t","Key":{"id":{"S":"1"}},"UpdateExpression":"set S=:r","ExpressionAttributeValues":{":r":{"S":"new"}},"ReturnValues":"UPDATED_NEW"}`),
				Want: tasktest.Want{Check: keys("Attributes", "SdkHttpMetadata", "SdkResponseMetadata")}},
			{Name: "DynamoNotFound", Req: req("dynamodb:deleteItem", `{"TableName":"missing","Key":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{Failed: true, Error: "DynamoDB.ResourceNotFoundException", CheckCause: true,
					Cause: "Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: req-1; Proxy: null)"}},
			{Name: "PutEvents", Req: req("events:putEvents", `{"Entries":[{"Detail":{"Message":"Hi"},"DetailType":"t","Source":"s"}]}`),
				Want: tasktest.Want{CheckOutput: true, Output: jsonval.MustDecode(`{"Entries":[{"EventId":"ev-0"}],"FailedEntryCount":0}`)}},
			{Name: "PutEventsWait", Req: req("events:putEvents.waitForTaskToken", `{"Entries":[{"Detail":{"TaskToken":"t"},"DetailType":"t","Source":"s"}]}`),
				Want: tasktest.Want{Pending: true}},
			{Name: "PutEventsFailedEntry", Req: req("events:putEvents", `{"Entries":[{"Detail":{"Message":"HelloWorld1"},"DetailType":"t","Source":"s"},{"Detail":{"Message":"HelloWorld"},"DetailType":"t"}]}`),
				Want: tasktest.Want{Failed: true, Error: "EventBridge.FailedEntry", CheckCause: true,
					Cause: `{"Entries":[{"EventId":"ev-0"},{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter Source is not valid. Reason: Source is a required argument."}],"FailedEntryCount":1}`}},
			{Name: "PutEventsMalformedDetail", Req: req("events:putEvents", `{"Entries":[{"Detail":"\"jsonstring\"","DetailType":"t","Source":"s"}]}`),
				Want: tasktest.Want{Failed: true, Error: "EventBridge.FailedEntry", CheckCause: true,
					Cause: `{"Entries":[{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."}],"FailedEntryCount":1}`}},
			{Name: "PutEventsNoBus", Req: req("events:putEvents", `{"Entries":[{"Detail":{},"DetailType":"t","Source":"s","EventBusName":"missing"}]}`),
				Want: tasktest.Want{Failed: true, Error: "EventBridge.ResourceNotFoundException"}},
			{Name: "NoWaitOnDynamo", Req: req("dynamodb:getItem.waitForTaskToken", `{"TableName":"t"}`),
				Want: tasktest.Want{Failed: true, Error: "States.TaskFailed"}},
		},
	})
}

func TestInvoker_RequestBuilding(t *testing.T) {
	tests := []struct {
		name, resource, params string
		wantInBody             []string
	}{
		{"SQSStringBody", "sqs:sendMessage", `{"QueueUrl":"` + queue + `","MessageBody":"hi","DelaySeconds":5}`,
			[]string{`"MessageBody":"hi"`, `"DelaySeconds":5`}},
		{"SQSJSONBody", "sqs:sendMessage", `{"QueueUrl":"` + queue + `","MessageBody":{"b":1,"a":[true]}}`,
			[]string{`"MessageBody":"{\"b\":1,\"a\":[true]}"`}},
		{"SQSAttributes", "sqs:sendMessage", `{"QueueUrl":"` + queue + `","MessageBody":"x","MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}}`,
			[]string{`"MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}`}},
		{"SNSJSONMessage", "sns:publish", `{"TopicArn":"` + topic + `","Message":{"Message":"HelloWorld!"},"Subject":"s"}`,
			[]string{`Message=%7B%22Message%22%3A%22HelloWorld%21%22%7D`, `Subject=s`, `Action=Publish`}},
		{"EventsJSONDetail", "events:putEvents", `{"Entries":[{"Detail":{"b":1,"a":"x"},"DetailType":"t","Source":"s","Resources":["r"]}]}`,
			[]string{`"Detail":"{\"b\":1,\"a\":\"x\"}"`, `"Resources":["r"]`}},
		{"DynamoItem", "dynamodb:putItem", `{"TableName":"t","Item":{"id":{"S":"1"},"n":{"N":12},"ok":{"BOOL":false}},"ConditionExpression":"attribute_not_exists(id)"}`,
			[]string{`"TableName":"t"`, `"id":{"S":"1"}`, `"n":{"N":"12"}`, `"ok":{"BOOL":false}`, `"ConditionExpression":"attribute_not_exists(id)"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := newFake(t)
			res, err := servicetask.New(c).Invoke(context.Background(), req(tt.resource, tt.params))
			if err != nil || res.Failed {
				t.Fatalf("Invoke = %+v, %v", res, err)
			}
			body := fake.lastBody()
			for _, want := range tt.wantInBody {
				if !strings.Contains(body, want) {
					t.Errorf("request body %s lacks %s", body, want)
				}
			}
		})
	}
}

func TestInvoker_ParameterErrors(t *testing.T) {
	tests := []struct{ name, resource, params string }{
		{"NotAnObject", "sqs:sendMessage", `"x"`},
		{"UnknownField", "sqs:sendMessage", `{"QueueUrl":"q","MessageBody":"x","Bogus":1}`},
		{"WrongCase", "sqs:sendMessage", `{"queueurl":"q","MessageBody":"x"}`},
		{"WrongType", "sqs:sendMessage", `{"QueueUrl":1,"MessageBody":"x"}`},
		{"AttributeWithTwoTypes", "dynamodb:putItem", `{"TableName":"t","Item":{"id":{"S":"1","N":"1"}}}`},
		{"UnknownAttributeType", "dynamodb:putItem", `{"TableName":"t","Item":{"id":{"X":"1"}}}`},
		{"BadBase64", "dynamodb:putItem", `{"TableName":"t","Item":{"id":{"B":"%%"}}}`},
		{"EntriesNotAList", "events:putEvents", `{"Entries":{"Source":"s"}}`},
		{"DetailArray", "events:putEvents", `{"Entries":[{"Detail":[1],"Source":"s"}]}`},
		{"ItemOnGet", "dynamodb:getItem", `{"TableName":"t","Item":{"id":{"S":"1"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := newFake(t)
			res, err := servicetask.New(c).Invoke(context.Background(), req(tt.resource, tt.params))
			if err != nil {
				t.Fatal(err)
			}
			tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "States.Runtime"})
			if fake.lastBody() != "" {
				t.Errorf("service was called: %s", fake.lastBody())
			}
		})
	}
}

func TestInvoker_MissingClient(t *testing.T) {
	res, err := servicetask.New(servicetask.Clients{}).Invoke(context.Background(), req("sns:publish", `{"TopicArn":"t","Message":"m"}`))
	if err != nil {
		t.Fatal(err)
	}
	tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "States.TaskFailed"})
}

// TestInvoker_PutEventsEntries: Step Functions sends a Detail object as
// its JSON text and appends the state machine's and the execution's ARNs
// to every entry's Resources.
func TestInvoker_PutEventsEntries(t *testing.T) {
	const exec = "arn:aws:states:us-east-1:000000000000:execution:orders:run-1"
	tests := []struct{ name, entries, want string }{
		{"DetailObject", `[{"Detail":{"b":1,"a":"x"},"DetailType":"t","Source":"s","Resources":["r"]}]`,
			`"Entries":[{"Detail":"{\"b\":1,\"a\":\"x\"}","DetailType":"t","Resources":["r","arn:aws:states:us-east-1:000000000000:stateMachine:orders","` + exec + `"],"Source":"s"}]`},
		{"DetailText", `[{"Detail":"{\"k\":1}","DetailType":"t","Source":"s"}]`,
			`"Entries":[{"Detail":"{\"k\":1}","DetailType":"t","Resources":["arn:aws:states:us-east-1:000000000000:stateMachine:orders","` + exec + `"],"Source":"s"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, c := newFake(t)
			r := req("events:putEvents", `{"Entries":`+tt.entries+`}`)
			r.ExecutionARN = exec
			res, err := servicetask.New(c).Invoke(context.Background(), r)
			if err != nil || res.Failed {
				t.Fatalf("Invoke = %+v, %v", res, err)
			}
			if body := fake.lastBody(); !strings.Contains(body, tt.want) {
				t.Errorf("request body %s lacks %s", body, tt.want)
			}
		})
	}
}

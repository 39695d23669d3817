package servicetask_test

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"testing"

	"github.com/stepwise/stepwise/shared/task/servicetask"
)

// The developer guide's example Task states (connect-sqs, connect-sns,
// connect-ddb, connect-eventbridge), their paths resolved against the
// guide's example input {"input":{"message":"Hello world"}}, as the
// services receive them, and the shape of their results.
func TestDocExamples(t *testing.T) {
	const (
		docQueue = "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue"
		docTopic = "arn:aws:sns:us-east-1:123456789012:myTopic"
		exec     = "arn:aws:states:us-east-1:123456789012:execution:MyStateMachine:run-1"
	)
	for _, tc := range []struct {
		name, resource, params string
		wantJSON               string     // the request body, for JSON protocols
		wantForm               url.Values // the request form, for SNS (query protocol)
		wantKeys               []string
	}{
		{name: "SQS", resource: "sqs:sendMessage",
			params: `{"QueueUrl":"` + docQueue + `","MessageBody":"Hello world","MessageAttributes":{
				"my attribute no 1":{"DataType":"String","StringValue":"attribute1"},"my attribute no 2":{"DataType":"String","StringValue":"attribute2"}}}`,
			wantJSON: `{"MessageAttributes":{"my attribute no 1":{"DataType":"String","StringValue":"attribute1"},"my attribute no 2":{"DataType":"String","StringValue":"attribute2"}},"MessageBody":"Hello world","QueueUrl":"` + docQueue + `"}`,
			wantKeys: []string{"MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}},
		{name: "SQSCallback", resource: "sqs:sendMessage.waitForTaskToken",
			params:   `{"QueueUrl":"` + docQueue + `","MessageBody":{"Input":{"input":{"message":"Hello world"}},"TaskToken":"tok"}}`,
			wantJSON: `{"MessageBody":"{\"Input\":{\"input\":{\"message\":\"Hello world\"}},\"TaskToken\":\"tok\"}","QueueUrl":"` + docQueue + `"}`,
			wantKeys: []string{"MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}},
		{name: "SNS", resource: "sns:publish",
			params: `{"TopicArn":"` + docTopic + `","Message":"Hello world","MessageAttributes":{
				"my_attribute_no_1":{"DataType":"String","StringValue":"value of my_attribute_no_1"},"my_attribute_no_2":{"DataType":"String","StringValue":"value of my_attribute_no_2"}}}`,
			wantForm: url.Values{"Action": {"Publish"}, "Version": {"2010-03-31"}, "TopicArn": {docTopic}, "Message": {"Hello world"},
				"MessageAttributes.entry.1.Name": {"my_attribute_no_1"}, "MessageAttributes.entry.1.Value.DataType": {"String"},
				"MessageAttributes.entry.1.Value.StringValue": {"value of my_attribute_no_1"},
				"MessageAttributes.entry.2.Name":              {"my_attribute_no_2"}, "MessageAttributes.entry.2.Value.DataType": {"String"},
				"MessageAttributes.entry.2.Value.StringValue": {"value of my_attribute_no_2"}},
			wantKeys: []string{"MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}},
		{name: "SNSCallback", resource: "sns:publish.waitForTaskToken",
			params: `{"TopicArn":"` + docTopic + `","Message":{"Input":{"input":{"message":"Hello world"}},"TaskToken":"tok"}}`,
			wantForm: url.Values{"Action": {"Publish"}, "Version": {"2010-03-31"}, "TopicArn": {docTopic},
				"Message": {`{"Input":{"input":{"message":"Hello world"}},"TaskToken":"tok"}`}},
			wantKeys: []string{"MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}},
		{name: "DynamoDB", resource: "dynamodb:getItem",
			params:   `{"TableName":"TransferDataRecords-DDBTable-3I41R5L5EAGT","Key":{"MessageId":{"S":"m-1"}}}`,
			wantJSON: `{"Key":{"MessageId":{"S":"m-1"}},"TableName":"TransferDataRecords-DDBTable-3I41R5L5EAGT"}`,
			wantKeys: []string{"Item", "SdkHttpMetadata", "SdkResponseMetadata"}},
		{name: "EventBridge", resource: "events:putEvents",
			params: `{"Entries":[{"Detail":{"Message":"MyMessage"},"DetailType":"MyDetailType","EventBusName":"MyEventBus","Source":"my.source"}]}`,
			wantJSON: `{"Entries":[{"Detail":"{\"Message\":\"MyMessage\"}","DetailType":"MyDetailType","EventBusName":"MyEventBus",
				"Resources":["arn:aws:states:us-east-1:123456789012:stateMachine:MyStateMachine","` + exec + `"],"Source":"my.source"}]}`,
			wantKeys: []string{"Entries", "FailedEntryCount"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake, c := newFake(t)
			r := req(tc.resource, tc.params)
			r.ExecutionARN = exec
			res, err := servicetask.New(c).Invoke(context.Background(), r)
			if err != nil || res.Failed {
				t.Fatalf("Invoke = %+v, %v", res, err)
			}
			body := fake.lastBody()
			if tc.wantForm != nil {
				got, err := url.ParseQuery(body)
				if err != nil || !reflect.DeepEqual(got, tc.wantForm) {
					t.Errorf("request form %v\nwant %v", got, tc.wantForm)
				}
			} else if g, w := canonicalJSON(t, body), canonicalJSON(t, tc.wantJSON); g != w {
				t.Errorf("request body %s\nwant %s", g, w)
			}
			keys(tc.wantKeys...)(t, res)
		})
	}
}

// canonicalJSON re-encodes JSON text with sorted keys and no spaces.
func canonicalJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

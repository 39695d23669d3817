package servicetask_test

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// Every integration signs with the role of the Task's Credentials, assumed
// once; a role that cannot be assumed fails the Task without a call.
func TestCredentials(t *testing.T) {
	sts := roletest.Start(t)
	f, c := newFake(t)
	c.Roles = sts.Roles()
	inv := servicetask.New(c)
	role := jsonval.MustDecode(`{"RoleArn":"arn:aws:iam::444455556666:role/cross"}`)
	for _, tc := range []struct{ resource, params string }{
		{"sqs:sendMessage", `{"QueueUrl":"` + queue + `","MessageBody":"hi"}`},
		{"sns:publish", `{"TopicArn":"` + topic + `","Message":"m"}`},
		{"events:putEvents", `{"Entries":[{"Source":"s","DetailType":"d","Detail":{}}]}`},
		{"dynamodb:getItem", `{"TableName":"t","Key":{"id":{"S":"1"}}}`},
		{"dynamodb:putItem", `{"TableName":"t","Item":{"id":{"S":"1"}}}`},
		{"dynamodb:updateItem", `{"TableName":"t","Key":{"id":{"S":"1"}},"UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":{"N":"1"}}}`},
		{"dynamodb:deleteItem", `{"TableName":"t","Key":{"id":{"S":"1"}}}`},
	} {
		for _, creds := range []struct {
			value  jsonval.Value
			signer string
		}{{nil, "test"}, {role, "ASIAROLE1"}} {
			r := req(tc.resource, tc.params)
			r.Credentials = creds.value
			res, err := inv.Invoke(context.Background(), r)
			if err != nil || res.Failed {
				t.Fatalf("%s: %+v %v", tc.resource, res, err)
			}
			if got := f.lastSigner(); got != creds.signer {
				t.Errorf("%s with Credentials %s: signed by %q, want %q", tc.resource, jsonval.String(creds.value), got, creds.signer)
			}
		}
	}
	if got := sts.Assumed(); got != "arn:aws:iam::444455556666:role/cross" {
		t.Errorf("assumed %q: want the role once", got)
	}
	before := f.lastBody()
	r := req("sqs:sendMessage", `{"QueueUrl":"`+queue+`","MessageBody":"denied"}`)
	r.Credentials = jsonval.MustDecode(`{"RoleArn":"arn:aws:iam::444455556666:role/denied"}`)
	res, err := inv.Invoke(context.Background(), r)
	if err != nil || res.Error != "States.TaskFailed" {
		t.Errorf("denied role: %+v %v", res, err)
	}
	if f.lastBody() != before {
		t.Error("a message was sent with a role that could not be assumed")
	}
}

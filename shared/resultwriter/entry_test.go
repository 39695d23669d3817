package resultwriter_test

import (
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
)

const (
	machine = "arn:aws:states:us-east-1:123456789012:stateMachine:orderProcessing/getOrders"
	runArn  = "arn:aws:states:us-east-1:123456789012:mapRun:orderProcessing/getOrders:da4e9fc7-abab-3b27-9a77-a277e463b709"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// docChild is a child of the developer guide's ResultWriter examples: its
// output is an array of two orders.
func docChild(name, output string) resultwriter.Child {
	return resultwriter.Child{
		ExecutionArn: "arn:aws:states:us-east-1:123456789012:execution:orderProcessing/getOrders:" + name,
		Name:         name, StateMachineArn: machine, Status: "SUCCEEDED",
		Input: `{"orders":1}`, Output: output,
		StartDate: at("2025-02-04T01:49:50.099Z"), StopDate: at("2025-02-04T01:49:50.163Z"),
	}
}

const (
	out1 = `[{"customer_id":"145538","order_id":"100000"},{"customer_id":"898037","order_id":"100001"}]`
	out2 = `[{"customer_id":"169881","order_id":"100005"},{"customer_id":"797471","order_id":"100006"}]`
)

// TestEntry pins each kind of entry to the shape AWS writes: fields in
// alphabetical order, dates in UTC with milliseconds.
func TestEntry(t *testing.T) {
	failed := resultwriter.Child{
		ExecutionArn: "arn:aws:states:eu-west-2:123456789012:execution:sm/run:55334b15", Name: "55334b15",
		StateMachineArn: "arn:aws:states:eu-west-2:123456789012:stateMachine:sm/run", Status: "FAILED",
		Input: `{"Key":"k"}`, Error: "States.Runtime", Cause: "boom",
		StartDate: at("2025-01-07T10:38:47.702Z"), StopDate: at("2025-01-07T11:40:38.759+01:00"),
	}
	for _, tc := range []struct {
		name  string
		child resultwriter.Child
		want  string
	}{
		{"Succeeded", docChild("da4e9fc7-abab-3b27-9a77-a277e463b709", out1),
			`{"ExecutionArn":"arn:aws:states:us-east-1:123456789012:execution:orderProcessing/getOrders:da4e9fc7-abab-3b27-9a77-a277e463b709",` +
				`"Input":"{\"orders\":1}","InputDetails":{"Included":true},"Name":"da4e9fc7-abab-3b27-9a77-a277e463b709",` +
				`"Output":"[{\"customer_id\":\"145538\",\"order_id\":\"100000\"},{\"customer_id\":\"898037\",\"order_id\":\"100001\"}]",` +
				`"OutputDetails":{"Included":true},"RedriveCount":0,"RedriveStatus":"NOT_REDRIVABLE",` +
				`"RedriveStatusReason":"Execution is SUCCEEDED and cannot be redriven","StartDate":"2025-02-04T01:49:50.099Z",` +
				`"StateMachineArn":"` + machine + `","Status":"SUCCEEDED","StopDate":"2025-02-04T01:49:50.163Z"}`},
		{"Failed", failed,
			`{"Cause":"boom","Error":"States.Runtime","ExecutionArn":"arn:aws:states:eu-west-2:123456789012:execution:sm/run:55334b15",` +
				`"Input":"{\"Key\":\"k\"}","InputDetails":{"Included":true},"Name":"55334b15","OutputDetails":{"Included":true},` +
				`"RedriveCount":0,"RedriveStatus":"REDRIVABLE_BY_MAP_RUN","StartDate":"2025-01-07T10:38:47.702Z",` +
				`"StateMachineArn":"arn:aws:states:eu-west-2:123456789012:stateMachine:sm/run","Status":"FAILED","StopDate":"2025-01-07T10:40:38.759Z"}`},
		{"Pending", resultwriter.Child{Status: "PENDING", Input: `{"n":3}`},
			`{"Input":"{\"n\":3}","InputDetails":{"Included":true},"Status":"PENDING"}`},
		{"WholeSecond", resultwriter.Child{Status: "ABORTED", StartDate: at("2025-01-07T10:38:47Z"), RedriveCount: 2, RedriveStatus: "REDRIVABLE"},
			`{"ExecutionArn":"","Input":"","InputDetails":{"Included":true},"Name":"","OutputDetails":{"Included":true},` +
				`"RedriveCount":2,"RedriveStatus":"REDRIVABLE","StartDate":"2025-01-07T10:38:47.000Z","StateMachineArn":"","Status":"ABORTED"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := jsonval.String(tc.child.Entry()); got != tc.want {
				t.Fatalf("entry\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

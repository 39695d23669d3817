//go:build integration

package integration

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// The sample workflow of the runtime suites. One definition serves both the
// real Lambda binaries under the Runtime Interface Emulator and the
// in-process invoker: Task (optimized lambda:invoke and a legacy function
// ARN), Retry then Catch on the same state, Parallel holding a Map and a
// Wait, and a callback through sqs:sendMessage.waitForTaskToken.
const sampleDefinitionTemplate = `{
  "Comment": "Stepwise runtime sample: Task, Retry+Catch, Parallel, Map, Wait, callback.",
  "StartAt": "Init",
  "States": {
    "Init": {"Type": "Pass",
      "Parameters": {"id.$": "$.id", "a.$": "$.a", "b.$": "$.b", "items.$": "$.items"}, "Next": "Add"},
    "Add": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "add", "Payload": {"a.$": "$.a", "b.$": "$.b"}},
      "ResultSelector": {"sum.$": "$.Payload.sum"}, "ResultPath": "$.add", "Next": "Risky"},
    "Risky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:fail",
      "Parameters": {"errorType": "CustomError", "errorMessage.$": "States.Format('boom {}', $.id)"},
      "Retry": [{"ErrorEquals": ["CustomError"], "IntervalSeconds": 1, "MaxAttempts": 1, "BackoffRate": 1}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught", "Next": "Fan"}],
      "Next": "Fan"},
    "Fan": {"Type": "Parallel", "ResultPath": "$.fan", "Next": "Approve",
      "Branches": [
        {"StartAt": "Double", "States": {
          "Double": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "End": true,
            "ItemProcessor": {"StartAt": "Echo", "States": {
              "Echo": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo",
                "Parameters": {"v.$": "$"}, "End": true}}}}}},
        {"StartAt": "Pause", "States": {
          "Pause": {"Type": "Wait", "Seconds": 1, "Next": "AfterPause"},
          "AfterPause": {"Type": "Pass", "Result": "waited", "End": true}}}
      ]},
    "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters": {"QueueUrl": "APPROVALS_QUEUE_URL",
        "MessageBody": {"id.$": "$.id", "token.$": "$$.Task.Token"}},
      "TimeoutSeconds": 300, "ResultPath": "$.approval", "Next": "Done"},
    "Done": {"Type": "Pass", "End": true,
      "Parameters": {"id.$": "$.id", "sum.$": "$.add.sum", "error.$": "$.caught.Error",
        "items.$": "$.fan[0]", "waited.$": "$.fan[1]", "approval.$": "$.approval"}}
  }
}`

// SampleDefinition is the sample workflow sending its callback requests to
// approvalsURL.
func SampleDefinition(approvalsURL string) string {
	return strings.Replace(sampleDefinitionTemplate, "APPROVALS_QUEUE_URL", approvalsURL, 1)
}

// SampleInput is the input of execution i.
func SampleInput(i int) string {
	return fmt.Sprintf(`{"id":%d,"a":%d,"b":%d,"items":[%d,%d,%d]}`, i, i, 2*i, i, i+1, i+2)
}

// ApprovalOutput is what the test's approver sends back for execution id.
func ApprovalOutput(id int64) string {
	return fmt.Sprintf(`{"approved":true,"id":%d}`, id)
}

// SampleOutput is the output execution i must end with.
func SampleOutput(i int) string {
	return fmt.Sprintf(`{"id":%d,"sum":%d,"error":"CustomError","items":[{"v":%d},{"v":%d},{"v":%d}],"waited":"waited","approval":%s}`,
		i, 3*i, i, i+1, i+2, ApprovalOutput(int64(i)))
}

// SampleTransitions is the number of state transitions of one sample
// execution as AWS bills them: 12 states entered plus one retry.
const SampleTransitions = 13

// Callback is a task token handed out by a .waitForTaskToken task, with the
// id of the execution it belongs to.
type Callback struct {
	Token string
	ID    int64
}

// Invoker is a deterministic in-process task invoker with the behaviour of
// the test functions (add, echo, fail) and of sqs:sendMessage.waitForTaskToken,
// whose tokens it hands to Callbacks.
type Invoker struct {
	Callbacks chan Callback

	mu    sync.Mutex
	calls map[string]int // by resource, for the request-count figures
}

// NewInvoker returns an Invoker with a buffered callback channel.
func NewInvoker() *Invoker {
	return &Invoker{Callbacks: make(chan Callback, 100000), calls: map[string]int{}}
}

var _ task.Invoker = (*Invoker)(nil)

// Invoke runs one task attempt.
func (v *Invoker) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	v.mu.Lock()
	v.calls[req.Resource]++
	v.mu.Unlock()
	switch {
	case req.Resource == "arn:aws:states:::lambda:invoke":
		fn, _ := objGet(req.Input, "FunctionName").(string)
		res := v.function(fn, objGet(req.Input, "Payload"))
		if res.Failed {
			return res, nil
		}
		out := jsonval.NewObject(3)
		out.Set("ExecutedVersion", "$LATEST")
		out.Set("Payload", res.Output)
		out.Set("StatusCode", jsonval.NumberFromInt(200))
		return task.Success(out), nil
	case strings.HasPrefix(req.Resource, "arn:aws:lambda:"):
		return v.function(req.Resource[strings.LastIndex(req.Resource, ":")+1:], req.Input), nil
	case req.Resource == "arn:aws:states:::sqs:sendMessage.waitForTaskToken":
		id, _ := jsonval.ToFloat(objGet(objGet(req.Input, "MessageBody"), "id"))
		v.Callbacks <- Callback{Token: req.TaskToken, ID: int64(id)}
		out := jsonval.NewObject(1)
		out.Set("MessageId", "m-"+req.TaskToken)
		return task.Result{Output: out, Pending: true}, nil
	}
	return task.Failure("States.TaskFailed", "unknown resource "+req.Resource), nil
}

// Calls is how many task attempts were made.
func (v *Invoker) Calls() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	n := 0
	for _, c := range v.calls {
		n += c
	}
	return n
}

func (v *Invoker) function(name string, in jsonval.Value) task.Result {
	switch name {
	case "echo":
		return task.Success(in)
	case "add":
		a, _ := jsonval.ToFloat(objGet(in, "a"))
		b, _ := jsonval.ToFloat(objGet(in, "b"))
		out := jsonval.NewObject(1)
		out.Set("sum", jsonval.NumberFromFloat(a+b))
		return task.Success(out)
	case "fail":
		typ, _ := objGet(in, "errorType").(string)
		msg, _ := objGet(in, "errorMessage").(string)
		cause := jsonval.NewObject(2)
		cause.Set("errorMessage", msg)
		cause.Set("errorType", typ)
		return task.Failure(typ, jsonval.String(cause))
	}
	return task.Failure("Lambda.ResourceNotFoundException", "Function not found: "+name)
}

func objGet(v jsonval.Value, k string) jsonval.Value {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return nil
	}
	x, _ := o.Get(k)
	return x
}

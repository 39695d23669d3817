//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// testActivities covers activity CRUD, GetActivityTask's long poll and an
// execution whose Task state is an activity.
func testActivities(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	name := uniqueName("activity")
	created, err := e.sfn.CreateActivity(ctx, &sfn.CreateActivityInput{Name: &name})
	if err != nil {
		t.Fatalf("CreateActivity: %v", err)
	}
	act := aws.ToString(created.ActivityArn)
	if act != "arn:aws:states:us-east-1:000000000000:activity:"+name {
		t.Fatalf("activity ARN %q", act)
	}
	again, err := e.sfn.CreateActivity(ctx, &sfn.CreateActivityInput{Name: &name})
	if err != nil || aws.ToString(again.ActivityArn) != act {
		t.Errorf("CreateActivity again = %v, %v; want the same ARN", again, err)
	}
	d, err := e.sfn.DescribeActivity(ctx, &sfn.DescribeActivityInput{ActivityArn: &act})
	if err != nil || aws.ToString(d.Name) != name || d.CreationDate == nil {
		t.Errorf("DescribeActivity = %v, %v", d, err)
	}
	list, err := e.sfn.ListActivities(ctx, &sfn.ListActivitiesInput{})
	if err != nil || !containsActivity(list.Activities, act) {
		t.Errorf("ListActivities = %v, %v; want %s listed", list, err, act)
	}

	// No task: the poll waits (up to 60 s in AWS) instead of answering at once.
	pollCtx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
	began := time.Now()
	out, err := e.sfn.GetActivityTask(pollCtx, &sfn.GetActivityTaskInput{ActivityArn: &act})
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(began) < 1400*time.Millisecond {
		t.Errorf("GetActivityTask with no work returned after %v: %v %v; want it to wait", time.Since(began), out, err)
	}

	sm := e.createSM(t, uniqueName("worker"), `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"`+act+`","TimeoutSeconds":120,"End":true}}}`, types.StateMachineTypeStandard)
	// A poller already waiting gets the task when the execution schedules it.
	type polled struct {
		out *sfn.GetActivityTaskOutput
		err error
	}
	got := make(chan polled, 1)
	go func() {
		o, err := e.sfn.GetActivityTask(ctx, &sfn.GetActivityTaskInput{ActivityArn: &act, WorkerName: aws.String("w1")})
		got <- polled{o, err}
	}()
	time.Sleep(200 * time.Millisecond)
	exec := e.start(t, sm, "", `{"job":7}`)
	p, ok := awaitPoll(t, e, got, exec)
	if !ok {
		return
	}
	if p.err != nil || aws.ToString(p.out.TaskToken) == "" {
		t.Fatalf("GetActivityTask = %v, %v", p.out, p.err)
	}
	sameJSON(t, "activity input", aws.ToString(p.out.Input), `{"job":7}`)
	if _, err := e.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: p.out.TaskToken, Output: aws.String(`{"done":7}`)}); err != nil {
		t.Fatalf("SendTaskSuccess: %v", err)
	}
	if d := e.await(t, exec); d.Status != types.ExecutionStatusSucceeded {
		t.Errorf("activity execution %s", d.Status)
	} else {
		sameJSON(t, "activity execution output", aws.ToString(d.Output), `{"done":7}`)
	}

	if _, err := e.sfn.DeleteActivity(ctx, &sfn.DeleteActivityInput{ActivityArn: &act}); err != nil {
		t.Fatalf("DeleteActivity: %v", err)
	}
	_, err = e.sfn.DescribeActivity(ctx, &sfn.DescribeActivityInput{ActivityArn: &act})
	wantAPIError[*types.ActivityDoesNotExist](t, "DescribeActivity after delete", err, "ActivityDoesNotExist")
}

// awaitPoll waits for the poller's answer while the execution runs; an
// execution that ends first fails the test at once.
func awaitPoll[P any](t *testing.T, e *sdkEnv, got <-chan P, exec string) (P, bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case p := <-got:
			return p, true
		case <-deadline:
		case <-tick.C:
			if d := e.describe(t, exec); d.Status == types.ExecutionStatusRunning {
				continue
			}
		}
		d := e.describe(t, exec)
		t.Errorf("GetActivityTask got no task; execution %s %q %q", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
		var zero P
		return zero, false
	}
}

func containsActivity(list []types.ActivityListItem, arn string) bool {
	for _, a := range list {
		if aws.ToString(a.ActivityArn) == arn {
			return true
		}
	}
	return false
}

// testCallbacks runs the loan-approval sample with its callback task
// unmocked: the task sends its message (with the token) to a fauxqs
// queue, and the test answers through SendTask*.
func testCallbacks(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	q, err := e.sqs.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("loan-underwriting")})
	if err != nil {
		t.Fatalf("create queue: %v", err)
	}
	// The sample names an AWS queue URL; fauxqs knows its queues by its own URLs.
	sm := e.sampleSM(t, "loan-approval")
	original := readSample(t, "loan-approval", "definition.asl.json")
	local := strings.Replace(original, "https://sqs.us-east-1.amazonaws.com/000000000000/loan-underwriting", aws.ToString(q.QueueUrl), 1)
	if local == original {
		t.Fatal("loan-approval no longer names the loan-underwriting queue")
	}
	if _, err := e.sfn.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: &local}); err != nil {
		t.Fatalf("UpdateStateMachine: %v", err)
	}
	t.Cleanup(func() {
		_, _ = e.sfn.UpdateStateMachine(ctxT(t), &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: &original})
	})
	target := sm + "#ManualDecision"
	input := readSample(t, "loan-approval", "input.json")

	exec := e.start(t, target, uniqueName("loan"), input)
	token := e.receiveToken(t, aws.ToString(q.QueueUrl), exec)
	if _, err := e.sfn.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: &token}); err != nil {
		t.Errorf("SendTaskHeartbeat: %v", err)
	}
	_, err = e.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`not json`)})
	wantAPIError[*types.InvalidOutput](t, "SendTaskSuccess(not JSON)", err, "InvalidOutput")
	decision := `{"status":"APPROVED","approvedAmount":25000,"underwriter":"uw-17","ratePercent":4.25}`
	if _, err := e.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: &decision}); err != nil {
		t.Fatalf("SendTaskSuccess: %v", err)
	}
	if d := e.await(t, exec); d.Status != types.ExecutionStatusSucceeded {
		t.Errorf("approved loan: %s %q %q", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	} else {
		sameJSON(t, "approved loan output", aws.ToString(d.Output), loanApproved)
	}
	_, err = e.sfn.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: &decision})
	wantAPIError[*types.TaskTimedOut](t, "SendTaskSuccess on a finished task", err, "TaskTimedOut")

	exec2 := e.start(t, target, uniqueName("loan"), input)
	token2 := e.receiveToken(t, aws.ToString(q.QueueUrl), exec2)
	if _, err := e.sfn.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: &token2, Error: aws.String("Underwriter.Unavailable"), Cause: aws.String("on leave")}); err != nil {
		t.Fatalf("SendTaskFailure: %v", err)
	}
	if d := e.await(t, exec2); d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "Underwriter.Unavailable" || aws.ToString(d.Cause) != "on leave" {
		t.Errorf("failed callback: %s %q %q", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}

	for _, bad := range []string{"garbage", token2 + "x"} {
		_, err = e.sfn.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: aws.String(bad)})
		wantAPIError[*types.InvalidToken](t, "SendTaskHeartbeat("+bad+")", err, "InvalidToken")
	}
}

// receiveToken reads the underwriting message of execution exec and
// returns its task token.
func (e *sdkEnv) receiveToken(t *testing.T, queueURL, exec string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		out, err := e.sqs.ReceiveMessage(ctxT(t), &sqs.ReceiveMessageInput{QueueUrl: &queueURL, MaxNumberOfMessages: 1, WaitTimeSeconds: 1})
		if err != nil {
			t.Fatalf("ReceiveMessage: %v", err)
		}
		for _, m := range out.Messages {
			var body struct {
				ApplicationID string `json:"applicationId"`
				TaskToken     string `json:"taskToken"`
			}
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &body); err != nil || body.TaskToken == "" || body.ApplicationID != "loan-2024-0042" {
				t.Fatalf("underwriting message %q: %v", aws.ToString(m.Body), err)
			}
			_, _ = e.sqs.DeleteMessage(ctxT(t), &sqs.DeleteMessageInput{QueueUrl: &queueURL, ReceiptHandle: m.ReceiptHandle})
			return body.TaskToken
		}
	}
	d := e.describe(t, exec)
	t.Fatalf("no underwriting message within 15 s; execution %s %q %q", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	return ""
}

package sfnapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/shared/activity"
	"github.com/stepwise/stepwise/shared/sfnapi"
)

func TestSendTask(t *testing.T) {
	e := newEnv(t)
	success := func(tok, out string) error {
		_, err := e.client.SendTaskSuccess(ctx(), &sfn.SendTaskSuccessInput{TaskToken: aws.String(tok), Output: aws.String(out)})
		return err
	}
	failure := func(tok, _ string) error {
		_, err := e.client.SendTaskFailure(ctx(), &sfn.SendTaskFailureInput{TaskToken: aws.String(tok), Error: aws.String("E"), Cause: aws.String("C")})
		return err
	}
	heartbeat := func(tok, _ string) error {
		_, err := e.client.SendTaskHeartbeat(ctx(), &sfn.SendTaskHeartbeatInput{TaskToken: aws.String(tok)})
		return err
	}
	tests := []struct {
		name   string
		send   func(tok, out string) error
		tok    string
		out    string
		target any
		call   string
	}{
		{"success", success, "good", `{"r":1}`, nil, `Success good {"r":1}`},
		{"success bad token", success, "bad", `{}`, new(*types.InvalidToken), ""},
		{"success timed out", success, "late", `{}`, new(*types.TaskTimedOut), ""},
		{"success invalid output", success, "good", `{x`, new(*types.InvalidOutput), ""},
		{"failure", failure, "good", "", nil, "Failure good E C"},
		{"failure bad token", failure, "bad", "", new(*types.InvalidToken), ""},
		{"heartbeat", heartbeat, "good", "", nil, "Heartbeat good"},
		{"heartbeat timed out", heartbeat, "late", "", new(*types.TaskTimedOut), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.rt.calls)
			err := tc.send(tc.tok, tc.out)
			if tc.target == nil {
				mustNil(t, err, "send")
				if e.rt.calls[len(e.rt.calls)-1] != tc.call {
					t.Fatalf("runtime got %q, want %q", e.rt.calls[len(e.rt.calls)-1], tc.call)
				}
				return
			}
			if !errors.As(err, tc.target) {
				t.Fatalf("got %v, want %T", err, tc.target)
			}
			if strings.Contains(tc.name, "invalid output") && len(e.rt.calls) != before {
				t.Fatal("invalid output reached the runtime")
			}
		})
	}
}

func TestActivities(t *testing.T) {
	broker := activity.NewBroker()
	e := newEnv(t, func(o *sfnapi.Options) { o.Activities = broker })
	out, err := e.client.CreateActivity(ctx(), &sfn.CreateActivityInput{Name: aws.String("work"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	mustNil(t, err, "create")
	actArn := *out.ActivityArn
	if actArn != "arn:aws:states:us-east-1:000000000000:activity:work" {
		t.Fatalf("arn %s", actArn)
	}
	again, err := e.client.CreateActivity(ctx(), &sfn.CreateActivityInput{Name: aws.String("work")})
	mustNil(t, err, "idempotent create")
	if !again.CreationDate.Equal(*out.CreationDate) {
		t.Fatal("re-create changed the creation date")
	}
	_, err = e.client.CreateActivity(ctx(), &sfn.CreateActivityInput{Name: aws.String("bad name")})
	wantCode(t, err, "InvalidName", "")

	d, err := e.client.DescribeActivity(ctx(), &sfn.DescribeActivityInput{ActivityArn: aws.String(actArn)})
	mustNil(t, err, "describe")
	if *d.Name != "work" {
		t.Fatalf("describe %+v", d)
	}
	list, err := e.client.ListActivities(ctx(), &sfn.ListActivitiesInput{})
	mustNil(t, err, "list")
	if len(list.Activities) != 1 || *list.Activities[0].Name != "work" {
		t.Fatalf("list %+v", list.Activities)
	}

	start := time.Now()
	task, err := e.client.GetActivityTask(ctx(), &sfn.GetActivityTaskInput{ActivityArn: aws.String(actArn)})
	mustNil(t, err, "empty poll")
	if task.TaskToken != nil || time.Since(start) < 40*time.Millisecond {
		t.Fatalf("empty poll returned %+v after %v", task, time.Since(start))
	}
	_ = broker.Submit(context.Background(), actArn, `{"job":1}`, "tok-1")
	task, err = e.client.GetActivityTask(ctx(), &sfn.GetActivityTaskInput{ActivityArn: aws.String(actArn), WorkerName: aws.String("w")})
	mustNil(t, err, "poll")
	if aws.ToString(task.TaskToken) != "tok-1" || aws.ToString(task.Input) != `{"job":1}` {
		t.Fatalf("task %+v", task)
	}

	_, err = e.client.DeleteActivity(ctx(), &sfn.DeleteActivityInput{ActivityArn: aws.String(actArn)})
	mustNil(t, err, "delete")
	_, err = e.client.DescribeActivity(ctx(), &sfn.DescribeActivityInput{ActivityArn: aws.String(actArn)})
	var dne *types.ActivityDoesNotExist
	if !errors.As(err, &dne) {
		t.Fatalf("describe deleted: %v", err)
	}
	_, err = e.client.GetActivityTask(ctx(), &sfn.GetActivityTaskInput{ActivityArn: aws.String(actArn)})
	if !errors.As(err, &dne) {
		t.Fatalf("poll deleted: %v", err)
	}
}

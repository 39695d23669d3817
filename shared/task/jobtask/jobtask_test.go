package jobtask

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"
	"github.com/aws/smithy-go"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
)

// calls answers each "service:action" with the next of its replies and
// records the requests.
type calls struct {
	replies map[string][]reply
	got     []string // "service:action request"
	roles   []string // the Task Credentials each call's context carried
}

type reply struct {
	out string
	err error
}

func (c *calls) Call(ctx context.Context, service, action string, params *jsonval.Object) (sdktask.Response, error) {
	key := service + ":" + action
	if _, creds := task.CredentialsOf(ctx); creds != nil {
		c.roles = append(c.roles, key+" "+jsonval.String(creds))
	}
	c.got = append(c.got, key+" "+jsonval.String(params))
	rs := c.replies[key]
	if len(rs) == 0 {
		return sdktask.Response{}, errors.New("unexpected call " + key)
	}
	c.replies[key] = rs[1:]
	if rs[0].err != nil {
		return sdktask.Response{}, rs[0].err
	}
	return sdktask.Response{Value: jsonval.MustDecode(rs[0].out)}, nil
}

func newTest(replies map[string][]reply) (*Invoker, *calls) {
	c := &calls{replies: replies}
	return New(c, Options{FirstPoll: time.Second, MaxPoll: 4 * time.Second}), c
}

func invoke(t *testing.T, inv *Invoker, req task.Request) task.Result {
	t.Helper()
	res, err := inv.Invoke(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// run starts a .sync task and polls it to its end, returning the result
// and the waits asked for.
func run(t *testing.T, inv *Invoker, resource, params string) (task.Result, []time.Duration) {
	t.Helper()
	req := task.Request{State: "S", Resource: resource, Input: jsonval.MustDecode(params), AttemptID: "ex/root@3#0"}
	res := invoke(t, inv, req)
	var waits []time.Duration
	for res.Poll != nil {
		waits = append(waits, res.Poll.After)
		if len(waits) > 20 {
			t.Fatal("never ends")
		}
		req.Job = res.Poll.Job
		res = invoke(t, inv, req)
	}
	return res, waits
}

func equalJSON(t *testing.T, what string, got jsonval.Value, want string) {
	t.Helper()
	if !jsonval.Equal(got, jsonval.MustDecode(want)) {
		t.Errorf("%s: got %s\nwant %s", what, jsonval.String(got), want)
	}
}

func TestLookup_Unsupported(t *testing.T) {
	inv, _ := newTest(nil)
	for _, r := range []string{
		"arn:aws:states:::athena:getQueryResults.sync",
		"arn:aws:states:::glue:startJobRun.waitForTaskToken",
		"arn:aws:states:::glue:getJobRun",
	} {
		res := invoke(t, inv, task.Request{Resource: r, Input: jsonval.NewObject(0)})
		if !res.Failed || res.Error != "States.Runtime" {
			t.Errorf("%s: %+v", r, res)
		}
	}
}

func TestErrors(t *testing.T) {
	inv, _ := newTest(map[string][]reply{
		"glue:startJobRun": {{err: &gluetypes.EntityNotFoundException{Message: ptr("Job not found")}}},
		"glue:getJobRun": {
			{err: &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded"}},
			{err: &gluetypes.EntityNotFoundException{Message: ptr("Run not found")}},
		},
	})
	res, _ := run(t, inv, "arn:aws:states:::glue:startJobRun.sync", `{"JobName":"gone"}`)
	if res.Error != "Glue.EntityNotFoundException" {
		t.Errorf("start: %+v", res)
	}
	job := jsonval.MustDecode(`{"Job":{"JobName":"j","RunId":"jr_1"},"WaitMillis":1000}`)
	req := task.Request{Resource: "arn:aws:states:::glue:startJobRun.sync", Job: job}
	if res := invoke(t, inv, req); res.Poll == nil || res.Poll.After != 2*time.Second {
		t.Errorf("a throttled poll must poll again later: %+v", res)
	}
	if res := invoke(t, inv, req); res.Error != "Glue.EntityNotFoundException" {
		t.Errorf("poll: %+v", res)
	}
}

func ptr[T any](v T) *T { return &v }

// A job's start, polls and stop all sign with the Task's role, which sdktask
// resolves from the context; a role that cannot be assumed fails the Task
// as sdktask reports it.
func TestCredentials(t *testing.T) {
	denied := task.Failure("States.TaskFailed", "Unable to assume the role 'arn:aws:iam::1:role/x' of the Task's Credentials: AccessDenied")
	inv, c := newTest(map[string][]reply{
		"glue:startJobRun":     {{out: `{"JobRunId":"jr_1"}`}, {err: &task.FailureError{Result: denied}}},
		"glue:getJobRun":       {{out: `{"JobRun":{"JobRunState":"SUCCEEDED"}}`}},
		"glue:batchStopJobRun": {{out: `{}`}},
	})
	role := jsonval.MustDecode(`{"RoleArn":"arn:aws:iam::1:role/x"}`)
	req := task.Request{State: "S", Resource: "arn:aws:states:::glue:startJobRun.sync", Input: jsonval.MustDecode(`{"JobName":"j"}`), Credentials: role}
	res := invoke(t, inv, req)
	if res.Poll == nil {
		t.Fatalf("start: %+v", res)
	}
	req.Job = res.Poll.Job
	if res := invoke(t, inv, req); res.Failed || res.Poll != nil {
		t.Fatalf("poll: %+v", res)
	}
	req.Cancel = true
	if _, err := inv.Invoke(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	want := `glue:startJobRun {"RoleArn":"arn:aws:iam::1:role/x"},glue:getJobRun {"RoleArn":"arn:aws:iam::1:role/x"},glue:batchStopJobRun {"RoleArn":"arn:aws:iam::1:role/x"}`
	if got := strings.Join(c.roles, ","); got != want {
		t.Errorf("credentials of the calls:\n%s\nwant\n%s", got, want)
	}
	req.Job, req.Cancel = nil, false
	if res := invoke(t, inv, req); res.Error != denied.Error || res.Cause != denied.Cause {
		t.Errorf("denied: %+v", res)
	}
}

package jobtask

import (
	"context"
	"errors"
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
}

type reply struct {
	out string
	err error
}

func (c *calls) Call(_ context.Context, service, action string, params *jsonval.Object) (sdktask.Response, error) {
	key := service + ":" + action
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

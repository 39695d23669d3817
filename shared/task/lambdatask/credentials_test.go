package lambdatask_test

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// A Task with Credentials invokes the function with the role's
// credentials (optimized and legacy resources alike); a role that cannot
// be assumed fails the Task without invoking it.
func TestCredentials(t *testing.T) {
	sts := roletest.Start(t)
	f, client := newFake(t)
	inv := lambdatask.New(client, sts.Roles())
	role := jsonval.MustDecode(`{"RoleArn":"arn:aws:iam::444455556666:role/cross"}`)
	for _, tc := range []struct {
		name  string
		req   task.Request
		creds jsonval.Value
		want  string // the signer's access key
	}{
		{"Optimized", optimized(`{"FunctionName":"echo"}`), role, "ASIAROLE1"},
		{"Legacy", task.Request{State: "L", Resource: fnARN + "echo", Input: params(`{}`)}, role, "ASIAROLE1"},
		{"WithoutCredentials", optimized(`{"FunctionName":"echo"}`), nil, "test"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Credentials = tc.creds
			res, err := inv.Invoke(context.Background(), tc.req)
			if err != nil || res.Failed {
				t.Fatalf("%+v %v", res, err)
			}
			if got := roletest.Signer(f.request("echo").header); got != tc.want {
				t.Errorf("signed by %q, want %q", got, tc.want)
			}
		})
	}
	if got := sts.Assumed(); got != "arn:aws:iam::444455556666:role/cross" {
		t.Errorf("assumed %q: want the role once", got)
	}
	req := optimized(`{"FunctionName":"fail"}`)
	req.Credentials = jsonval.MustDecode(`{"RoleArn":"arn:aws:iam::444455556666:role/denied"}`)
	res, err := inv.Invoke(context.Background(), req)
	if err != nil || res.Error != "States.TaskFailed" {
		t.Errorf("denied role: %+v %v", res, err)
	}
	if f.request("fail") != nil {
		t.Error("the function was invoked with a role that could not be assumed")
	}
}

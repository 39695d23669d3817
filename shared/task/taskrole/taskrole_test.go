package taskrole_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/taskrole"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

func ctxWith(creds string) context.Context {
	req := task.Request{State: "S"}
	if creds != "" {
		req.Credentials = jsonval.MustDecode(creds)
	}
	return task.WithCredentials(context.Background(), req)
}

func TestCredentials(t *testing.T) {
	sts := roletest.Start(t)
	roles := sts.Roles()
	if p, err := roles.Credentials(ctxWith("")); p != nil || err != nil {
		t.Fatalf("without Credentials: %v, %v", p, err)
	}
	for range 2 {
		p, err := roles.Credentials(ctxWith(`{"RoleArn":"arn:aws:iam::1:role/a"}`))
		if err != nil {
			t.Fatal(err)
		}
		c, _ := p.Retrieve(context.Background())
		if c.AccessKeyID != "ASIAROLE1" || c.SessionToken != "token1" {
			t.Errorf("credentials %+v", c)
		}
	}
	if got := sts.Assumed(); got != "arn:aws:iam::1:role/a" {
		t.Errorf("assumed %q: want the role once", got)
	}
}

func TestCredentials_Failures(t *testing.T) {
	sts := roletest.Start(t)
	for _, tc := range []struct {
		roles      *taskrole.Roles
		creds, err string
		causeHas   []string
	}{
		{sts.Roles(), `{"RoleArn":"arn:aws:iam::1:role/denied"}`, "States.TaskFailed",
			[]string{"Unable to assume the role 'arn:aws:iam::1:role/denied' of the Task's Credentials: ", "AccessDenied"}},
		{sts.Roles(), `{"RoleArn":42}`, "States.Runtime", []string{"An error occurred while executing the state 'S'. The Credentials '{\"RoleArn\":42}' could not be used"}},
		{sts.Roles(), `"arn"`, "States.Runtime", []string{"must be an object"}},
		{nil, `{"RoleArn":"arn:aws:iam::1:role/a"}`, "States.TaskFailed", []string{"not configured to assume roles"}},
	} {
		_, err := tc.roles.Credentials(ctxWith(tc.creds))
		var fe *task.FailureError
		if !errors.As(err, &fe) || fe.Result.Error != tc.err {
			t.Errorf("%s: %v, want a failure %s", tc.creds, err, tc.err)
			continue
		}
		for _, s := range tc.causeHas {
			if !strings.Contains(fe.Result.Cause, s) {
				t.Errorf("%s: cause %q lacks %q", tc.creds, fe.Result.Cause, s)
			}
		}
	}
}

type echo struct{ got []string }

func (e *echo) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	_, creds := task.CredentialsOf(ctx)
	e.got = append(e.got, jsonval.String(creds))
	return task.Success("ok"), nil
}

// Require runs the wrapped invoker once the role is assumed, with the
// Credentials in its context, and fails the Task otherwise.
func TestRequire(t *testing.T) {
	sts := roletest.Start(t)
	inner := &echo{}
	inv := sts.Roles().Require(inner)
	for creds, want := range map[string]string{
		`{"RoleArn":"arn:aws:iam::1:role/a"}`:      "",
		`{"RoleArn":"arn:aws:iam::1:role/denied"}`: "States.TaskFailed",
		`{}`: "States.Runtime",
	} {
		res, err := inv.Invoke(context.Background(), task.Request{State: "S", Credentials: jsonval.MustDecode(creds)})
		if err != nil || res.Error != want {
			t.Errorf("%s: %+v %v, want error %q", creds, res, err, want)
		}
	}
	if got := strings.Join(inner.got, ","); got != `{"RoleArn":"arn:aws:iam::1:role/a"}` {
		t.Errorf("inner invoker ran with %s", got)
	}
}

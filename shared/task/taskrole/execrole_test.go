package taskrole_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/taskrole"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// An execution role stands for the role of Tasks without Credentials;
// a Task's Credentials take precedence, their role assumed as the execution
// role (role chaining); failures say which role it was.
func TestWithExecutionRole(t *testing.T) {
	sts := roletest.Start(t)
	roles := sts.Roles()
	exec := func(creds, arn string) context.Context {
		return taskrole.WithExecutionRole(ctxWith(creds), arn)
	}
	for _, tc := range []struct {
		name        string
		ctx         context.Context
		role, cause string // cause: the start of a failure's
	}{
		{"ExecutionRole", exec("", "arn:aws:iam::1:role/exec"), "arn:aws:iam::1:role/exec", ""},
		{"CredentialsFirst", exec(`{"RoleArn":"arn:aws:iam::1:role/task"}`, "arn:aws:iam::1:role/exec"), "arn:aws:iam::1:role/task", ""},
		{"NoRole", exec("", ""), "", ""},
		{"Denied", exec("", "arn:aws:iam::1:role/denied"), "arn:aws:iam::1:role/denied",
			"Unable to assume the role 'arn:aws:iam::1:role/denied' that TestState runs the state with (its roleArn): "},
		{"DeniedCredentials", exec(`{"RoleArn":"arn:aws:iam::1:role/denied"}`, "arn:aws:iam::1:role/exec"), "arn:aws:iam::1:role/denied",
			"Unable to assume the role 'arn:aws:iam::1:role/denied' of the Task's Credentials: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := taskrole.Role(tc.ctx); got != tc.role || err != nil {
				t.Fatalf("Role = %q, %v; want %q", got, err, tc.role)
			}
			p, err := roles.Credentials(tc.ctx)
			var fe *task.FailureError
			switch {
			case tc.cause != "":
				if !errors.As(err, &fe) || fe.Result.Error != "States.TaskFailed" || !strings.HasPrefix(fe.Result.Cause, tc.cause) {
					t.Errorf("Credentials error %v, want States.TaskFailed %q…", err, tc.cause)
				}
			case err != nil || (p == nil) != (tc.role == ""):
				t.Errorf("Credentials = %v, %v", p, err)
			}
		})
	}
	if got := sts.Assumed(); got != "arn:aws:iam::1:role/exec,arn:aws:iam::1:role/task" {
		t.Errorf("assumed %s", got)
	}
	// The Task's role is assumed as the execution role (ASIAROLE1), which
	// was assumed with the configuration's own credentials.
	for role, want := range map[string]string{"arn:aws:iam::1:role/exec": roletest.BaseKey, "arn:aws:iam::1:role/task": "ASIAROLE1"} {
		if got := sts.SignedBy(role); got != want {
			t.Errorf("AssumeRole of %s signed by %q, want %q", role, got, want)
		}
	}
}

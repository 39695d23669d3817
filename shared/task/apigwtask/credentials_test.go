package apigwtask_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/apigwtask"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// An IAM_ROLE call of a Task with Credentials is signed with the role's
// credentials; a role that cannot be assumed fails the Task uncalled.
func TestCredentials(t *testing.T) {
	srv, got := api(t)
	sts := roletest.Start(t)
	inv := apigwtask.New(credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		apigwtask.Options{BaseURL: func(string) string { return srv.URL }, Roles: sts.Roles()})
	call := func(role string) task.Result {
		t.Helper()
		*got = seen{}
		res, err := inv.Invoke(context.Background(), task.Request{State: "Call", Resource: apigwtask.Resource,
			Input:       jsonval.MustDecode(`{"ApiEndpoint":"` + endpoint + `","Method":"GET","Path":"secret","AuthType":"IAM_ROLE"}`),
			Credentials: jsonval.MustDecode(`{"RoleArn":"` + role + `"}`)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := call("arn:aws:iam::444455556666:role/api")
	if res.Failed || !strings.HasPrefix(got.auth, "AWS4-HMAC-SHA256 Credential=ASIAROLE1/") {
		t.Errorf("with a role: %+v, Authorization %q", res, got.auth)
	}
	res = call("arn:aws:iam::444455556666:role/denied")
	if res.Error != "States.TaskFailed" || !strings.Contains(res.Cause, "Unable to assume the role 'arn:aws:iam::444455556666:role/denied'") || got.method != "" {
		t.Errorf("denied: %+v, request %+v", res, *got)
	}
}

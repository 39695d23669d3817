package sfnapi_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// signers is a Lambda endpoint that answers every Invoke with {} and
// records the access keys the calls were signed with.
type signers struct {
	mu   sync.Mutex
	keys []string
}

func (s *signers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	s.mu.Lock()
	s.keys = append(s.keys, roletest.Signer(r.Header))
	s.mu.Unlock()
	_, _ = io.WriteString(w, `{}`)
}

func (s *signers) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.keys, ",")
}

// testStateRoleEnv is an API whose TestState calls Lambda (at a loopback
// endpoint) with the process's credentials (roletest.BaseKey) and assumes
// roles through a loopback STS.
func testStateRoleEnv(t *testing.T, assume bool) (*env, *signers, *roletest.STS) {
	t.Helper()
	sts := roletest.Start(t)
	calls := &signers{}
	srv := httptest.NewServer(calls)
	t.Cleanup(srv.Close)
	client := lambda.NewFromConfig(roletest.Config(), func(o *lambda.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	inv := lambdatask.New(client, sts.Roles())
	e := newEnv(t, func(o *sfnapi.Options) { o.Invoker, o.AssumeTestStateRole = inv, assume })
	return e, calls, sts
}

const (
	liveTask     = `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}`
	liveTaskCred = `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{"RoleArn":"arn:aws:iam::444455556666:role/cross"},"Parameters":{"FunctionName":"f"},"End":true}`
	testerRole   = "arn:aws:iam::111122223333:role/tester"
)

// TestTestState_AssumesRoleArn: deployed, a live Task runs as the
// request's roleArn, assumed once and cached; a Task's own Credentials
// take precedence, their role assumed as the roleArn (role chaining, as a
// state machine's execution role assumes them); a Pass state and a mocked
// Task assume nothing.
func TestTestState_AssumesRoleArn(t *testing.T) {
	e, calls, sts := testStateRoleEnv(t, true)
	run := func(def, roleArn string, mock *types.MockInput) *sfn.TestStateOutput {
		t.Helper()
		out, err := e.client.TestState(ctx(), &sfn.TestStateInput{Definition: aws.String(def), RoleArn: aws.String(roleArn), Mock: mock})
		mustNil(t, err, "test state")
		return out
	}
	for range 2 {
		if out := run(liveTask, testerRole, nil); out.Status != types.TestExecutionStatusSucceeded {
			t.Fatalf("%s %s: %s", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause))
		}
	}
	if out := run(liveTaskCred, testerRole, nil); out.Status != types.TestExecutionStatusSucceeded {
		t.Fatalf("with Credentials: %s %s: %s", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause))
	}
	run(`{"Type":"Pass","End":true}`, "arn:aws:iam::111122223333:role/pass", nil)
	run(liveTask, "arn:aws:iam::111122223333:role/mocked", &types.MockInput{Result: aws.String(`{}`)})
	if got, want := calls.String(), "ASIAROLE1,ASIAROLE1,ASIAROLE2"; got != want {
		t.Errorf("Lambda calls signed by %s, want %s", got, want)
	}
	if got, want := sts.Assumed(), testerRole+",arn:aws:iam::444455556666:role/cross"; got != want {
		t.Errorf("assumed %s, want %s", got, want)
	}
	if got := sts.SignedBy("arn:aws:iam::444455556666:role/cross"); got != "ASIAROLE1" {
		t.Errorf("the Credentials' role was assumed as %q, want as the roleArn (ASIAROLE1)", got)
	}
}

// TestTestState_RoleArnNotAssumable: a roleArn that cannot be assumed
// fails the state with States.TaskFailed, naming the role, and no call
// is made; the state's Catch sees the failure as for any Task failure.
func TestTestState_RoleArnNotAssumable(t *testing.T) {
	e, calls, _ := testStateRoleEnv(t, true)
	denied := "arn:aws:iam::111122223333:role/denied"
	out, err := e.client.TestState(ctx(), &sfn.TestStateInput{Definition: aws.String(liveTask), RoleArn: aws.String(denied)})
	mustNil(t, err, "test state")
	cause := aws.ToString(out.Cause)
	if out.Status != types.TestExecutionStatusFailed || aws.ToString(out.Error) != "States.TaskFailed" ||
		!strings.HasPrefix(cause, "Unable to assume the role '"+denied+"' that TestState runs the state with (its roleArn): ") ||
		!strings.Contains(cause, "AccessDenied") {
		t.Errorf("%s %s: %s", out.Status, aws.ToString(out.Error), cause)
	}
	if calls.String() != "" {
		t.Errorf("Lambda called (%s) with a role that could not be assumed", calls)
	}
}

// TestTestState_RoleArnNotAssumedByServe: without AssumeTestStateRole
// (serve), live Tasks call with the process's credentials and no role is
// assumed, even one that could not be; Credentials still are.
func TestTestState_RoleArnNotAssumedByServe(t *testing.T) {
	e, calls, sts := testStateRoleEnv(t, false)
	for _, def := range []string{liveTask, liveTaskCred} {
		out, err := e.client.TestState(ctx(), &sfn.TestStateInput{Definition: aws.String(def), RoleArn: aws.String("arn:aws:iam::111122223333:role/denied")})
		mustNil(t, err, "test state")
		if out.Status != types.TestExecutionStatusSucceeded {
			t.Fatalf("%s %s: %s", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause))
		}
	}
	if got, want := calls.String(), roletest.BaseKey+",ASIAROLE1"; got != want {
		t.Errorf("Lambda calls signed by %s, want %s", got, want)
	}
	if got := sts.Assumed(); got != "arn:aws:iam::444455556666:role/cross" {
		t.Errorf("assumed %s, want only the Task's Credentials role", got)
	}
}

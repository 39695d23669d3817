package sdktask_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
	"github.com/stepwise/stepwise/shared/task/tasktest"
)

// stsAndDynamo answers sts:AssumeRole (the query protocol, as STS does)
// with credentials valid for ttl, and DynamoDB calls, recording who signed
// them.
type stsAndDynamo struct {
	ttl     time.Duration
	mu      sync.Mutex
	assumed []string // RoleArn of each AssumeRole
	signers []string // access key and session token of each DynamoDB call
}

func (s *stsAndDynamo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("X-Amz-Target") != "" {
		auth := r.Header.Get("Authorization")
		key, _, _ := strings.Cut(strings.TrimPrefix(auth[strings.Index(auth, "Credential="):], "Credential="), "/")
		s.signers = append(s.signers, key+" "+r.Header.Get("X-Amz-Security-Token"))
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = io.WriteString(w, `{}`)
		return
	}
	form, _ := url.ParseQuery(string(body))
	if form.Get("Action") != "AssumeRole" || form.Get("RoleSessionName") == "" {
		http.Error(w, "unexpected "+string(body), 400)
		return
	}
	role := form.Get("RoleArn")
	w.Header().Set("Content-Type", "text/xml")
	if strings.HasSuffix(role, "/denied") {
		w.WriteHeader(403)
		fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/stepper is not authorized to perform: sts:AssumeRole on resource: %s</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`, role)
		return
	}
	s.assumed = append(s.assumed, role)
	n := len(s.assumed)
	fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLE%d</AccessKeyId><SecretAccessKey>secret%d</SecretAccessKey><SessionToken>token%d</SessionToken>
<Expiration>%s</Expiration></Credentials>
<AssumedRoleUser><Arn>%s/stepwise</Arn><AssumedRoleId>AROA:stepwise</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>r-%d</RequestId></ResponseMetadata></AssumeRoleResponse>`,
		n, n, n, time.Now().Add(s.ttl).UTC().Format(time.RFC3339), role, n)
}

func credsInvoker(endpoint string) *sdktask.Invoker {
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIABASE", "base", "")}
	return sdktask.New(cfg, sdktask.Options{Endpoints: map[string]string{"sts": endpoint, "dynamodb": endpoint}}, builtin.Services()...)
}

func putWithRole(t *testing.T, inv *sdktask.Invoker, creds string) task.Result {
	t.Helper()
	req := sdkReq("dynamodb:putItem", `{"TableName":"t","Item":{"id":{"S":"1"}}}`)
	if creds != "" {
		req.Credentials = jsonval.MustDecode(creds)
	}
	res, err := inv.Invoke(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCredentials_AssumeRoleCached(t *testing.T) {
	srv := &stsAndDynamo{ttl: time.Hour}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	inv := credsInvoker(ts.URL)
	for _, creds := range []string{"", `{"RoleArn":"arn:aws:iam::444455556666:role/a"}`, `{"RoleArn":"arn:aws:iam::444455556666:role/a"}`, `{"RoleArn":"arn:aws:iam::444455556666:role/b"}`} {
		if res := putWithRole(t, inv, creds); res.Failed {
			t.Fatalf("%s: %s %s", creds, res.Error, res.Cause)
		}
	}
	if got := strings.Join(srv.assumed, ","); got != "arn:aws:iam::444455556666:role/a,arn:aws:iam::444455556666:role/b" {
		t.Errorf("AssumeRole calls %s: want one per role", got)
	}
	if got := strings.Join(srv.signers, ","); got != "AKIABASE ,ASIAROLE1 token1,ASIAROLE1 token1,ASIAROLE2 token2" {
		t.Errorf("calls signed by %s", got)
	}
}

// Credentials that expire (here within the renewal minute) are assumed
// again for the next call.
func TestCredentials_RenewedBeforeExpiry(t *testing.T) {
	srv := &stsAndDynamo{ttl: 30 * time.Second}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	inv := credsInvoker(ts.URL)
	for range 2 {
		if res := putWithRole(t, inv, `{"RoleArn":"arn:aws:iam::444455556666:role/a"}`); res.Failed {
			t.Fatalf("%s %s", res.Error, res.Cause)
		}
	}
	if len(srv.signers) != 2 || srv.signers[0] == srv.signers[1] || !strings.HasPrefix(srv.signers[1], "ASIAROLE") {
		t.Errorf("assumed %v, signers %v: want fresh credentials for each call", srv.assumed, srv.signers)
	}
}

func TestCredentials_Failures(t *testing.T) {
	ts := httptest.NewServer(&stsAndDynamo{ttl: time.Hour})
	t.Cleanup(ts.Close)
	inv := credsInvoker(ts.URL)
	res := putWithRole(t, inv, `{"RoleArn":"arn:aws:iam::444455556666:role/denied"}`)
	tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "States.TaskFailed"})
	if !strings.HasPrefix(res.Cause, "Unable to assume the role 'arn:aws:iam::444455556666:role/denied' of the Task's Credentials: ") ||
		!strings.Contains(res.Cause, "AccessDenied") {
		t.Errorf("cause %q", res.Cause)
	}
	res = putWithRole(t, inv, `{"RoleArn":42}`)
	tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "States.Runtime"})
}

// Call (the optimized integrations' way in: jobs, bedrock) signs with the
// role of the Task Credentials its context carries, and fails with the
// aws-sdk Task's failure when the role cannot be assumed.
func TestCredentials_Call(t *testing.T) {
	srv := &stsAndDynamo{ttl: time.Hour}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	inv := credsInvoker(ts.URL)
	call := func(creds string) error {
		req := task.Request{State: "Start"}
		if creds != "" {
			req.Credentials = jsonval.MustDecode(creds)
		}
		ctx := task.WithCredentials(context.Background(), req)
		_, err := inv.Call(ctx, "dynamodb", "putItem", jsonval.MustDecode(`{"TableName":"t","Item":{"id":{"S":"1"}}}`).(*jsonval.Object))
		return err
	}
	for _, creds := range []string{"", `{"RoleArn":"arn:aws:iam::444455556666:role/a"}`} {
		if err := call(creds); err != nil {
			t.Fatalf("%s: %v", creds, err)
		}
	}
	if got := strings.Join(srv.signers, ","); got != "AKIABASE ,ASIAROLE1 token1" {
		t.Errorf("calls signed by %s", got)
	}
	for creds, want := range map[string]string{
		`{"RoleArn":"arn:aws:iam::444455556666:role/denied"}`: "States.TaskFailed",
		`{"Role":"x"}`: "States.Runtime",
	} {
		var fe *task.FailureError
		if err := call(creds); !errors.As(err, &fe) || fe.Result.Error != want {
			t.Errorf("%s: error %v, want a task.FailureError %s", creds, err, want)
		}
	}
}

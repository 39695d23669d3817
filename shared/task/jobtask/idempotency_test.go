package jobtask_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/jobtask"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// tokenServer answers a job start (AWS JSON 1.1) as services with an
// idempotency token do: a start whose token was seen returns the job that
// token started; any other starts a new job.
type tokenServer struct {
	member string                 // the token's member on the wire
	reply  func(id string) string // the start's response for job id
	mu     sync.Mutex
	jobs   map[string]string // token → job id
	starts int               // jobs started
}

func (s *tokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	b, _ := io.ReadAll(r.Body)
	_ = json.Unmarshal(b, &body)
	token, _ := body[s.member].(string)
	s.mu.Lock()
	id, seen := s.jobs[token]
	if !seen || token == "" {
		s.starts++
		id = fmt.Sprintf("job-%d", s.starts)
		s.jobs[token] = id
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_, _ = io.WriteString(w, s.reply(id))
}

// A start repeated with the same attempt (a redelivered step message, a
// stepper that crashed before its commit) finds the job of its first try
// where the service has an idempotency token; another attempt, or a token
// the state sets itself, is the service's to judge.
func TestStart_RepeatedAttemptStartsOneJob(t *testing.T) {
	for _, tc := range []struct {
		service, resource, params, member string
		reply                             func(id string) string
		jobOf                             func(out jsonval.Value) string
	}{
		{"athena", "athena:startQueryExecution.sync", `{"QueryString":"SELECT 1"}`, "ClientRequestToken",
			func(id string) string { return `{"QueryExecutionId":"` + id + `"}` },
			func(out jsonval.Value) string { return member(out, "QueryExecutionId") }},
		{"ecs", "ecs:runTask.sync", `{"Cluster":"c","TaskDefinition":"td"}`, "clientToken",
			func(id string) string {
				return `{"tasks":[{"taskArn":"` + id + `","lastStatus":"PROVISIONING"}],"failures":[]}`
			},
			func(out jsonval.Value) string { return member(first(out, "Tasks"), "TaskArn") }},
		{"codebuild", "codebuild:startBuild.sync", `{"ProjectName":"p"}`, "idempotencyToken",
			func(id string) string { return `{"build":{"id":"` + id + `","buildStatus":"IN_PROGRESS"}}` },
			func(out jsonval.Value) string { return member(fieldOf(out, "Build"), "Id") }},
	} {
		t.Run(tc.service, func(t *testing.T) {
			srv := &tokenServer{member: tc.member, reply: tc.reply, jobs: map[string]string{}}
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)
			cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
			sdk := sdktask.New(cfg, sdktask.Options{Endpoints: map[string]string{tc.service: ts.URL}}, builtin.Services()...)
			inv := jobtask.New(sdk, jobtask.Options{})
			start := func(attempt, params string) string {
				t.Helper()
				res, err := inv.Invoke(context.Background(), task.Request{State: "S", Resource: "arn:aws:states:::" + tc.resource,
					Input: jsonval.MustDecode(params), AttemptID: attempt})
				if err != nil || res.Failed || res.Poll == nil || !res.Poll.Deduplicated {
					t.Fatalf("start: %+v %v", res, err)
				}
				return tc.jobOf(res.Output)
			}
			first, again := start("ex/root@3#0", tc.params), start("ex/root@3#0", tc.params)
			if first == "" || first != again || srv.starts != 1 {
				t.Errorf("a repeated attempt started %d jobs (%s, %s), want the first one again", srv.starts, first, again)
			}
			if other := start("ex/root@3#1", tc.params); other == first || srv.starts != 2 {
				t.Errorf("the next attempt found job %s (%d started), want a job of its own", other, srv.starts)
			}
			// The state's own token is sent as it is, whatever the attempt.
			own := strings.TrimSuffix(tc.params, "}") + `,"` + strings.ToUpper(tc.member[:1]) + tc.member[1:] + `":"mine-0123456789abcdef0123456789"}`
			if a, b := start("x#0", own), start("y#0", own); a != b || srv.starts != 3 {
				t.Errorf("the state's token: jobs %s, %s (%d started), want one", a, b, srv.starts)
			}
		})
	}
}

func member(v jsonval.Value, k string) string {
	s, _ := fieldOf(v, k).(string)
	return s
}

func fieldOf(v jsonval.Value, k string) jsonval.Value {
	o, _ := v.(*jsonval.Object)
	if o == nil {
		return nil
	}
	x, _ := o.Get(k)
	return x
}

func first(v jsonval.Value, k string) jsonval.Value {
	a, _ := fieldOf(v, k).([]jsonval.Value)
	if len(a) == 0 {
		return nil
	}
	return a[0]
}

package sfnapi_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
)

const (
	role    = "arn:aws:iam::000000000000:role/StatesRole"
	passDef = `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	waitDef = `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}`
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fakeClock advances one second per reading, so dates are distinct.
type fakeClock struct {
	mu sync.Mutex
	n  int
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return t0.Add(time.Duration(c.n) * time.Second)
}

// fakeRuntime records requests and writes execution records into the
// store the way the runner would, without running anything.
type fakeRuntime struct {
	st      store.Store
	clock   *fakeClock
	mu      sync.Mutex
	starts  []runner.StartRequest
	history map[string][]history.Event
	calls   []string
}

func (f *fakeRuntime) record(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
}

func (f *fakeRuntime) Start(ctx context.Context, req runner.StartRequest) (store.Execution, error) {
	f.mu.Lock()
	f.starts = append(f.starts, req)
	n := len(f.starts)
	f.mu.Unlock()
	if req.Name == "" {
		req.Name = fmt.Sprintf("generated-%d", n)
	}
	ex := store.Execution{
		ARN: arn.Default.Execution(req.StateMachine.Name, req.Name), StateMachineARN: req.StateMachine.ARN,
		ExecutedARN: req.ExecutedARN, VersionARN: req.VersionARN, Name: req.Name, Type: req.StateMachine.Type, Status: "RUNNING",
		Input: req.Input, StartDate: f.clock.Now(), Version: 1, TraceHeader: req.TraceHeader,
	}
	if err := f.st.CreateExecution(ctx, ex); err != nil {
		return store.Execution{}, runner.ErrExecutionAlreadyExists
	}
	return ex, nil
}

func (f *fakeRuntime) StartSync(ctx context.Context, req runner.StartRequest) (store.Execution, error) {
	f.mu.Lock()
	f.starts = append(f.starts, req)
	f.mu.Unlock()
	start := f.clock.Now()
	return store.Execution{
		ARN: arn.Default.ExpressExecution(req.StateMachine.Name, req.Name, "id"), StateMachineARN: req.StateMachine.ARN,
		Name: req.Name, Type: "EXPRESS", Status: "SUCCEEDED", Input: req.Input, Output: req.Input,
		StartDate: start, StopDate: start.Add(time.Second),
	}, nil
}

// finish sets an execution's terminal status directly in the store.
func (f *fakeRuntime) finish(t *testing.T, execARN, status string) {
	t.Helper()
	ex, err := f.st.GetExecution(context.Background(), execARN)
	if err != nil {
		t.Fatal(err)
	}
	ex.Status, ex.StopDate, ex.Version = status, f.clock.Now(), ex.Version+1
	if status == "SUCCEEDED" {
		ex.Output = `{"done":true}`
	} else {
		ex.Error, ex.Cause = "States.TaskFailed", "boom"
	}
	if err := f.st.UpdateExecution(context.Background(), ex, ex.Version-1); err != nil {
		t.Fatal(err)
	}
}

func (f *fakeRuntime) Stop(ctx context.Context, execARN, errName, cause string) (store.Execution, error) {
	f.record("Stop " + execARN + " " + errName + " " + cause)
	ex, err := f.st.GetExecution(ctx, execARN)
	if err != nil {
		return ex, runner.ErrExecutionDoesNotExist
	}
	ex.Status, ex.StopDate, ex.Error, ex.Cause, ex.Version = "ABORTED", f.clock.Now(), errName, cause, ex.Version+1
	return ex, f.st.UpdateExecution(ctx, ex, ex.Version-1)
}

func (f *fakeRuntime) Redrive(ctx context.Context, execARN string) (store.Execution, error) {
	f.record("Redrive " + execARN)
	ex, err := f.st.GetExecution(ctx, execARN)
	if err != nil {
		return ex, runner.ErrExecutionDoesNotExist
	}
	if ex.Status != "FAILED" {
		return ex, runner.ErrNotRedrivable
	}
	ex.Status, ex.RedriveCount, ex.Version = "RUNNING", ex.RedriveCount+1, ex.Version+1
	return ex, f.st.UpdateExecution(ctx, ex, ex.Version-1)
}

func (f *fakeRuntime) History(_ context.Context, execARN string) ([]history.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.history[execARN]
	if !ok {
		return nil, runner.ErrExecutionDoesNotExist
	}
	return h, nil
}

// Task tokens: "good" works, "late" has timed out, anything else is invalid.
func tokenErr(tok string) error {
	switch tok {
	case "good":
		return nil
	case "late":
		return runner.ErrTaskTimedOut
	}
	return runner.ErrInvalidToken
}

func (f *fakeRuntime) SendTaskSuccess(_ context.Context, tok, output string) error {
	f.record("Success " + tok + " " + output)
	return tokenErr(tok)
}

func (f *fakeRuntime) SendTaskFailure(_ context.Context, tok, errName, cause string) error {
	f.record("Failure " + tok + " " + errName + " " + cause)
	return tokenErr(tok)
}

func (f *fakeRuntime) SendTaskHeartbeat(_ context.Context, tok string) error {
	f.record("Heartbeat " + tok)
	return tokenErr(tok)
}

// env is one API served over HTTP and driven by the real SDK client.
type env struct {
	api    *sfnapi.API
	st     *memstore.Store
	rt     *fakeRuntime
	client *sfn.Client
	url    string
	random float64
}

func newEnv(t *testing.T, mutate ...func(*sfnapi.Options)) *env {
	t.Helper()
	st := memstore.New()
	clock := &fakeClock{}
	e := &env{st: st, rt: &fakeRuntime{st: st, clock: clock, history: map[string][]history.Event{}}}
	ids := 0
	opts := sfnapi.Options{
		Scope: arn.Default, Now: clock.Now,
		NewID:        func() string { ids++; return fmt.Sprintf("rev-%d", ids) },
		Random:       func() float64 { return e.random },
		ActivityPoll: 50 * time.Millisecond,
	}
	for _, m := range mutate {
		m(&opts)
	}
	e.api = sfnapi.New(st, e.rt, opts)
	srv := httptest.NewServer(e.api.HTTPHandler())
	t.Cleanup(srv.Close)
	e.url = srv.URL
	e.client = sfn.New(sfn.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		APIOptions:  []func(*middleware.Stack) error{noHostPrefix},
	})
	return e
}

// noHostPrefix stops the SDK from prefixing "sync-" (StartSyncExecution,
// TestState) to the host, which a local endpoint cannot serve.
func noHostPrefix(s *middleware.Stack) error {
	return s.Initialize.Add(middleware.InitializeMiddlewareFunc("NoHostPrefix",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return next.HandleInitialize(smithyhttp.DisableEndpointHostPrefix(ctx, true), in)
		}), middleware.Before)
}

func ctx() context.Context { return context.Background() }

// mustCreate creates a state machine and returns its ARN.
func (e *env) mustCreate(t *testing.T, name, typ, def string) string {
	t.Helper()
	out, err := e.client.CreateStateMachine(ctx(), &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(role),
		Type: typeOf(typ),
	})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return *out.StateMachineArn
}

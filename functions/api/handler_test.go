package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
)

// fakeRuntime records starts as RUNNING executions; nothing runs.
type fakeRuntime struct {
	st     store.Store
	starts []runner.StartRequest
}

var errUnused = errors.New("not used by these tests")

func (f *fakeRuntime) Start(ctx context.Context, req runner.StartRequest) (store.Execution, error) {
	f.starts = append(f.starts, req)
	ex := store.Execution{ARN: arn.Default.Execution(req.StateMachine.Name, req.Name), StateMachineARN: req.StateMachine.ARN,
		Name: req.Name, Type: req.StateMachine.Type, Status: "RUNNING", Input: req.Input, StartDate: now, Version: 1}
	if err := f.st.CreateExecution(ctx, ex); err != nil {
		return ex, runner.ErrExecutionAlreadyExists
	}
	return ex, nil
}
func (f *fakeRuntime) StartSync(context.Context, runner.StartRequest) (store.Execution, error) {
	return store.Execution{}, errUnused
}
func (f *fakeRuntime) Stop(context.Context, string, string, string) (store.Execution, error) {
	return store.Execution{}, errUnused
}
func (f *fakeRuntime) Redrive(context.Context, string) (store.Execution, error) {
	return store.Execution{}, errUnused
}
func (f *fakeRuntime) History(context.Context, string) ([]history.Event, error) {
	return nil, errUnused
}
func (f *fakeRuntime) SendTaskSuccess(context.Context, string, string) error { return errUnused }
func (f *fakeRuntime) SendTaskFailure(context.Context, string, string, string) error {
	return errUnused
}
func (f *fakeRuntime) SendTaskHeartbeat(context.Context, string) error { return errUnused }

var now = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func loadEvent(t *testing.T, name string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	b, err := os.ReadFile("../../events/api/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var req events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return req
}

// TestHandler_Events replays the sample events in order against one API.
func TestHandler_Events(t *testing.T) {
	st := memstore.New()
	rt := &fakeRuntime{st: st}
	h := NewHandler(sfnapi.New(st, rt, sfnapi.Options{Now: func() time.Time { return now }}))
	steps := []struct {
		event   string
		status  int
		errType string
		body    string // substring of the response body
	}{
		{"create-state-machine.json", 200, "", `"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:hello"`},
		{"start-execution.json", 200, "", `"executionArn":"arn:aws:states:us-east-1:000000000000:execution:hello:run-1"`},
		{"start-execution.json", 400, "ExecutionAlreadyExists", `"__type":"ExecutionAlreadyExists"`},
		{"describe-state-machine-base64.json", 200, "", `"name":"hello"`},
		{"get-root.json", 400, "UnknownOperationException", `"__type":"UnknownOperationException"`},
	}
	for _, s := range steps {
		t.Run(s.event, func(t *testing.T) {
			resp, err := h(context.Background(), loadEvent(t, s.event))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != s.status || resp.Headers["X-Amzn-ErrorType"] != s.errType ||
				resp.Headers["Content-Type"] != "application/x-amz-json-1.0" || !strings.Contains(resp.Body, s.body) {
				t.Fatalf("got %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
			}
			if _, hasType := resp.Headers["X-Amzn-ErrorType"]; hasType != (s.errType != "") {
				t.Fatalf("X-Amzn-ErrorType present=%v", hasType)
			}
		})
	}
	if len(rt.starts) != 2 || rt.starts[0].Input != `{"who":"world"}` || rt.starts[0].Name != "run-1" {
		t.Fatalf("runtime starts: %+v", rt.starts)
	}
}

func TestHandler_RequestShapes(t *testing.T) {
	h := NewHandler(sfnapi.New(memstore.New(), &fakeRuntime{}, sfnapi.Options{}))
	base := func() events.APIGatewayV2HTTPRequest {
		r := loadEvent(t, "describe-state-machine-base64.json")
		r.Body, r.IsBase64Encoded = `{}`, false
		r.Headers = map[string]string{"X-AMZ-TARGET": "AWSStepFunctions.ListStateMachines"}
		return r
	}
	tests := []struct {
		name    string
		mutate  func(r *events.APIGatewayV2HTTPRequest)
		status  int
		errType string
	}{
		{"header case", func(*events.APIGatewayV2HTTPRequest) {}, 200, ""},
		{"named stage root", func(r *events.APIGatewayV2HTTPRequest) { r.RawPath, r.RequestContext.Stage = "/prod", "prod" }, 200, ""},
		{"other path", func(r *events.APIGatewayV2HTTPRequest) { r.RawPath = "/x" }, 400, "UnknownOperationException"},
		{"bad base64", func(r *events.APIGatewayV2HTTPRequest) { r.Body, r.IsBase64Encoded = "!!!", true }, 400, "SerializationException"},
		{"no target", func(r *events.APIGatewayV2HTTPRequest) { r.Headers = nil }, 400, "UnknownOperationException"},
		// API Gateway passes up to 10 MB; the Step Functions API takes 1 MB.
		{"over AWS's request size", func(r *events.APIGatewayV2HTTPRequest) {
			r.Body = `{"nextToken":"` + strings.Repeat("x", sfnapi.MaxRequestBytes) + `"}`
		}, 413, "RequestEntityTooLargeException"},
		{"over AWS's request size, base64", func(r *events.APIGatewayV2HTTPRequest) {
			r.Body, r.IsBase64Encoded = base64.StdEncoding.EncodeToString(make([]byte, sfnapi.MaxRequestBytes+1)), true
		}, 413, "RequestEntityTooLargeException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := base()
			tc.mutate(&r)
			resp, err := h(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.status || resp.Headers["X-Amzn-ErrorType"] != tc.errType {
				t.Fatalf("got %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
			}
		})
	}
}

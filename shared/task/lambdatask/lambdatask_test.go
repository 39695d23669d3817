package lambdatask_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
	"github.com/stepwise/stepwise/shared/task/tasktest"
)

const fnARN = "arn:aws:lambda:us-east-1:000000000000:function:"

func params(s string) jsonval.Value { return jsonval.MustDecode(s) }

func optimized(json string) task.Request {
	return task.Request{State: "Start", Resource: lambdatask.ResourceInvoke, Input: params(json)}
}

func TestInvoker_Contract(t *testing.T) {
	tasktest.Run(t, tasktest.Suite{
		New: func(t *testing.T) task.Invoker {
			_, client := newFake(t)
			return lambdatask.New(client, nil)
		},
		CancelledIsError: true,
		Cases:            contractCases(),
	})
}

func contractCases() []tasktest.Case {
	notFound := "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: req-1; Proxy: null)"
	return []tasktest.Case{
		{Name: "LegacySuccess", Req: task.Request{Resource: fnARN + "echo", Input: params(`{"a":[1,2.50]}`)},
			Want: tasktest.Want{Output: params(`{"a":[1,2.50]}`), CheckOutput: true}},
		{Name: "LegacyQualified", Req: task.Request{Resource: fnARN + "echo:prod", Input: "x"},
			Want: tasktest.Want{Output: "x", CheckOutput: true}},
		{Name: "LegacyTypedError", Req: task.Request{Resource: fnARN + "fail", Input: params(`{}`)},
			Want: tasktest.Want{Failed: true, Error: "CustomError", Cause: `{"errorMessage":"boom","errorType":"CustomError"}`, CheckCause: true}},
		{Name: "UntypedErrorIsLambdaUnknown", Req: task.Request{Resource: fnARN + "crash", Input: nil},
			Want: tasktest.Want{Failed: true, Error: "Lambda.Unknown", Cause: `{"errorMessage":"RequestId: 1 Error: Runtime exited with error: signal: killed"}`, CheckCause: true}},
		{Name: "OptimizedTypedError", Req: optimized(`{"FunctionName":"fail"}`),
			Want: tasktest.Want{Failed: true, Error: "CustomError"}},
		{Name: "NotFound", Req: optimized(`{"FunctionName":"nope","Payload":null}`),
			Want: tasktest.Want{Failed: true, Error: "Lambda.ResourceNotFoundException", Cause: notFound, CheckCause: true}},
		{Name: "Throttled", Req: optimized(`{"FunctionName":"throttled"}`),
			Want: tasktest.Want{Failed: true, Error: "Lambda.TooManyRequestsException"}},
		{Name: "ServiceException", Req: optimized(`{"FunctionName":"broken"}`),
			Want: tasktest.Want{Failed: true, Error: "Lambda.ServiceException"}},
		{Name: "UnmodeledCode", Req: optimized(`{"FunctionName":"denied"}`),
			Want: tasktest.Want{Failed: true, Error: "Lambda.AWSLambdaException",
				Cause: "not allowed (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: req-1; Proxy: null)", CheckCause: true}},
		{Name: "WaitForTaskTokenIsPending", Req: task.Request{Resource: lambdatask.ResourceInvokeWait,
			Input: params(`{"FunctionName":"echo","Payload":{"token":"t"}}`)},
			Want: tasktest.Want{Pending: true, Check: checkStatus(202)}},
		{Name: "Timeout", Req: task.Request{Resource: fnARN + "slow", Input: params(`{}`), TimeoutSeconds: 1},
			Want: tasktest.Want{Failed: true, Error: "States.Timeout", Cause: "", CheckCause: true, Within: 2500 * time.Millisecond}},
		{Name: "UnknownResource", Req: task.Request{Resource: "arn:aws:states:::lambda:invokeSomething", Input: params(`{}`)},
			Want: tasktest.Want{Failed: true, Error: "States.TaskFailed"}},
	}
}

func checkStatus(code int64) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		obj, _ := res.Output.(*jsonval.Object)
		if obj == nil {
			t.Fatalf("Output %s is not an object", jsonval.String(res.Output))
		}
		got, _ := obj.Get("StatusCode")
		if !jsonval.Equal(got, jsonval.NumberFromInt(code)) {
			t.Errorf("StatusCode = %v, want %d", got, code)
		}
	}
}

func TestInvoker_OptimizedShape(t *testing.T) {
	_, client := newFake(t)
	res, err := lambdatask.New(client, nil).Invoke(context.Background(), optimized(`{"FunctionName":"echo","Payload":{"x":1}}`))
	if err != nil || res.Failed {
		t.Fatalf("Invoke = %+v, %v", res, err)
	}
	obj := res.Output.(*jsonval.Object)
	want := []string{"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}
	if got := obj.Keys(); jsonval.String(toAny(got)) != jsonval.String(toAny(want)) {
		t.Fatalf("keys = %v, want %v", got, want)
	}
	for path, wantV := range map[string]string{
		"ExecutedVersion":                `"$LATEST"`,
		"Payload":                        `{"x":1}`,
		"StatusCode":                     `200`,
		"SdkResponseMetadata":            `{"RequestId":"req-1"}`,
		"SdkHttpMetadata.HttpStatusCode": `200`,
		"SdkHttpMetadata.HttpHeaders.x-amzn-RequestId": `"req-1"`,
		"SdkHttpMetadata.AllHttpHeaders.Content-Type":  `["application/json"]`,
	} {
		if got := dig(obj, path); !jsonval.Equal(got, params(wantV)) {
			t.Errorf("%s = %s, want %s", path, jsonval.String(got), wantV)
		}
	}
}

func TestInvoker_RequestBuilding(t *testing.T) {
	ctxB64 := base64.StdEncoding.EncodeToString([]byte(`{"custom":{"k":"v"}}`))
	const attemptID = "arn:aws:states:us-east-1:000000000000:execution:sm:e/r.3@2#1"
	attemptB64 := base64.StdEncoding.EncodeToString([]byte(`{"custom":{"stepwise-attempt-id":"` + attemptID + `"}}`))
	withAttempt := func(r task.Request) task.Request { r.AttemptID = attemptID; return r }
	tests := []struct {
		name, fn   string
		req        task.Request
		wantBody   string
		wantHeader map[string]string
		wantQuery  string
	}{
		{name: "LegacySendsInputAsJSON", fn: "echo", req: task.Request{Resource: fnARN + "echo", Input: params(`{"b":1,"a":null}`)},
			wantBody: `{"b":1,"a":null}`, wantHeader: map[string]string{"X-Amz-Invocation-Type": "RequestResponse"}},
		{name: "StringPayloadIsRaw", fn: "echo", req: optimized(`{"FunctionName":"echo","Payload":"\"HelloWorld\""}`),
			wantBody: `"HelloWorld"`},
		{name: "ObjectPayloadIsJSON", fn: "echo", req: optimized(`{"FunctionName":"echo","Payload":{"k":[true]}}`),
			wantBody: `{"k":[true]}`},
		{name: "NullPayload", fn: "echo", req: optimized(`{"FunctionName":"echo","Payload":null}`), wantBody: `null`},
		{name: "AllFields", fn: "echo", req: optimized(`{"FunctionName":"echo","Qualifier":"v2","InvocationType":"RequestResponse","LogType":"Tail","ClientContext":"` + ctxB64 + `"}`),
			wantHeader: map[string]string{"X-Amz-Log-Type": "Tail", "X-Amz-Client-Context": ctxB64}, wantQuery: "Qualifier=v2"},
		{name: "WaitDefaultsToEvent", fn: "echo", req: task.Request{Resource: lambdatask.ResourceInvokeWait, Input: params(`{"FunctionName":"echo"}`)},
			wantHeader: map[string]string{"X-Amz-Invocation-Type": "Event"}},
		{name: "LegacyCarriesAttemptID", fn: "echo", req: withAttempt(task.Request{Resource: fnARN + "echo", Input: params(`{}`)}),
			wantHeader: map[string]string{"X-Amz-Client-Context": attemptB64}},
		{name: "OptimizedCarriesAttemptID", fn: "echo", req: withAttempt(optimized(`{"FunctionName":"echo"}`)),
			wantHeader: map[string]string{"X-Amz-Client-Context": attemptB64}},
		{name: "StateClientContextWins", fn: "echo", req: withAttempt(optimized(`{"FunctionName":"echo","ClientContext":"` + ctxB64 + `"}`)),
			wantHeader: map[string]string{"X-Amz-Client-Context": ctxB64}},
		{name: "AsyncInvocationHasNoContext", fn: "echo", req: withAttempt(optimized(`{"FunctionName":"echo","InvocationType":"Event"}`)),
			wantHeader: map[string]string{"X-Amz-Client-Context": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake, client := newFake(t)
			if _, err := lambdatask.New(client, nil).Invoke(context.Background(), tt.req); err != nil {
				t.Fatal(err)
			}
			got := fake.request(tt.fn)
			if got == nil {
				t.Fatal("function not called")
			}
			if tt.wantBody != "" && got.body != tt.wantBody {
				t.Errorf("body = %s, want %s", got.body, tt.wantBody)
			}
			for k, v := range tt.wantHeader {
				if got.header.Get(k) != v {
					t.Errorf("header %s = %q, want %q", k, got.header.Get(k), v)
				}
			}
			if got.query != tt.wantQuery {
				t.Errorf("query = %q, want %q", got.query, tt.wantQuery)
			}
		})
	}
}

func TestInvoker_ParameterErrors(t *testing.T) {
	tests := map[string]string{
		"NotAnObject":      `[1]`,
		"NoFunctionName":   `{"Payload":{}}`,
		"NonStringName":    `{"FunctionName":1}`,
		"UnsupportedField": `{"FunctionName":"echo","Bogus":1}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			fake, client := newFake(t)
			res, err := lambdatask.New(client, nil).Invoke(context.Background(), optimized(in))
			if err != nil {
				t.Fatal(err)
			}
			tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "States.Runtime"})
			if fake.request("echo") != nil {
				t.Error("function was called despite invalid Parameters")
			}
		})
	}
}

func TestInvoker_SdkClientException(t *testing.T) {
	client := newClient("http://127.0.0.1:1") // nothing listens on port 1
	res, err := lambdatask.New(client, nil).Invoke(context.Background(), optimized(`{"FunctionName":"echo"}`))
	if err != nil {
		t.Fatal(err)
	}
	tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "Lambda.SdkClientException"})
}

func dig(v jsonval.Value, path string) jsonval.Value {
	for _, k := range strings.Split(path, ".") {
		obj, ok := v.(*jsonval.Object)
		if !ok {
			return nil
		}
		v, _ = obj.Get(k)
	}
	return v
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

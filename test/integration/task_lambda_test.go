//go:build integration

package integration

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
	"github.com/stepwise/stepwise/shared/task/tasktest"
	"github.com/stepwise/stepwise/test/rie"
)

// TestTaskLambda runs lambdatask against real Go handlers under the
// Runtime Interface Emulator.
func TestTaskLambda(t *testing.T) {
	tasktest.Run(t, tasktest.Suite{
		New: func(t *testing.T) task.Invoker {
			c := rie.Start(t,
				rie.Function{Name: "echo", Package: "./test/functions/echo"},
				rie.Function{Name: "attempt", Package: "./test/functions/attempt"},
				rie.Function{Name: "add", Package: "./test/functions/add"},
				rie.Function{Name: "fail", Package: "./test/functions/fail"},
				rie.Function{Name: "slow", Package: "./test/functions/slow", TimeoutSeconds: 10},
				rie.Function{Name: "slow1s", Package: "./test/functions/slow", TimeoutSeconds: 1},
			)
			return lambdatask.New(c.Client(), nil)
		},
		CancelledIsError: true,
		Cases:            lambdaCases(),
	})
}

func lambdaCases() []tasktest.Case {
	in := func(s string) jsonval.Value { return jsonval.MustDecode(s) }
	legacy := func(fn string, input jsonval.Value) task.Request {
		return task.Request{State: "S", Resource: rie.ARN(fn), Input: input}
	}
	optimized := func(params string) task.Request {
		return task.Request{State: "S", Resource: lambdatask.ResourceInvoke, Input: in(params)}
	}
	return []tasktest.Case{
		{Name: "LegacyEcho", Req: legacy("echo", in(`{"a":[1,2.5,"x"],"b":{"c":null}}`)),
			Want: tasktest.Want{Output: in(`{"a":[1,2.5,"x"],"b":{"c":null}}`), CheckOutput: true}},
		{Name: "LegacyStringInput", Req: legacy("echo", "HelloWorld"),
			Want: tasktest.Want{Output: "HelloWorld", CheckOutput: true}},
		{Name: "AttemptIDReachesTheFunction", Req: task.Request{State: "S", Resource: rie.ARN("attempt"), Input: in(`{}`),
			AttemptID: "arn:aws:states:us-east-1:000000000000:execution:sm:e/r.2@3#1"},
			Want: tasktest.Want{Output: in(`{"attemptId":"arn:aws:states:us-east-1:000000000000:execution:sm:e/r.2@3#1"}`), CheckOutput: true}},
		{Name: "LegacyAdd", Req: legacy("add", in(`{"a":1,"b":2}`)),
			Want: tasktest.Want{Output: in(`{"sum":3}`), CheckOutput: true}},
		{Name: "LegacyTypedError", Req: legacy("fail", in(`{}`)),
			Want: tasktest.Want{Failed: true, Error: "CustomError",
				Cause: `{"errorMessage":"Some exception was raised.","errorType":"CustomError"}`, CheckCause: true}},
		{Name: "OptimizedRaisedErrorType", Req: optimized(`{"FunctionName":"fail","Payload":{"errorType":"CustomException","errorMessage":"bad"}}`),
			Want: tasktest.Want{Failed: true, Error: "CustomException",
				Cause: `{"errorMessage":"bad","errorType":"CustomException"}`, CheckCause: true}},
		{Name: "OptimizedShape", Req: optimized(`{"FunctionName":"echo","Payload":{"k":"v"}}`),
			Want: tasktest.Want{Check: checkInvokeShape(`{"k":"v"}`)}},
		{Name: "OptimizedStringPayloadIsRaw", Req: optimized(`{"FunctionName":"echo","Payload":"\"HelloWorld\""}`),
			Want: tasktest.Want{Check: checkInvokeShape(`"HelloWorld"`)}},
		{Name: "OptimizedByARN", Req: optimized(`{"FunctionName":"` + rie.ARN("echo") + `","Payload":[1]}`),
			Want: tasktest.Want{Check: checkInvokeShape(`[1]`)}},
		{Name: "NoSuchFunction", Req: optimized(`{"FunctionName":"nope","Payload":null}`),
			Want: tasktest.Want{Failed: true, Error: "Lambda.ResourceNotFoundException", Check: causePrefix(
				"Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ")}},
		{Name: "WaitForTaskTokenIsPending", Req: task.Request{State: "S", Resource: lambdatask.ResourceInvokeWait,
			Input: in(`{"FunctionName":"echo","Payload":{"TaskToken":"tok"}}`)},
			Want: tasktest.Want{Pending: true, Check: func(t *testing.T, res task.Result) {
				if got := field(res.Output, "StatusCode"); !jsonval.Equal(got, jsonval.NumberFromInt(202)) {
					t.Errorf("StatusCode = %v, want 202", got)
				}
			}}},
		{Name: "StateTimeout", Req: task.Request{State: "S", Resource: rie.ARN("slow"), Input: in(`{"sleepMillis":4000}`), TimeoutSeconds: 1},
			Want: tasktest.Want{Failed: true, Error: "States.Timeout", Cause: "", CheckCause: true, Within: 3 * time.Second}},
		{Name: "FunctionTimeout", Req: legacy("slow1s", in(`{"sleepMillis":3000}`)),
			Want: tasktest.Want{Failed: true, Error: "Sandbox.Timedout", Within: 5 * time.Second,
				Check: causeContains("Task timed out after 1.00 seconds")}},
	}
}

func checkInvokeShape(payload string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		for k, want := range map[string]jsonval.Value{
			"ExecutedVersion": "$LATEST",
			"Payload":         jsonval.MustDecode(payload),
			"StatusCode":      jsonval.NumberFromInt(200),
		} {
			if got := field(res.Output, k); !jsonval.Equal(got, want) {
				t.Errorf("%s = %s, want %s", k, jsonval.String(got), jsonval.String(want))
			}
		}
		if id, _ := field(field(res.Output, "SdkResponseMetadata"), "RequestId").(string); id == "" {
			t.Errorf("SdkResponseMetadata.RequestId missing in %s", jsonval.String(res.Output))
		}
		if got := field(field(res.Output, "SdkHttpMetadata"), "HttpStatusCode"); !jsonval.Equal(got, jsonval.NumberFromInt(200)) {
			t.Errorf("SdkHttpMetadata.HttpStatusCode = %v, want 200", got)
		}
	}
}

func causePrefix(p string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		if !strings.HasPrefix(res.Cause, p) || !strings.HasSuffix(res.Cause, "; Proxy: null)") {
			t.Errorf("Cause = %q, want prefix %q", res.Cause, p)
		}
	}
}

func causeContains(s string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		if !strings.Contains(res.Cause, s) {
			t.Errorf("Cause = %q, want it to contain %q", res.Cause, s)
		}
	}
}

func field(v jsonval.Value, k string) jsonval.Value {
	obj, ok := v.(*jsonval.Object)
	if !ok {
		return nil
	}
	x, _ := obj.Get(k)
	return x
}

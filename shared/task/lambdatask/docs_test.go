package lambdatask_test

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
)

// The developer guide's examples (connect-lambda) as Lambda receives them:
// a plain invoke, a callback with a Payload and a Qualifier (invoked
// asynchronously), and a function ARN as the Resource (the state's input
// is the payload).
func TestDocExamples(t *testing.T) {
	for _, tc := range []struct {
		name     string
		req      task.Request
		function string // as the fake keys its requests
		query    string
		invType  string
		body     string
		pending  bool
	}{
		{"Invoke", task.Request{Resource: lambdatask.ResourceInvoke, Input: params(`{"FunctionName":"MyFunction"}`)},
			"MyFunction", "", "", "", false},
		{"Callback", task.Request{Resource: lambdatask.ResourceInvokeWait, Input: params(`{"FunctionName":"get-model-review-decision",
			"Payload":{"model":{"id":"m-2"},"token":"tok"},"Qualifier":"prod-v1"}`)},
			"get-model-review-decision", "Qualifier=prod-v1", "Event", `{"model":{"id":"m-2"},"token":"tok"}`, true},
		{"FunctionARN", task.Request{Resource: "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction", Input: params(`{"who":"world"}`)},
			"HelloFunction", "", "RequestResponse", `{"who":"world"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, client := newFake(t)
			res, err := lambdatask.New(client, nil).Invoke(context.Background(), tc.req)
			if err != nil || res.Failed || res.Pending != tc.pending {
				t.Fatalf("%+v %v", res, err)
			}
			got := f.request(tc.function)
			if got == nil {
				t.Fatalf("%s was not invoked", tc.function)
			}
			if got.query != tc.query || got.header.Get("X-Amz-Invocation-Type") != tc.invType || got.body != tc.body {
				t.Errorf("request: query %q, invocation type %q, body %s", got.query, got.header.Get("X-Amz-Invocation-Type"), got.body)
			}
			if tc.req.Resource == lambdatask.ResourceInvoke {
				want := `{"ExecutedVersion":"$LATEST","Payload":{},"StatusCode":200}`
				out := res.Output.(*jsonval.Object)
				out.Delete("SdkHttpMetadata")
				out.Delete("SdkResponseMetadata")
				if !jsonval.Equal(out, jsonval.MustDecode(want)) {
					t.Errorf("result %s, want %s (with the SDK metadata)", jsonval.String(out), want)
				}
			}
		})
	}
}

package sfnapi_test

import (
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/sfnapi"
)

// FuzzHandle checks that no body makes any operation panic or answer
// with a 500 or a body that is not JSON.
func FuzzHandle(f *testing.F) {
	ops := sfnapi.Operations()
	sort.Strings(ops)
	seeds := []string{
		`{}`, `[]`, `null`, `{"name":"a","definition":"{}","roleArn":"` + role + `"}`,
		`{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:sm:1"}`,
		`{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:sm","input":"{"}`,
		`{"executionArn":"arn:aws:states:::execution:a:b","maxResults":-5,"nextToken":"v1.e30"}`,
		`{"definition":"{\"Type\":\"Pass\",\"Next\":\"X\"}","input":"[1]"}`,
		`{"definition":"{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}","stateName":"Z"}`,
		`{"routingConfiguration":[{"stateMachineVersionArn":"arn:aws:states:us-east-1:0:stateMachine:s:1","weight":100}],"name":"x"}`,
		`{"resourceArn":"arn:aws:states:us-east-1:0:activity:a","tags":[{"key":"","value":"v"}]}`,
	}
	for i, s := range seeds {
		f.Add(uint8(i), []byte(s))
	}
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		e := newEnv(t)
		e.mustCreate(t, "sm", "STANDARD", passDef)
		target := "AWSStepFunctions." + ops[int(op)%len(ops)]
		began := time.Now()
		status, out, code := e.api.Handle(ctx(), target, body)
		if d := time.Since(began); d > 2*time.Second {
			t.Fatalf("%s %q took %v", target, body, d)
		}
		if status != 200 && status != 400 {
			t.Fatalf("%s %q: status %d %s %s", target, body, status, code, out)
		}
		if !json.Valid(out) {
			t.Fatalf("%s: response is not JSON: %q", target, out)
		}
	})
}

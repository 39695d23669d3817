package mockconfig

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// docExample is the example from the AWS Step Functions Local documentation.
const docExample = `{
  "StateMachines": {
    "LambdaSQSIntegration": {
      "TestCases": {
        "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
        "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"},
        "HybridPath": {"LambdaState": "MockedLambdaSuccess"}
      }
    }
  },
  "MockedResponses": {
    "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}},
    "LambdaMockedResourceNotReady": {"0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}}},
    "MockedSQSSuccess": {"0": {"Return": {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}},
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
      "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
    }
  }
}`

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestResponse_DocExample(t *testing.T) {
	c := mustParse(t, docExample)
	success := `{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}`
	tests := []struct {
		testCase, state string
		n               int
		wantReturn      string // compact JSON; "" when a Throw is expected
		wantError       string
		wantErr         error
	}{
		{"HappyPath", "LambdaState", 0, success, "", nil},
		{"HappyPath", "SQSState", 0, `{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}`, "", nil},
		{"HappyPath", "LambdaState", 1, "", "", ErrNoMoreResponses},
		{"HappyPath", "LambdaState", -1, "", "", ErrNoMoreResponses},
		{"RetryPath", "LambdaState", 0, "", "Lambda.ResourceNotReadyException", nil},
		{"RetryPath", "LambdaState", 1, "", "Lambda.TimeoutException", nil},
		{"RetryPath", "LambdaState", 2, "", "Lambda.TimeoutException", nil},
		{"RetryPath", "LambdaState", 3, success, "", nil},
		{"RetryPath", "LambdaState", 4, "", "", ErrNoMoreResponses},
		{"HybridPath", "SQSState", 0, "", "", ErrNotMocked},
		{"HybridPath", "NoSuchState", 0, "", "", ErrNotMocked},
	}
	for _, tt := range tests {
		tc, err := c.TestCase("LambdaSQSIntegration", tt.testCase)
		if err != nil {
			t.Fatalf("TestCase(%q): %v", tt.testCase, err)
		}
		r, err := tc.Response(tt.state, tt.n)
		switch {
		case tt.wantErr != nil:
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s/%s #%d: err = %v, want %v", tt.testCase, tt.state, tt.n, err, tt.wantErr)
			}
		case err != nil:
			t.Errorf("%s/%s #%d: unexpected error %v", tt.testCase, tt.state, tt.n, err)
		case tt.wantError != "":
			if r.Throw == nil || r.Throw.Error != tt.wantError || !r.Throw.HasError || !r.Throw.HasCause {
				t.Errorf("%s/%s #%d: got %+v, want Throw %q", tt.testCase, tt.state, tt.n, r, tt.wantError)
			}
		default:
			if r.Throw != nil || jsonval.String(r.Return) != tt.wantReturn {
				t.Errorf("%s/%s #%d: got Return %s Throw %+v, want %s", tt.testCase, tt.state, tt.n, jsonval.String(r.Return), r.Throw, tt.wantReturn)
			}
		}
	}
}

func TestTestCase_Lookup(t *testing.T) {
	c := mustParse(t, docExample)
	tests := []struct {
		name, sm, tc string
		wantErr      error
	}{
		{"found", "LambdaSQSIntegration", "HappyPath", nil},
		{"unknown state machine", "Other", "HappyPath", ErrUnknownStateMachine},
		{"unknown test case", "LambdaSQSIntegration", "SadPath", ErrUnknownTestCase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc, err := c.TestCase(tt.sm, tt.tc)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && (tc.Name() != tt.tc || tc.StateMachine() != tt.sm) {
				t.Errorf("got %q/%q", tc.StateMachine(), tc.Name())
			}
		})
	}
}

func TestTestCase_Introspection(t *testing.T) {
	c := mustParse(t, docExample)
	if got := strings.Join(c.StateMachines(), ","); got != "LambdaSQSIntegration" {
		t.Errorf("StateMachines = %s", got)
	}
	names, err := c.TestCases("LambdaSQSIntegration")
	if err != nil || strings.Join(names, ",") != "HappyPath,RetryPath,HybridPath" {
		t.Errorf("TestCases = %v, %v", names, err)
	}
	if _, err := c.TestCases("nope"); !errors.Is(err, ErrUnknownStateMachine) {
		t.Errorf("TestCases(nope) err = %v", err)
	}
	tc, _ := c.TestCase("LambdaSQSIntegration", "RetryPath")
	tests := []struct {
		state       string
		mocked      bool
		mockName    string
		invocations int
	}{
		{"LambdaState", true, "MockedLambdaRetry", 4},
		{"SQSState", true, "MockedSQSSuccess", 1},
		{"Missing", false, "", 0},
	}
	for _, tt := range tests {
		name, ok := tc.MockName(tt.state)
		if tc.Mocked(tt.state) != tt.mocked || ok != tt.mocked || name != tt.mockName || tc.Invocations(tt.state) != tt.invocations {
			t.Errorf("%s: Mocked=%v MockName=%q,%v Invocations=%d", tt.state, tc.Mocked(tt.state), name, ok, tc.Invocations(tt.state))
		}
	}
	if got := strings.Join(tc.States(), ","); got != "LambdaState,SQSState" {
		t.Errorf("States = %s", got)
	}
}

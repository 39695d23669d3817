package sfnapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/sfnapi"
)

// TestHandle_BadInput checks AWS's answers to requests the SDK would not
// send: they must be 400s with the right code, never 500s.
func TestHandle_BadInput(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, target, body, code, msg string
	}{
		{"unknown operation", "AWSStepFunctions.Frobnicate", `{}`, "UnknownOperationException", ""},
		{"wrong prefix", "AmazonSQS.CreateStateMachine", `{}`, "UnknownOperationException", ""},
		{"no target", "", `{}`, "UnknownOperationException", ""},
		{"malformed json", "AWSStepFunctions.CreateStateMachine", `{"name":`, "SerializationException", ""},
		// The deserializer's words for a member of the wrong JSON type.
		{"number for string", "AWSStepFunctions.CreateStateMachine", `{"name":5}`, "SerializationException", "NUMBER_VALUE can not be converted to a String"},
		{"string for integer", "AWSStepFunctions.ListActivities", `{"maxResults":"1"}`, "SerializationException", "STRING_VALUE can not be converted to an Integer"},
		{"true for integer", "AWSStepFunctions.ListActivities", `{"maxResults":true}`, "SerializationException", "TRUE_VALUE can not be converted to an Integer"},
		{"false for string", "AWSStepFunctions.ListActivities", `{"nextToken":false}`, "SerializationException", "FALSE_VALUE can not be converted to a String"},
		{"list for scalar", "AWSStepFunctions.ListActivities", `{"maxResults":[1]}`, "SerializationException", "Start of list found where not expected"},
		{"object for scalar", "AWSStepFunctions.ListActivities", `{"maxResults":{"a":1}}`, "SerializationException", "Start of structure or map found where not expected."},
		{"string for list", "AWSStepFunctions.TagResource", `{"resourceArn":"a","tags":"x"}`, "SerializationException", "Expected list or null"},
		{"string for structure", "AWSStepFunctions.CreateStateMachine", `{"loggingConfiguration":"x"}`, "SerializationException", "Expected null"},
		{"type error before validation", "AWSStepFunctions.ListActivities", `{"maxResults":"1","nextToken":""}`, "SerializationException", "STRING_VALUE"},
		{"missing name", "AWSStepFunctions.CreateStateMachine", `{"definition":"{}","roleArn":"` + role + `"}`,
			"ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{"missing role", "AWSStepFunctions.CreateStateMachine", `{"name":"x","definition":"{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}"}`,
			"ValidationException", "Value null at 'roleArn'"},
		{"missing definition", "AWSStepFunctions.CreateStateMachine", `{"name":"x","roleArn":"` + role + `"}`, "ValidationException", "'definition'"},
		{"empty body", "AWSStepFunctions.DescribeStateMachine", ``, "SerializationException", ""},
		{"null body", "AWSStepFunctions.DescribeStateMachine", `null`, "SerializationException", ""},
		{"empty object describe", "AWSStepFunctions.DescribeStateMachine", `{}`, "ValidationException", "'stateMachineArn'"},
		{"describe bad arn", "AWSStepFunctions.DescribeStateMachine", `{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:activity:x"}`,
			"InvalidArn", "Resource type not valid in this context: activity"},
		{"start missing arn", "AWSStepFunctions.StartExecution", `{}`, "ValidationException", "'stateMachineArn'"},
		{"describe execution missing", "AWSStepFunctions.DescribeExecution", `{}`, "ValidationException", "'executionArn'"},
		{"task success no output", "AWSStepFunctions.SendTaskSuccess", `{"taskToken":"good"}`, "ValidationException", "'output'"},
		{"list executions neither arn", "AWSStepFunctions.ListExecutions", `{}`, "ValidationException", ""},
		{"bad status filter", "AWSStepFunctions.ListExecutions", `{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:x","statusFilter":"DONE"}`,
			"ValidationException", "enum value set"},
		{"negative max", "AWSStepFunctions.ListActivities", `{"maxResults":-1}`, "ValidationException", "greater than or equal to 0"},
		{"array body", "AWSStepFunctions.ListActivities", `[]`, "SerializationException", "Start of list found where not expected"},
		// Members every operation decodes as the model types them.
		{"includedData number", "AWSStepFunctions.DescribeStateMachine", `{"stateMachineArn":"x","includedData":1}`,
			"SerializationException", "NUMBER_VALUE can not be converted to a String"},
		{"sync includedData list", "AWSStepFunctions.StartSyncExecution", `{"stateMachineArn":"x","includedData":[]}`,
			"SerializationException", "Start of list found where not expected"},
		{"execution includedData bool", "AWSStepFunctions.DescribeStateMachineForExecution", `{"executionArn":"x","includedData":true}`,
			"SerializationException", "TRUE_VALUE can not be converted to a String"},
		{"includedData enum", "AWSStepFunctions.DescribeExecution", `{"executionArn":"x","includedData":"SOME"}`,
			"ValidationException", "Value 'SOME' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]"},
		{"map run concurrency is an Integer", "AWSStepFunctions.UpdateMapRun", `{"mapRunArn":"x","maxConcurrency":"2"}`,
			"SerializationException", "STRING_VALUE can not be converted to an Integer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body, code := e.api.Handle(ctx(), tc.target, []byte(tc.body))
			if status != 400 || code != tc.code {
				t.Fatalf("got %d %s %s, want 400 %s", status, code, body, tc.code)
			}
			var m map[string]string
			if err := json.Unmarshal(body, &m); err != nil || m["__type"] != tc.code || !strings.Contains(m["message"], tc.msg) {
				t.Fatalf("body %s: want __type %s and message containing %q", body, tc.code, tc.msg)
			}
			// Protocol errors AWS sends without a message.
			if _, has := m["message"]; tc.msg == "" && has && (tc.code == "SerializationException" || tc.code == "UnknownOperationException") {
				t.Fatalf("body %s: AWS sends no message", body)
			}
		})
	}
}

func TestHTTPHandler_Wire(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, method, path, target, body string
		status                           int
		errType                          string
	}{
		{"ok", "POST", "/", "AWSStepFunctions.ListStateMachines", `{}`, 200, ""},
		{"error", "POST", "/", "AWSStepFunctions.DescribeActivity", `{"activityArn":"arn:aws:states:us-east-1:000000000000:activity:none"}`, 400, "ActivityDoesNotExist"},
		{"get", "GET", "/", "AWSStepFunctions.ListStateMachines", ``, 400, "UnknownOperationException"},
		{"other path", "POST", "/x", "AWSStepFunctions.ListStateMachines", `{}`, 400, "UnknownOperationException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, e.url+tc.path, bytes.NewBufferString(tc.body))
			req.Header.Set("X-Amz-Target", tc.target)
			req.Header.Set("Content-Type", "application/x-amz-json-1.0")
			resp, err := http.DefaultClient.Do(req)
			mustNil(t, err, "request")
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("X-Amzn-ErrorType") != tc.errType ||
				resp.Header.Get("Content-Type") != "application/x-amz-json-1.0" {
				t.Fatalf("got %d %q %q %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), resp.Header.Get("Content-Type"), body)
			}
			if tc.status == 200 && string(body) != `{"stateMachines":[]}` {
				t.Fatalf("body %s", body)
			}
		})
	}
}

// TestHTTPHandler_RequestTooLarge: a body over MaxRequestBytes gets AWS's
// front-end answer (413, RequestEntityTooLargeException), over HTTP and
// through Handle (the API Lambda's path); one at the limit is read.
func TestHTTPHandler_RequestTooLarge(t *testing.T) {
	e := newEnv(t)
	const want = "Request must be smaller than 1048576 bytes for the StartExecution operation"
	padded := func(n int) []byte { // a JSON object of exactly n bytes
		return []byte(`{"name":"` + strings.Repeat("x", n-len(`{"name":""}`)) + `"}`)
	}
	tests := []struct {
		name    string
		body    []byte
		status  int
		errType string
	}{
		{"one byte over", padded(sfnapi.MaxRequestBytes + 1), 413, "RequestEntityTooLargeException"},
		{"far over", padded(8 * sfnapi.MaxRequestBytes), 413, "RequestEntityTooLargeException"},
		{"at the limit", padded(sfnapi.MaxRequestBytes), 400, "ValidationException"}, // read, then validated
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", e.url+"/", bytes.NewReader(tc.body))
			req.Header.Set("X-Amz-Target", "AWSStepFunctions.StartExecution")
			req.Header.Set("Content-Type", sfnapi.ContentType)
			resp, err := http.DefaultClient.Do(req)
			mustNil(t, err, "request")
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("X-Amzn-ErrorType") != tc.errType {
				t.Fatalf("got %d %q %s, want %d %s", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), body, tc.status, tc.errType)
			}
			if tc.status == 413 && string(body) != `{"__type":"RequestEntityTooLargeException","message":"`+want+`"}` {
				t.Fatalf("body %s", body)
			}
			status, out, code := e.api.Handle(ctx(), "AWSStepFunctions.StartExecution", tc.body)
			if status != tc.status || code != tc.errType {
				t.Fatalf("Handle: %d %s %s", status, code, out)
			}
		})
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func sample(name, file string) string { return filepath.Join("..", "..", "events", name, file) }

func runCLI(t *testing.T, args ...string) (int, *jsonval.Object, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	if out.Len() == 0 {
		return code, nil, errOut.String()
	}
	v, err := jsonval.Decode(out.Bytes())
	if err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, out.String())
	}
	obj, ok := v.(*jsonval.Object)
	if !ok {
		t.Fatalf("stdout is not an object: %s", out.String())
	}
	return code, obj, errOut.String()
}

func field(o *jsonval.Object, k string) string {
	v, _ := o.Get(k)
	if s, ok := v.(string); ok {
		return s
	}
	return jsonval.String(v)
}

func TestRun_Samples(t *testing.T) {
	tests := []struct {
		sample, testCase, status, errName, output string
	}{
		{"order-processing", "HappyPath", "SUCCEEDED", "", `{"orderId":"ord-1001","status":"CONFIRMED","summary":"Order ord-1001 for Ada Lovelace","totalCents":3096,"reservationId":"res-5521","chargeId":"ch-90210"}`},
		{"order-processing", "RetryPath", "SUCCEEDED", "", `{"orderId":"ord-1001","status":"CONFIRMED","summary":"Order ord-1001 for Ada Lovelace","totalCents":3096,"reservationId":"res-5521","chargeId":"ch-90210"}`},
		{"order-processing", "InvalidOrder", "FAILED", "OrderRejected", ""},
		{"order-processing", "PaymentDeclined", "FAILED", "PaymentDeclined", ""},
		{"order-processing", "ValidationServiceDown", "FAILED", "Lambda.ServiceException", ""},
		{"loan-approval", "Rejected", "FAILED", "LoanRejected", ""},
		{"loan-approval", "DecisionTimeout", "FAILED", "DecisionTimedOut", ""},
		{"loan-approval", "HeartbeatTimeout", "FAILED", "DecisionTimedOut", ""},
		{"etl", "HappyPath", "SUCCEEDED", "", `{"batchId":"batch-0601","extracted":3,"loaded":3,"rejected":0}`},
		{"etl", "RecordsRejected", "SUCCEEDED", "", `{"batchId":"batch-0601","extracted":3,"loaded":0,"rejected":3}`},
		{"etl", "ExtractFails", "FAILED", "Lambda.ServiceException", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sample+"/"+tt.testCase, func(t *testing.T) {
			code, res, stderr := runCLI(t, "run", "--definition", sample(tt.sample, "definition.asl.json"),
				"--input", sample(tt.sample, "input.json"), "--mock-config", sample(tt.sample, "mock-config.json"),
				"--test-case", tt.testCase, "--wait-scale", "0")
			if code != exitOK || res == nil {
				t.Fatalf("exit %d, stderr %s", code, stderr)
			}
			if got := field(res, "status"); got != tt.status {
				t.Fatalf("status %s, want %s: %s", got, tt.status, jsonval.String(res))
			}
			if tt.errName != "" && field(res, "error") != tt.errName {
				t.Errorf("error %q, want %q", field(res, "error"), tt.errName)
			}
			if tt.output != "" {
				got, _ := res.Get("output")
				if !jsonval.Equal(got, jsonval.MustDecode(tt.output)) {
					t.Errorf("output %s, want %s", jsonval.String(got), tt.output)
				}
			}
		})
	}
}

func TestRun_LoanApprovalHappyPathHistory(t *testing.T) {
	code, res, stderr := runCLI(t, "run", "--definition", sample("loan-approval", "definition.asl.json"),
		"--input", sample("loan-approval", "input.json"), "--mock-config", sample("loan-approval", "mock-config.json"),
		"--test-case", "HappyPath", "--history", "--wait-scale", "0")
	if code != exitOK || field(res, "status") != "SUCCEEDED" {
		t.Fatalf("exit %d %v %s", code, res, stderr)
	}
	out, _ := res.Get("output")
	if d, _ := out.(*jsonval.Object).Get("disbursement"); jsonval.String(d) != `{"transferId":"tr-8812"}` {
		t.Errorf("disbursement = %s", jsonval.String(d))
	}
	hist, _ := res.Get("history")
	events := hist.([]any)
	var types []string
	for i, e := range events {
		o := e.(*jsonval.Object)
		if id, _ := o.Get("id"); jsonval.String(id) != jsonval.String(jsonval.NumberFromInt(int64(i+1))) {
			t.Errorf("event %d has id %s", i, jsonval.String(id))
		}
		types = append(types, field(o, "type"))
	}
	joined := strings.Join(types, " ")
	for _, want := range []string{"ExecutionStarted", "TaskSubmitted", "WaitStateEntered", "ExecutionSucceeded"} {
		if !strings.Contains(joined, want) {
			t.Errorf("history lacks %s: %s", want, joined)
		}
	}
}

func TestRun_InlineInputAndNoMocks(t *testing.T) {
	def := writeTemp(t, `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, 2)"},"End":true}}}`)
	code, res, _ := runCLI(t, "run", "--definition", def, "--input", `{"a":40}`)
	if code != exitOK || jsonval.String(res) != `{"status":"SUCCEEDED","output":{"sum":42}}` {
		t.Fatalf("exit %d: %s", code, jsonval.String(res))
	}
	task := writeTemp(t, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}`)
	code, res, _ = runCLI(t, "run", "--definition", task)
	if code != exitOK || field(res, "status") != "FAILED" || field(res, "error") != "States.TaskFailed" {
		t.Fatalf("exit %d: %s", code, jsonval.String(res))
	}
}

func TestRun_Express(t *testing.T) {
	def := writeTemp(t, `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","exec.$":"$$.Execution"},"End":true}}}`)
	code, res, _ := runCLI(t, "run", "--definition", def, "--type", "EXPRESS", "--name", "e1")
	out, _ := res.Get("output")
	id, _ := out.(*jsonval.Object).Get("id")
	exec, _ := out.(*jsonval.Object).Get("exec")
	if code != exitOK || !strings.Contains(id.(string), ":express:StateMachine:e1:") || exec.(*jsonval.Object).Has("RedriveCount") {
		t.Fatalf("exit %d: %s", code, jsonval.String(res))
	}
	sync := writeTemp(t, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","End":true}}}`)
	if code, _, _ := runCLI(t, "run", "--definition", sync, "--type", "EXPRESS"); code != exitUsage {
		t.Fatalf(".sync in an Express definition: exit %d", code)
	}
}

func TestRun_UsageErrors(t *testing.T) {
	valid := writeTemp(t, `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	invalid := writeTemp(t, `{"StartAt":"Missing","States":{"P":{"Type":"Pass","End":true}}}`)
	notJSON := writeTemp(t, `{nope`)
	tests := []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"frobnicate"}},
		{"no definition", []string{"run"}},
		{"missing definition file", []string{"run", "--definition", "/nonexistent.json"}},
		{"definition not JSON", []string{"run", "--definition", notJSON}},
		{"invalid definition", []string{"run", "--definition", invalid}},
		{"bad input", []string{"run", "--definition", valid, "--input", "{not json"}},
		{"unknown flag", []string{"run", "--definition", valid, "--bogus"}},
		{"negative wait scale", []string{"run", "--definition", valid, "--wait-scale", "-1"}},
		{"bad type", []string{"run", "--definition", valid, "--type", "FAST"}},
		{"test case without mocks", []string{"run", "--definition", valid, "--test-case", "X"}},
		{"unknown limit", []string{"run", "--definition", valid, "--limits", "events=5"}},
		{"input nested beyond the quota", []string{"run", "--definition", valid, "--input", "[[[[]]]]", "--limits", "json-depth=3"}},
		{"input over the payload quota", []string{"run", "--definition", valid, "--input", `"xxxxxxxxxx"`, "--limits", "payload-bytes=5"}},
		{"validate without file", []string{"validate"}},
		{"validate bad type", []string{"validate", valid, "--type", "FAST"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(tt.args, &out, &errOut); code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if out.Len() != 0 {
				t.Errorf("stdout must be empty, got %s", out.String())
			}
			if errOut.Len() == 0 {
				t.Error("stderr must explain the error")
			}
		})
	}
}

func TestValidate(t *testing.T) {
	valid := writeTemp(t, `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	code, res, _ := runCLI(t, "validate", valid)
	if code != exitOK || field(res, "result") != "OK" {
		t.Fatalf("exit %d: %s", code, jsonval.String(res))
	}
	invalid := writeTemp(t, `{"StartAt":"P"}`)
	code, res, _ = runCLI(t, "validate", invalid, "--type", "EXPRESS")
	if code != exitInvalid || field(res, "result") != "FAIL" {
		t.Fatalf("exit %d: %s", code, jsonval.String(res))
	}
	diags, _ := res.Get("diagnostics")
	first := diags.([]any)[0].(*jsonval.Object)
	if field(first, "code") != "SCHEMA_VALIDATION_FAILED" || !strings.Contains(field(first, "message"), "These fields are required: [States]") {
		t.Errorf("first diagnostic %s", jsonval.String(first))
	}
}

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDemo runs `stepwise demo`: the embedded endpoint, driven over HTTP by
// the AWS SDK, runs a sample with mocked tasks.
func TestDemo(t *testing.T) {
	events := filepath.Join("..", "..", "events")
	for _, tc := range []struct{ sample, testCase, status string }{
		{"order-processing", "HappyPath", "SUCCEEDED"},
		{"order-processing", "InvalidOrder", "FAILED"},
		{"etl", "HappyPath", "SUCCEEDED"},
	} {
		code, res, stderr := runCLI(t, "demo", "--sample", tc.sample, "--test-case", tc.testCase, "--events", events)
		if code != exitOK || res == nil {
			t.Fatalf("%s/%s: exit %d: %s", tc.sample, tc.testCase, code, stderr)
		}
		if got := field(res, "status"); got != tc.status {
			t.Errorf("%s/%s: status %s: %s", tc.sample, tc.testCase, got, jsonval.String(res))
		}
		if n, _ := res.Get("historyEvents"); jsonval.String(n) == "0" {
			t.Errorf("%s/%s: empty history", tc.sample, tc.testCase)
		}
	}
}

package local_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
	"github.com/stepwise/stepwise/shared/sfnapi"
)

// TestServer_DescribeStateMachineForMapRunChild: a Distributed Map's child
// execution is described with its map run's machine, as AWS does: the
// item processor as a state machine named <machine>/<label>, with the
// run's ARN and label, the parent's role and logging configuration.
func TestServer_DescribeStateMachineForMapRunChild(t *testing.T) {
	srv := startLocal(t, local.ServerOptions{})
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Label":"items",
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P",
	    "States":{"P":{"Type":"Pass","Assign":{"seen.$":"$"},"Next":"Q"},
	      "Q":{"Type":"Pass","Parameters":{"v.$":"$seen"},"End":true}}}}}}`
	var created struct{ StateMachineArn string }
	call(t, srv, "CreateStateMachine", map[string]any{"name": "parent", "definition": def, "roleArn": "arn:aws:iam::000000000000:role/R",
		"loggingConfiguration": map[string]any{"level": "ERROR", "includeExecutionData": true, "destinations": []any{
			map[string]any{"cloudWatchLogsLogGroup": map[string]string{"logGroupArn": "arn:aws:logs:us-east-1:000000000000:log-group:g:*"}}}}}, &created)
	var started struct{ ExecutionArn string }
	call(t, srv, "StartExecution", map[string]string{"stateMachineArn": created.StateMachineArn, "input": `[1,2]`}, &started)
	waitEnded(t, srv, started.ExecutionArn)
	var runs struct{ MapRuns []struct{ MapRunArn string } }
	call(t, srv, "ListMapRuns", map[string]string{"executionArn": started.ExecutionArn}, &runs)
	if len(runs.MapRuns) != 1 {
		t.Fatalf("map runs %+v", runs)
	}
	run := runs.MapRuns[0].MapRunArn
	var children struct {
		Executions []struct {
			ExecutionArn, MapRunArn string
			ItemCount               *int
		}
	}
	call(t, srv, "ListExecutions", map[string]string{"mapRunArn": run}, &children)
	if len(children.Executions) != 2 {
		t.Fatalf("children %+v", children)
	}
	for _, c := range children.Executions {
		if c.MapRunArn != run || c.ItemCount == nil || *c.ItemCount != 1 {
			t.Errorf("child listed as %+v, want mapRunArn %s and itemCount 1", c, run)
		}
	}
	var parents map[string][]map[string]any
	call(t, srv, "ListExecutions", map[string]string{"stateMachineArn": created.StateMachineArn}, &parents)
	for _, p := range parents["executions"] {
		if _, ok := p["mapRunArn"]; ok || p["itemCount"] != nil {
			t.Errorf("an execution listed by its state machine has map run members: %v", p)
		}
	}
	var got map[string]any
	call(t, srv, "DescribeStateMachineForExecution", map[string]string{"executionArn": children.Executions[0].ExecutionArn}, &got)
	smArn := strings.Replace(created.StateMachineArn, ":stateMachine:parent", ":stateMachine:parent/items", 1)
	want := map[string]any{
		"stateMachineArn": smArn, "name": "parent/items", "roleArn": "arn:aws:iam::000000000000:role/R",
		"mapRunArn": run, "label": "items",
		"definition":              `{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"seen.$":"$"},"Next":"Q"},"Q":{"Type":"Pass","Parameters":{"v.$":"$seen"},"End":true}}}`,
		"tracingConfiguration":    map[string]any{"enabled": false},
		"encryptionConfiguration": map[string]any{"type": "AWS_OWNED_KEY"},
		"variableReferences":      map[string]any{"Q": []string{"seen"}},
	}
	for k, v := range want {
		if g, _ := json.Marshal(got[k]); string(g) != mustMarshal(t, v) {
			t.Errorf("%s = %s, want %s", k, g, mustMarshal(t, v))
		}
	}
	if l, _ := got["loggingConfiguration"].(map[string]any); l["level"] != "ERROR" {
		t.Errorf("loggingConfiguration %v, want the parent's", got["loggingConfiguration"])
	}
	if _, ok := got["updateDate"]; !ok {
		t.Errorf("no updateDate in %v", got)
	}
	if _, ok := got["revisionId"]; ok {
		t.Errorf("a map run's machine has no revisionId: %v", got)
	}

	// The run's machine, by the ARN ListMapRuns gives, is described too.
	var sm map[string]any
	call(t, srv, "DescribeStateMachine", map[string]string{"stateMachineArn": smArn}, &sm)
	for k, v := range map[string]any{"stateMachineArn": smArn, "name": "parent/items", "label": "items", "type": "STANDARD",
		"status": "ACTIVE", "definition": want["definition"], "roleArn": want["roleArn"]} {
		if sm[k] != v {
			t.Errorf("DescribeStateMachine %s = %v, want %v", k, sm[k], v)
		}
	}
	if code := callError(t, srv, "DescribeStateMachine", map[string]string{"stateMachineArn": created.StateMachineArn + "/other"}); code != "StateMachineDoesNotExist" {
		t.Errorf("DescribeStateMachine of a label no run has: %s", code)
	}
}

// callError calls an operation that must fail and returns its error code.
func callError(t *testing.T, srv *local.Server, op string, in any) string {
	t.Helper()
	body, _ := json.Marshal(in)
	req, _ := http.NewRequest("POST", srv.URL()+"/", strings.NewReader(string(body)))
	req.Header.Set("X-Amz-Target", sfnapi.TargetPrefix+op)
	req.Header.Set("Content-Type", sfnapi.ContentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	defer resp.Body.Close()
	var e struct {
		Type string `json:"__type"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("%s: status %d, %v", op, resp.StatusCode, err)
	}
	return e.Type
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitEnded polls DescribeExecution until the execution is no longer running.
func waitEnded(t *testing.T, srv *local.Server, arn string) {
	t.Helper()
	var ex struct{ Status string }
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		call(t, srv, "DescribeExecution", map[string]string{"executionArn": arn}, &ex)
		if ex.Status != "RUNNING" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still running", arn)
		}
	}
}

// TestServer_DescribeExpressMapRunChild: an Express child of a map run
// (an express: ARN) can be described, as AWS allows for executions a map
// run dispatched; its history stays out of reach, as for any Express
// execution.
func TestServer_DescribeExpressMapRunChild(t *testing.T) {
	srv := startLocal(t, local.ServerOptions{})
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P",
	    "States":{"P":{"Type":"Pass","End":true}}}}}}`
	var created struct{ StateMachineArn string }
	call(t, srv, "CreateStateMachine", map[string]any{"name": "parent", "definition": def, "roleArn": "arn:aws:iam::000000000000:role/R"}, &created)
	var started struct{ ExecutionArn string }
	call(t, srv, "StartExecution", map[string]string{"stateMachineArn": created.StateMachineArn, "input": `[7]`}, &started)
	waitEnded(t, srv, started.ExecutionArn)
	var runs struct{ MapRuns []struct{ MapRunArn string } }
	call(t, srv, "ListMapRuns", map[string]string{"executionArn": started.ExecutionArn}, &runs)
	var children struct {
		Executions []struct{ ExecutionArn string }
	}
	call(t, srv, "ListExecutions", map[string]string{"mapRunArn": runs.MapRuns[0].MapRunArn}, &children)
	if len(children.Executions) != 1 || !strings.Contains(children.Executions[0].ExecutionArn, ":express:parent/") {
		t.Fatalf("children %+v", children)
	}
	child := children.Executions[0].ExecutionArn
	var d struct{ ExecutionArn, Status, Output, MapRunArn string }
	call(t, srv, "DescribeExecution", map[string]string{"executionArn": child}, &d)
	if d.ExecutionArn != child || d.Status != "SUCCEEDED" || d.Output != "7" || d.MapRunArn != runs.MapRuns[0].MapRunArn {
		t.Fatalf("DescribeExecution %+v", d)
	}
	var f struct{ Definition, MapRunArn string }
	call(t, srv, "DescribeStateMachineForExecution", map[string]string{"executionArn": child}, &f)
	if f.MapRunArn != d.MapRunArn || !strings.Contains(f.Definition, `"StartAt":"P"`) {
		t.Fatalf("DescribeStateMachineForExecution %+v", f)
	}
	if code := callError(t, srv, "GetExecutionHistory", map[string]string{"executionArn": child}); code != "InvalidArn" {
		t.Fatalf("GetExecutionHistory of an Express child: %s, want InvalidArn", code)
	}
}

package local_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
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

package local_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
)

// TestServer_MapRunResultWriter: a distributed Map reading a CSV in
// batches writes its children's results through its ResultWriter (to the
// --s3-dir folder) and outputs {MapRunArn, ResultWriterDetails}; failures
// under the tolerated threshold go to the FAILED file.
func TestServer_MapRunResultWriter(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "bkt", "in", "rows.csv"), "n\n1\n2\n3\n4\n5\n")
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, recv, err := local.Build(ctx, local.Options{Getenv: func(string) string { return "" }, Log: log, S3Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := local.NewServer(svc, recv, local.ServerOptions{Addr: "127.0.0.1:0", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	defer func() { cancel(); <-done }()

	// The batch starting at item "3" fails: one of three batches, tolerated.
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Label":"rows","ToleratedFailureCount":1,
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"bkt","Key":"in/rows.csv"}},
	  "ItemBatcher":{"MaxItemsPerBatch":2},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"bkt","Prefix.$":"$.prefix"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
	    "C":{"Type":"Choice","Choices":[{"Variable":"$.Items[0].n","StringEquals":"3","Next":"F"}],"Default":"P"},
	    "F":{"Type":"Fail","Error":"Three","Cause":"has 3"},
	    "P":{"Type":"Pass","Parameters":{"count.$":"States.ArrayLength($.Items)"},"End":true}}}}}}`
	var created struct{ StateMachineArn string }
	call(t, srv, "CreateStateMachine", map[string]string{"name": "rw", "definition": def, "roleArn": "arn:aws:iam::000000000000:role/R"}, &created)
	var started struct{ ExecutionArn string }
	call(t, srv, "StartExecution", map[string]string{"stateMachineArn": created.StateMachineArn, "input": `{"prefix":"out"}`}, &started)
	var ex struct{ Status, Output, Error, Cause string }
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		call(t, srv, "DescribeExecution", map[string]string{"executionArn": started.ExecutionArn}, &ex)
		if ex.Status != "RUNNING" || time.Now().After(deadline) {
			break
		}
	}
	var out struct {
		MapRunArn           string
		ResultWriterDetails struct{ Bucket, Key string }
	}
	if ex.Status != "SUCCEEDED" || json.Unmarshal([]byte(ex.Output), &out) != nil {
		t.Fatalf("execution %+v", ex)
	}
	id := out.MapRunArn[strings.LastIndexByte(out.MapRunArn, ':')+1:]
	if !strings.Contains(out.MapRunArn, ":mapRun:rw/rows:") || out.ResultWriterDetails.Bucket != "bkt" || out.ResultWriterDetails.Key != "out/"+id+"/manifest.json" {
		t.Fatalf("output %s", ex.Output)
	}
	manifest := mustRead(t, filepath.Join(dir, "bkt", "out", id, "manifest.json"))
	if !strings.Contains(manifest, `"MapRunArn":"`+out.MapRunArn+`"`) || !strings.Contains(manifest, `"Key":"out/`+id+`/SUCCEEDED_0.json"`) ||
		!strings.Contains(manifest, `"Key":"out/`+id+`/FAILED_0.json"`) {
		t.Fatalf("manifest %s", manifest)
	}
	var succeeded, failed []struct{ Input, Output, Status, Error, Cause, ExecutionArn string }
	mustJSON(t, mustRead(t, filepath.Join(dir, "bkt", "out", id, "SUCCEEDED_0.json")), &succeeded)
	mustJSON(t, mustRead(t, filepath.Join(dir, "bkt", "out", id, "FAILED_0.json")), &failed)
	if len(succeeded) != 2 || succeeded[0].Input != `{"Items":[{"n":"1"},{"n":"2"}]}` || succeeded[0].Output != `{"count":2}` ||
		succeeded[1].Output != `{"count":1}` || !strings.Contains(succeeded[0].ExecutionArn, ":execution:rw/rows:") {
		t.Fatalf("SUCCEEDED %+v", succeeded)
	}
	if len(failed) != 1 || failed[0].Status != "FAILED" || failed[0].Error != "Three" || failed[0].Cause != "has 3" {
		t.Fatalf("FAILED %+v", failed)
	}
	// Listed as the run's children, each counts the items of its batch.
	var children struct{ Executions []struct{ ItemCount int } }
	call(t, srv, "ListExecutions", map[string]string{"mapRunArn": out.MapRunArn}, &children)
	counts := map[int]int{}
	for _, c := range children.Executions {
		counts[c.ItemCount]++
	}
	if len(children.Executions) != 3 || counts[2] != 2 || counts[1] != 1 {
		t.Fatalf("children's itemCount %+v", children)
	}
	var described struct{ ItemCounts, ExecutionCounts map[string]int }
	call(t, srv, "DescribeMapRun", map[string]string{"mapRunArn": out.MapRunArn}, &described)
	if described.ExecutionCounts["resultsWritten"] != 3 || described.ExecutionCounts["failed"] != 1 || described.ExecutionCounts["succeeded"] != 2 ||
		described.ItemCounts["total"] != 5 || described.ItemCounts["failed"] != 2 || described.ItemCounts["succeeded"] != 3 || described.ItemCounts["resultsWritten"] != 5 {
		t.Fatalf("DescribeMapRun %+v", described)
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustJSON(t *testing.T, text string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(text), v); err != nil {
		t.Fatalf("%v: %s", err, text)
	}
}

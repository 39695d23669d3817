package local_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwise/stepwise/shared/local"
)

// TestServer_S3Dir: with S3Dir a Map's ItemReader reads the local folder
// standing in for S3, through the API as through `stepwise run`.
func TestServer_S3Dir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "bkt", "in"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bkt", "in", "rows.csv"), []byte("a|b\n1|2\n3|4\n5|6\n"), 0o644); err != nil {
		t.Fatal(err)
	}
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

	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVDelimiter":"PIPE","MaxItems":2},
	    "Parameters":{"Bucket":"bkt","Key":"in/rows.csv"}},
	  "ItemBatcher":{"MaxInputBytesPerBatch":1000,"BatchInput":{"k.$":"$.k"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`
	var created struct{ StateMachineArn string }
	call(t, srv, "CreateStateMachine", map[string]string{"name": "reader", "type": "EXPRESS", "definition": def,
		"roleArn": "arn:aws:iam::000000000000:role/R"}, &created)
	var out struct{ Status, Output, Error, Cause string }
	call(t, srv, "StartSyncExecution", map[string]string{"stateMachineArn": created.StateMachineArn, "input": `{"k":"v"}`}, &out)
	want := `[{"BatchInput":{"k":"v"},"Items":[{"a":"1","b":"2"},{"a":"3","b":"4"}]}]`
	if out.Status != "SUCCEEDED" || out.Output != want {
		t.Fatalf("StartSyncExecution: %+v, want output %s", out, want)
	}
}

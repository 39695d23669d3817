package local_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
	"github.com/stepwise/stepwise/shared/sfnapi"
)

// startLocal runs an in-memory server on a free loopback port with opts
// and stops it when the test ends.
func startLocal(t *testing.T, opts local.ServerOptions) *local.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, recv, err := local.Build(ctx, local.Options{Getenv: func(string) string { return "" }, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	opts.Addr, opts.Log = "127.0.0.1:0", log
	srv, err := local.NewServer(svc, recv, opts)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return srv
}

// TestServer_LongOperationOutlivesReadTimeout: the read timeout bounds
// reading the request, not the operation: a StartSyncExecution that waits
// longer than it still answers.
func TestServer_LongOperationOutlivesReadTimeout(t *testing.T) {
	srv := startLocal(t, local.ServerOptions{ReadTimeout: 100 * time.Millisecond, WriteTimeout: 100 * time.Millisecond})
	def := `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","Result":"done","End":true}}}`
	var created struct{ StateMachineArn string }
	call(t, srv, "CreateStateMachine", map[string]string{"name": "long", "type": "EXPRESS", "definition": def,
		"roleArn": "arn:aws:iam::000000000000:role/R"}, &created)
	var out struct{ Status, Output string }
	call(t, srv, "StartSyncExecution", map[string]string{"stateMachineArn": created.StateMachineArn}, &out)
	if out.Status != "SUCCEEDED" || out.Output != `"done"` {
		t.Fatalf("StartSyncExecution: %+v", out)
	}
}

// TestServer_ShutdownStopsAccepting: once Serve's context ends, Serve
// returns and the port no longer accepts connections.
func TestServer_ShutdownStopsAccepting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	svc, recv, err := local.Build(ctx, local.Options{Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := local.NewServer(svc, recv, local.ServerOptions{Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	var list struct{ Activities []any }
	call(t, srv, "ListActivities", map[string]string{}, &list)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if c, err := net.Dial("tcp", srv.Addr().String()); err == nil {
		c.Close()
		t.Fatal("still accepting connections after shutdown")
	}
}

func call(t testing.TB, srv *local.Server, op string, in, out any) {
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
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("%s: %d %s", op, resp.StatusCode, b)
	}
	if err := json.NewDecoder(bufio.NewReader(resp.Body)).Decode(out); err != nil {
		t.Fatalf("%s: %v", op, err)
	}
}

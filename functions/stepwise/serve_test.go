package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
)

func TestServe_UsageErrors(t *testing.T) {
	for _, args := range [][]string{{"serve", "--port", "70000"}, {"serve", "extra"}, {"serve", "--bogus"}, {"serve", "--shutdown-timeout", "0s"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

// TestServe_DefaultsToLoopback: without --host, serve listens on
// 127.0.0.1 only, and --port 0 yields the real port.
func TestServe_DefaultsToLoopback(t *testing.T) {
	o, err := parseServeFlags([]string{"--port", "0", "--mock-config", sample("etl", "mock-config.json")})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := startServer(ctx, o, func(string) string { return "" }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	addr := srv.Addr()
	if !addr.IP.Equal(net.IPv4(127, 0, 0, 1)) || addr.Port == 0 {
		t.Fatalf("listening on %s, want 127.0.0.1 and a real port", addr)
	}
	if srv.URL() != "http://"+addr.String() {
		t.Errorf("URL %s, listener %s", srv.URL(), addr)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

func TestServe_Announce(t *testing.T) {
	tests := []struct {
		addr    *net.TCPAddr
		durable bool
		warn    bool
		line    string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8083}, false, false, "listening on http://127.0.0.1:8083 [in-memory]"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 41000}, true, false, "listening on http://[::1]:41000 [DynamoDB + SQS]"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8083}, false, true, "listening on http://0.0.0.0:8083 [in-memory]"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 8083}, false, true, "listening on http://[::]:8083 [in-memory]"},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 9000}, false, true, "listening on http://192.168.1.5:9000 [in-memory]"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		announce(&out, tt.addr, tt.durable)
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if last := lines[len(lines)-1]; last != "Stepwise (AWS Step Functions API) "+tt.line {
			t.Errorf("%s: last line %q", tt.addr, last)
		}
		if console := "Web console: http://" + tt.addr.String() + "/console/\n"; !strings.Contains(out.String(), console) {
			t.Errorf("%s: no %q in\n%s", tt.addr, console, out.String())
		}
		warned := strings.Contains(out.String(), "WARNING") && strings.Contains(out.String(), "not a loopback address") &&
			strings.Contains(out.String(), "this process's AWS credentials")
		if warned != tt.warn {
			t.Errorf("%s: warned %v, want %v:\n%s", tt.addr, warned, tt.warn, out.String())
		}
	}
}

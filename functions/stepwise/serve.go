package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/stepwise/stepwise/shared/console"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/local"
)

// serveOptions are the flags of `stepwise serve`.
type serveOptions struct {
	port, workers   int
	host            string
	mockConfig      string
	s3Dir           string
	connections     string
	table, queue    string
	createResources bool
	waitScale       float64
	shutdownTimeout time.Duration
	limits          limits.Limits
}

func parseServeFlags(args []string) (serveOptions, error) {
	var o serveOptions
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.IntVar(&o.port, "port", local.DefaultPort, "port to listen on (0: any free port)")
	fs.StringVar(&o.host, "host", local.DefaultHost, "address to listen on (0.0.0.0 or :: for every interface)")
	fs.IntVar(&o.workers, "workers", 8, "concurrent steppers")
	fs.StringVar(&o.mockConfig, "mock-config", "", "Step Functions Local mock configuration (default $SFN_MOCK_CONFIG)")
	fs.StringVar(&o.s3Dir, "s3-dir", "", "folder standing in for S3 for Map item readers and result writers: s3://bucket/key is DIR/bucket/key")
	fs.StringVar(&o.connections, "connections", "", "EventBridge connections of HTTP Tasks: JSON keyed by connection ARN (default: read from EventBridge)")
	fs.StringVar(&o.table, "table", "stepwise", "DynamoDB table when AWS endpoints are configured")
	fs.StringVar(&o.queue, "queue", "stepwise-steps", "SQS queue name when AWS endpoints are configured")
	fs.BoolVar(&o.createResources, "create-resources", false, "create the table and queues when absent")
	fs.Float64Var(&o.waitScale, "wait-scale", 0, "multiply waits by this factor (default $WAIT_TIME_SCALE or 1)")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", local.DefaultShutdownTimeout, "on SIGTERM/SIGINT, how long requests and steps in flight get to finish")
	limitsFlag(fs, &o.limits)
	pos, err := parseFlags(fs, args)
	if err == nil {
		err = envLimitsError()
	}
	switch {
	case err != nil:
	case len(pos) > 0:
		err = usagef("unexpected argument %q", pos[0])
	case o.port < 0 || o.port > 65535:
		err = usagef("--port must be between 0 and 65535")
	case o.shutdownTimeout <= 0:
		err = usagef("--shutdown-timeout must be positive")
	}
	return o, err
}

// serveCommand runs the embedded Step Functions endpoint until SIGTERM or
// SIGINT, then shuts down gracefully and exits 0. A second signal kills
// the process at once.
func serveCommand(args []string, stderr io.Writer) int {
	o, err := parseServeFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n%s", err, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }() // restore the default action for a second signal
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := startServer(ctx, o, os.Getenv, log)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n", err)
		return exitUsage
	}
	announce(stderr, srv.Addr(), local.Durable(os.Getenv))
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n", err)
		return 1
	}
	return exitOK
}

// announce prints the address serve really listens on, after a warning
// when that is reachable from other machines.
func announce(stderr io.Writer, addr *net.TCPAddr, durable bool) {
	url := "http://" + addr.String()
	if !addr.IP.IsLoopback() {
		fmt.Fprint(stderr, "stepwise serve: WARNING: "+url+" is not a loopback address. The endpoint has no\n"+
			"  authentication: anyone who can reach it can create and run state machines, and their\n"+
			"  Task states call AWS (Lambda, SQS, SNS, DynamoDB) with this process's AWS credentials,\n"+
			"  except the states a mock configuration answers. Keep the default --host 127.0.0.1\n"+
			"  unless you mean this.\n")
	}
	mode := "in-memory"
	if durable {
		mode = "DynamoDB + SQS"
	}
	fmt.Fprintf(stderr, "Web console: %s/console/\n", url)
	fmt.Fprintf(stderr, "Stepwise (AWS Step Functions API) listening on %s [%s]\n", url, mode)
}

func startServer(ctx context.Context, o serveOptions, getenv func(string) string, log *slog.Logger) (*local.Server, error) {
	svc, recv, err := local.Build(ctx, local.Options{
		Getenv: getenv, MockConfigFile: o.mockConfig, Table: o.table, Queue: o.queue,
		CreateResources: o.createResources, WaitScale: o.waitScale, Log: log, Limits: o.limits, S3Dir: o.s3Dir,
		ConnectionsFile: o.connections,
	})
	if err != nil {
		return nil, err
	}
	return local.NewServer(svc, recv, local.ServerOptions{
		Addr: net.JoinHostPort(strings.Trim(o.host, "[]"), strconv.Itoa(o.port)), Workers: o.workers,
		ShutdownTimeout: o.shutdownTimeout, Log: log, Wrap: console.Mount,
	})
}

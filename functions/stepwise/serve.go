package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/stepwise/stepwise/shared/local"
)

// serveOptions are the flags of `stepwise serve`.
type serveOptions struct {
	port, workers   int
	host            string
	mockConfig      string
	table, queue    string
	createResources bool
	waitScale       float64
}

func parseServeFlags(args []string) (serveOptions, error) {
	var o serveOptions
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.IntVar(&o.port, "port", local.DefaultPort, "port to listen on")
	fs.StringVar(&o.host, "host", "", "address to listen on (default all interfaces)")
	fs.IntVar(&o.workers, "workers", 8, "concurrent steppers")
	fs.StringVar(&o.mockConfig, "mock-config", "", "Step Functions Local mock configuration (default $SFN_MOCK_CONFIG)")
	fs.StringVar(&o.table, "table", "stepwise", "DynamoDB table when AWS endpoints are configured")
	fs.StringVar(&o.queue, "queue", "stepwise-steps", "SQS queue name when AWS endpoints are configured")
	fs.BoolVar(&o.createResources, "create-resources", false, "create the table and queues when absent")
	fs.Float64Var(&o.waitScale, "wait-scale", 0, "multiply waits by this factor (default $WAIT_TIME_SCALE or 1)")
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("unexpected argument %q", pos[0])
	}
	if err == nil && (o.port < 0 || o.port > 65535) {
		err = usagef("--port must be between 0 and 65535")
	}
	return o, err
}

// serveCommand runs the embedded Step Functions endpoint until interrupted.
func serveCommand(args []string, stderr io.Writer) int {
	o, err := parseServeFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n%s", err, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := startServer(ctx, o, os.Getenv, log)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n", err)
		return exitUsage
	}
	mode := "in-memory"
	if local.Durable(os.Getenv) {
		mode = "DynamoDB + SQS"
	}
	fmt.Fprintf(stderr, "Stepwise (AWS Step Functions API) listening on %s [%s]\n", srv.URL(), mode)
	if err := srv.Serve(ctx); err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n", err)
		return 1
	}
	return exitOK
}

func startServer(ctx context.Context, o serveOptions, getenv func(string) string, log *slog.Logger) (*local.Server, error) {
	svc, recv, err := local.Build(ctx, local.Options{
		Getenv: getenv, MockConfigFile: o.mockConfig, Table: o.table, Queue: o.queue,
		CreateResources: o.createResources, WaitScale: o.waitScale, Log: log,
	})
	if err != nil {
		return nil, err
	}
	return local.NewServer(svc, recv, fmt.Sprintf("%s:%d", o.host, o.port), o.workers, log)
}

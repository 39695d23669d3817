package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/stepwise/stepwise/shared/console"
)

// consoleOptions are the flags of `stepwise console`.
type consoleOptions struct {
	endpoint *url.URL
	host     string
	port     int
	region   string
}

func parseConsoleFlags(args []string) (consoleOptions, error) {
	var o consoleOptions
	var endpoint string
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.StringVar(&endpoint, "endpoint", "", "invoke URL of the deployed Stepwise API (required)")
	fs.StringVar(&o.host, "host", "127.0.0.1", "address to listen on")
	fs.IntVar(&o.port, "port", 8084, "port to listen on (0: any free port)")
	fs.StringVar(&o.region, "region", "", "region of the API (default: the AWS configuration's)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return o, err
	}
	if len(pos) > 0 {
		return o, usagef("unexpected argument %q", pos[0])
	}
	if o.port < 0 || o.port > 65535 {
		return o, usagef("--port must be between 0 and 65535")
	}
	o.endpoint, err = url.Parse(endpoint)
	if endpoint == "" || err != nil || (o.endpoint.Scheme != "https" && o.endpoint.Scheme != "http") || o.endpoint.Host == "" {
		return o, usagef("--endpoint must be the API's invoke URL (https://ID.execute-api.REGION.amazonaws.com/)")
	}
	return o, nil
}

// consoleCommand serves the web console on loopback for a deployed API,
// signing its API calls with this process's AWS credentials.
func consoleCommand(args []string, stderr io.Writer) int {
	o, err := parseConsoleFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise console: %v\n%s", err, usage)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise console: AWS configuration: %v\n", err)
		return exitUsage
	}
	if o.region == "" {
		o.region = cfg.Region
	}
	if o.region == "" {
		fmt.Fprintf(stderr, "stepwise console: no region: set --region or AWS_REGION\n")
		return exitUsage
	}
	l, err := net.Listen("tcp", net.JoinHostPort(strings.Trim(o.host, "[]"), strconv.Itoa(o.port)))
	if err != nil {
		fmt.Fprintf(stderr, "stepwise console: %v\n", err)
		return exitUsage
	}
	proxy := &console.Proxy{Endpoint: o.endpoint, Credentials: cfg.Credentials, Region: o.region}
	srv := &http.Server{Handler: console.Mount(proxy), ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	fmt.Fprintf(stderr, "Web console: http://%s/console/ (API calls signed for %s)\n", l.Addr(), o.endpoint.Redacted())
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "stepwise console: %v\n", err)
		return 1
	}
	return exitOK
}

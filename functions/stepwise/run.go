package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/httptask"
	"github.com/stepwise/stepwise/shared/task/mocktask"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
)

// runOptions are the flags of `stepwise run`.
type runOptions struct {
	definition, input, mockConfig string
	stateMachine, testCase, name  string
	typ                           string // STANDARD or EXPRESS
	history                       bool
	s3Dir                         string
	connections                   string
	waitScale                     float64
	limits                        limits.Limits
}

// runCommand runs one execution and prints its result as one JSON object.
func runCommand(args []string, stdout, stderr io.Writer) int {
	opts, err := parseRunFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise run: %v\n%s", err, usage)
		return exitUsage
	}
	res, err := execute(opts)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise run: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stdout, jsonval.String(resultJSON(res, opts.history)))
	return exitOK
}

func parseRunFlags(args []string) (runOptions, error) {
	var o runOptions
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.StringVar(&o.definition, "definition", "", "ASL definition file")
	fs.StringVar(&o.input, "input", "{}", "execution input: inline JSON or a file")
	fs.StringVar(&o.mockConfig, "mock-config", "", "Step Functions Local mock configuration file")
	fs.StringVar(&o.stateMachine, "state-machine", "", "state machine name in the mock configuration")
	fs.StringVar(&o.testCase, "test-case", "", "test case name in the mock configuration")
	fs.StringVar(&o.name, "name", "", "execution name")
	fs.StringVar(&o.typ, "type", "STANDARD", "state machine type: STANDARD or EXPRESS")
	fs.BoolVar(&o.history, "history", false, "include the execution history")
	fs.StringVar(&o.s3Dir, "s3-dir", "", "folder standing in for S3 for Map item readers and result writers: s3://bucket/key is DIR/bucket/key")
	fs.StringVar(&o.connections, "connections", "", "EventBridge connections of HTTP Tasks: JSON keyed by connection ARN")
	fs.Float64Var(&o.waitScale, "wait-scale", 1, "multiply every wait by this factor (0 skips waits)")
	limitsFlag(fs, &o.limits)
	pos, err := parseFlags(fs, args)
	if err == nil {
		err = envLimitsError()
	}
	switch {
	case err != nil:
		return o, err
	case len(pos) > 0:
		return o, usagef("unexpected argument %q", pos[0])
	case o.definition == "":
		return o, usagef("--definition is required")
	case o.waitScale < 0:
		return o, usagef("--wait-scale must not be negative")
	case o.typ != "STANDARD" && o.typ != "EXPRESS":
		return o, usagef("--type must be STANDARD or EXPRESS")
	case o.mockConfig == "" && (o.stateMachine != "" || o.testCase != ""):
		return o, usagef("--state-machine and --test-case need --mock-config")
	}
	return o, nil
}

func execute(o runOptions) (inproc.Result, error) {
	data, err := readFile("definition", o.definition)
	if err != nil {
		return inproc.Result{}, err
	}
	m, err := loadMachine(data, o.typ)
	if err != nil {
		return inproc.Result{}, err
	}
	input, err := readJSONArg("input", o.input)
	if err != nil {
		return inproc.Result{}, err
	}
	lim := o.limits.Resolve()
	if err := checkInput(input, lim); err != nil {
		return inproc.Result{}, err
	}
	local, err := localInvoker(o, lim)
	if err != nil {
		return inproc.Result{}, err
	}
	inv, smName, err := mockInvoker(o, local)
	if err != nil {
		return inproc.Result{}, err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if sm, err := asl.Parse(data); err == nil && o.typ == "STANDARD" && hasDistributedMap(sm) {
		return runDistributed(ctx, o, data, input, inv, smName, lim)
	}
	maxDuration := lim.StandardDuration
	if o.typ == "EXPRESS" {
		maxDuration = lim.ExpressDuration
	}
	return inproc.Run(ctx, m, input, inproc.Options{
		StateMachineName: smName,
		ExecutionName:    o.name,
		Express:          o.typ == "EXPRESS",
		Clock:            waitClock(o.waitScale),
		Invoker:          inv,
		Limits:           lim,
		MaxDuration:      maxDuration,
	})
}

// waitClock is the real clock, scaled; a zero scale skips waits entirely.
func waitClock(scale float64) clock.Source {
	if scale == 0 {
		return clock.NewFake(clock.Real{}.Now())
	}
	return clock.Real{Scale: scale}
}

// localInvoker reads Map items from the --s3-dir folder and writes Map
// results to it, and calls HTTP Tasks with the --connections file; it is
// nil when neither is given.
func localInvoker(o runOptions, lim limits.Limits) (task.Invoker, error) {
	if o.s3Dir == "" && o.connections == "" {
		return nil, nil
	}
	mux := &task.Mux{}
	if o.s3Dir != "" {
		s3reader.New(s3reader.NewDir(o.s3Dir), lim).Register(mux)
		s3writer.New(s3reader.NewDir(o.s3Dir)).Register(mux)
	}
	if o.connections != "" {
		conns, err := httptask.LoadConnections(o.connections)
		if err != nil {
			return nil, usagef("%v", err)
		}
		httptask.New(httptask.Options{Connections: conns, Region: arn.DefaultRegion}).Register(mux)
	}
	return mux, nil
}

// mockInvoker builds the task invoker from --mock-config; states it does
// not answer go to fallback.
func mockInvoker(o runOptions, fallback task.Invoker) (task.Invoker, string, error) {
	if o.mockConfig == "" {
		return fallback, "", nil
	}
	data, err := readFile("mock configuration", o.mockConfig)
	if err != nil {
		return nil, "", err
	}
	cfg, err := mockconfig.Parse(data)
	if err != nil {
		return nil, "", usagef("%v", err)
	}
	sm, err := pickOne("state machine", o.stateMachine, cfg.StateMachines())
	if err != nil {
		return nil, "", err
	}
	cases, err := cfg.TestCases(sm)
	if err != nil {
		return nil, "", usagef("%v", err)
	}
	tc, err := pickOne("test case", o.testCase, cases)
	if err != nil {
		return nil, "", err
	}
	inv, err := mocktask.New(cfg, sm, tc, fallback)
	if err != nil {
		return nil, "", usagef("%v", err)
	}
	return inv, sm, nil
}

// pickOne returns the chosen name, or the only one available.
func pickOne(what, chosen string, names []string) (string, error) {
	if chosen != "" {
		return chosen, nil
	}
	if len(names) == 1 {
		return names[0], nil
	}
	return "", usagef("the mock configuration has several %ss %v: choose one with --%s", what, names, flagName(what))
}

func flagName(what string) string {
	if what == "test case" {
		return "test-case"
	}
	return "state-machine"
}

// resultJSON renders the execution result printed by `stepwise run`.
func resultJSON(res inproc.Result, withHistory bool) *jsonval.Object {
	out := jsonval.NewObject(5)
	out.Set("status", res.Status)
	if res.Status == inproc.StatusSucceeded {
		out.Set("output", res.Output)
	}
	if res.Error != "" {
		out.Set("error", res.Error)
	}
	if res.Cause != "" {
		out.Set("cause", res.Cause)
	}
	if withHistory {
		hist := res.History.Events()
		events := make([]any, len(hist))
		for i, e := range hist {
			events[i] = e.JSON()
		}
		out.Set("history", events)
	}
	return out
}

// Package inproc runs a whole execution inside the current process by
// driving the pure interpreter: tasks go through a task.Invoker and waits
// through a clock.Source. It serves `stepwise run`, the conformance suite
// and Express executions.
package inproc

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
)

// Execution statuses, as AWS names them.
const (
	StatusSucceeded = "SUCCEEDED"
	StatusFailed    = "FAILED"
	StatusTimedOut  = "TIMED_OUT"
	StatusAborted   = "ABORTED"
)

// Options configure one execution.
type Options struct {
	Scope            arn.Scope
	StateMachineName string
	ExecutionName    string
	RoleArn          string
	Clock            clock.Source
	Invoker          task.Invoker
	Random           func() float64
	NewUUID          func() string
	// TestCase is passed to the invoker (mock configuration test case).
	TestCase string
	// Inspect receives data-flow stage values (TestState); nil for none.
	Inspect func(stage string, v jsonval.Value)
	// Limits are the execution's quotas (zero fields: defaults). Its
	// history holds at most Limits.HistoryEvents events, the last one
	// ExecutionFailed when the execution would record more.
	Limits limits.Limits
	// MaxDuration caps the run when the definition sets no TimeoutSeconds
	// (0: no cap): Limits.StandardDuration or ExpressDuration.
	MaxDuration time.Duration
	// Express runs the execution as an Express one: an express ARN
	// (ExpressExecution with a fresh id, unless ExecutionID is set) and
	// its context object.
	Express bool
	// ExecutionID, when set, is the execution's ARN as the context object
	// shows it.
	ExecutionID string
	// NoRole runs without an execution role (TestState without roleArn):
	// the context object's RoleArn is null.
	NoRole bool
	// Variables are the variables in scope when the first state starts.
	Variables map[string]jsonval.Value
	// Context replaces the context object (TestState's context).
	Context jsonval.Value
}

// Result is the end of an execution.
type Result struct {
	Status  string
	Output  jsonval.Value // when SUCCEEDED
	Error   string
	Cause   string
	History History
	Start   time.Time
	Stop    time.Time
}

// Run executes m with input to the end.
func Run(ctx context.Context, m *interp.Machine, input jsonval.Value, opts Options) (Result, error) {
	opts = withDefaults(opts)
	x := &execution{m: m, opts: opts, maxEvents: opts.Limits.HistoryEvents}
	start := opts.Clock.Now()
	x.env = interp.Env{
		Random:  opts.Random,
		NewUUID: opts.NewUUID,
		Inspect: opts.Inspect,
		Context: opts.Context,
		Execution: interp.Execution{
			ID:               opts.ExecutionID,
			Express:          opts.Express,
			Name:             opts.ExecutionName,
			Input:            input,
			StartTime:        start,
			RoleArn:          opts.RoleArn,
			StateMachineID:   opts.Scope.StateMachine(opts.StateMachineName),
			StateMachineName: opts.StateMachineName,
		},
		Limits: opts.Limits,
	}
	x.deadline = deadline(start, m.Definition().TimeoutSeconds, opts.MaxDuration)
	x.record(history.New(history.ExecutionStarted, "input", history.Payload{Value: input}, "roleArn", opts.RoleArn), 0)
	rec, err := m.StartRecord("", input, interp.Vars{Local: opts.Variables})
	if err != nil {
		return Result{}, err
	}
	rec.LastEventID = 1
	res, err := x.runFrame(ctx, rec)
	if err != nil {
		return Result{}, err
	}
	return x.finish(res, start), nil
}

func withDefaults(o Options) Options {
	if o.Scope == (arn.Scope{}) {
		o.Scope = arn.Default
	}
	if o.StateMachineName == "" {
		o.StateMachineName = "StateMachine"
	}
	if o.NewUUID == nil {
		o.NewUUID = NewUUID
	}
	if o.ExecutionName == "" {
		o.ExecutionName = o.NewUUID()
	}
	if o.ExecutionID == "" && o.Express {
		o.ExecutionID = o.Scope.ExpressExecution(o.StateMachineName, o.ExecutionName, o.NewUUID())
	}
	if o.ExecutionID == "" {
		o.ExecutionID = o.Scope.Execution(o.StateMachineName, o.ExecutionName)
	}
	if o.RoleArn == "" && !o.NoRole {
		o.RoleArn = fmt.Sprintf("arn:%s:iam::%s:role/StepwiseRole", o.Scope.Partition, o.Scope.Account)
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.Random == nil {
		o.Random = RandomFloat
	}
	if o.Invoker == nil {
		o.Invoker = task.Unconfigured{}
	}
	o.Limits = o.Limits.Resolve()
	return o
}

// execution is one running execution.
type execution struct {
	m         *interp.Machine
	opts      Options
	env       interp.Env
	deadline  time.Time
	maxEvents int

	mu      sync.Mutex
	events  History
	stepEnv interp.Env // the Env of the step in progress
}

// frameEnd is how a frame ended; timedOut and historyFull end the whole
// execution.
type frameEnd struct {
	interp.ChildResult
	timedOut    bool
	historyFull bool
}

// halted reports whether the frame's end ends the execution.
func (f frameEnd) halted() bool { return f.timedOut || f.historyFull }

// record appends e with the next id.
func (x *execution) record(e history.Event, prev int64) int64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	e.ID = int64(x.events.Len()) + 1
	e.PreviousEventID = prev
	e.Timestamp = x.opts.Clock.Now()
	x.events.add(e)
	return e.ID
}

// step runs one interpreter step and records its events.
func (x *execution) step(rec interp.Record, t interp.Trigger) (interp.Decision, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	// stepEnv is reused: a fresh Env per step would be moved to the heap.
	x.stepEnv = x.env
	x.stepEnv.Now = x.opts.Clock.Now()
	x.stepEnv.NextEventID = int64(x.events.Len()) + 1
	tail := x.events.tail()
	n := len(tail)
	dec, err := x.m.StepAppend(tail, rec, t, &x.stepEnv)
	if err != nil {
		return dec, err
	}
	// The step appended its events to our log.
	x.events.setTail(dec.Events)
	dec.Events = dec.Events[n:]
	return dec, nil
}

func (x *execution) finish(res frameEnd, start time.Time) Result {
	out := Result{Start: start, Stop: x.opts.Clock.Now()}
	switch {
	case res.historyFull || x.last() >= int64(x.maxEvents):
		x.failOnHistory(&out)
	case res.timedOut:
		out.Status, out.Error, out.Cause = StatusTimedOut, "States.Timeout", "The execution timed out."
		x.record(history.New(history.ExecutionTimedOut, "error", out.Error, "cause", out.Cause), x.last())
	case res.Failed:
		out.Status, out.Error, out.Cause = StatusFailed, res.Error, res.Cause
		x.record(history.New(history.ExecutionFailed, "error", optString(res.Error), "cause", optString(res.Cause)), x.last())
	default:
		out.Status, out.Output = StatusSucceeded, res.Output
		x.record(history.New(history.ExecutionSucceeded, "output", history.Payload{Value: res.Output}), x.last())
	}
	out.History = x.events
	return out
}

func (x *execution) last() int64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return int64(x.events.Len())
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// NewUUID returns a random RFC 4122 version 4 UUID.
func NewUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// RandomFloat returns a uniformly random float64 in [0,1) from crypto/rand.
func RandomFloat() float64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return float64(binary.BigEndian.Uint64(b[:])>>11) / (1 << 53)
}

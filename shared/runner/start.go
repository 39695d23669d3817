package runner

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
)

// Start begins an execution. A Standard execution with the same name and
// input that is still running is returned as is (AWS's idempotency); any
// other reuse of the name is ErrExecutionAlreadyExists.
//
// The first messages are sent BEFORE the record is created, so that no
// crash can leave a record without them: a start killed after its messages
// never began (no record; its messages are dropped after StartWindow, see
// awaitRecord), and one killed after its record runs to its end. The
// other order would need a second write (an "outbox sent" mark) or a
// sweeper scanning for stale records; this one costs nothing per
// transition. Messages hold references only, so an early message of a
// start that lost a race for its name is a harmless duplicate of the
// winner's (its timer is told apart by its Due, see staleTimeout).
func (r *Runner) Start(ctx context.Context, req StartRequest) (store.Execution, error) {
	t, input, err := r.newExecution(req)
	if err != nil {
		return store.Execution{}, err
	}
	if req.StateMachine.Type == "EXPRESS" {
		t.send(&frame{ID: ""}, KindExpress, time.Time{})
	} else if err := r.startRoot(t, input); err != nil {
		return store.Execution{}, err
	}
	if t.ex.State, err = t.encode(ctx, encodeEvents(t.events)); err != nil {
		return store.Execution{}, err
	}
	t.ex.LastEventID = int64(len(t.events))
	if err := r.storeDefinition(ctx, t.st.DefinitionKey, req.Definition); err != nil {
		return store.Execution{}, err
	}
	for _, m := range t.messages {
		m.Message.Sent = t.now
		if err := r.opts.Queue.Send(ctx, m.Message, m.Delay); err != nil {
			return store.Execution{}, fmt.Errorf("send %s message for %s: %w", m.Message.Kind, t.ex.ARN, err)
		}
	}
	if err := r.opts.Store.CreateExecution(ctx, t.ex); err != nil {
		if errors.Is(err, store.ErrExists) {
			return r.existing(ctx, t.ex)
		}
		return store.Execution{}, fmt.Errorf("create execution %s: %w", t.ex.ARN, err)
	}
	r.opts.Metrics.ExecutionStarted()
	return t.ex, nil
}

// newExecution prepares the record of a new execution.
func (r *Runner) newExecution(req StartRequest) (*tx, jsonval.Value, error) {
	m, err := r.machine(req.Definition)
	if err != nil {
		return nil, nil, err
	}
	name := req.Name
	if name == "" {
		name = r.opts.NewUUID()
	}
	text := req.Input
	if text == "" {
		text = "{}"
	}
	input, err := jsonval.DecodeString(text)
	if err != nil {
		return nil, nil, fmt.Errorf("execution input: %w", err)
	}
	if lim := r.opts.Limits; jsonval.DepthExceeds(input, lim.JSONDepth) {
		return nil, nil, fmt.Errorf("%w: %s", ErrInvalidInput, limits.DepthProblem(lim.JSONDepth))
	}
	now := r.opts.Clock.Now()
	ex := store.Execution{
		ARN: r.executionARN(req, name), StateMachineARN: req.StateMachine.ARN, ExecutedARN: req.ExecutedARN, VersionARN: req.VersionARN,
		MapRunARN: req.MapRunARN, TraceHeader: req.TraceHeader, Name: name, Type: req.StateMachine.Type, Status: StatusRunning, Input: text, StartDate: now, Version: 1,
	}
	if ex.Type == "" {
		ex.Type = "STANDARD"
	}
	st := &execState{DefinitionKey: definitionKey(req.Definition), RoleARN: req.RoleARN, Secret: r.newSecret(), SMName: req.StateMachine.Name, TestCase: req.TestCase,
		ParentToken: req.ParentToken, ParentPattern: req.ParentPattern, Frames: map[string]*frame{}}
	return &tx{r: r, ex: ex, st: st, m: m, now: now}, input, nil
}

// newSecret is an execution's secret (see execState.Secret): the
// randomness of a UUID in 22 characters, as it is stored in every record
// write.
func (r *Runner) newSecret() string {
	sum := sha256.Sum256([]byte(r.opts.NewUUID()))
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

func (r *Runner) executionARN(req StartRequest, name string) string {
	if req.StateMachine.Type == "EXPRESS" && req.MapRunARN != "" {
		// A map run's child: as stable as its name (see mapChildARN).
		return r.opts.Scope.ExpressExecution(req.StateMachine.Name, name, childName(name))
	}
	if req.StateMachine.Type == "EXPRESS" {
		return r.opts.Scope.ExpressExecution(req.StateMachine.Name, name, r.opts.NewUUID())
	}
	return r.opts.Scope.Execution(req.StateMachine.Name, name)
}

// startRoot records ExecutionStarted and queues the first step.
func (r *Runner) startRoot(t *tx, input jsonval.Value) error {
	rec, err := t.m.StartRecord("", input, interp.Vars{})
	if err != nil {
		return err
	}
	// AWS's ExecutionStartedEventDetails name the version and alias that
	// started the execution, not the state machine.
	alias := ""
	if t.ex.ExecutedARN != t.ex.VersionARN {
		alias = t.ex.ExecutedARN
	}
	id := t.record(history.New(history.ExecutionStarted, "input", history.Payload{Value: input},
		"roleArn", t.st.RoleARN, "stateMachineAliasArn", optString(alias), "stateMachineVersionArn", optString(t.ex.VersionARN)), 0)
	rec.LastEventID = id
	root := &frame{ID: rootFrame, Version: 1, Rec: rec}
	t.st.Frames[rootFrame] = root
	t.send(root, queue.KindStep, time.Time{})
	t.sendTimeout()
	return nil
}

// sendTimeout sends the timer of the definition's TimeoutSeconds, which
// runs from the start or the last redrive.
func (t *tx) sendTimeout() {
	if secs := t.m.Definition().TimeoutSeconds; secs > 0 {
		due := t.now.Add(time.Duration(secs) * time.Second)
		t.queue(outMessage{
			Message: queue.Message{Execution: t.ex.ARN, Kind: queue.KindTimeout, Due: due},
			Delay:   min(due.Sub(t.now), queue.MaxDelay),
		})
	}
}

// existing applies StartExecution's idempotency to a name already used.
// A retried start of a running execution needs no resend: its messages
// went out before its create found the record.
func (r *Runner) existing(ctx context.Context, want store.Execution) (store.Execution, error) {
	ex, err := r.opts.Store.GetExecution(ctx, want.ARN)
	if err != nil {
		return store.Execution{}, fmt.Errorf("load execution %s: %w", want.ARN, err)
	}
	if ex.Status == StatusRunning && ex.Input == want.Input && ex.Type != "EXPRESS" {
		return ex, nil
	}
	return store.Execution{}, fmt.Errorf("%w: %s", ErrExecutionAlreadyExists, want.ARN)
}

// Stop aborts a running execution.
func (r *Runner) Stop(ctx context.Context, executionARN, errName, cause string) (store.Execution, error) {
	var out store.Execution
	err := r.retryConflicts(func() error {
		t, err := r.load(ctx, executionARN, nil)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%w: %s", ErrExecutionDoesNotExist, executionARN)
		}
		if err != nil {
			return err
		}
		if t.ex.Status != StatusRunning {
			if err := t.resendStopJobs(ctx); err != nil { // a retried stop may follow a process that died
				return err
			}
			out = t.ex
			return nil
		}
		t.abort(errName, cause)
		if err := t.commit(ctx, "stop"); err != nil {
			return err
		}
		out = t.ex
		return nil
	})
	return out, err
}

// Redrive restarts a failed, timed-out or aborted execution from the state
// where it stopped, as RedriveExecution does: a Parallel or inline Map
// resumes its fork (see redrivefork.go), a Distributed Map its map run.
func (r *Runner) Redrive(ctx context.Context, executionARN string) (store.Execution, error) {
	var out store.Execution
	err := r.retryConflicts(func() error {
		t, err := r.load(ctx, executionARN, nil)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%w: %s", ErrExecutionDoesNotExist, executionARN)
		}
		if err != nil {
			return err
		}
		// AWS redrives no execution whose history reached 24,999 events:
		// it could record nothing but its end.
		full := t.ex.LastEventID >= int64(r.opts.Limits.HistoryEvents-1)
		if t.ex.Status == StatusRunning || t.ex.Status == StatusSucceeded || t.st.RedriveFrame == nil || t.ex.Type == "EXPRESS" || full {
			return fmt.Errorf("%w: execution %s is %s", ErrNotRedrivable, executionARN, t.ex.Status)
		}
		if t.m, err = r.machineByKey(ctx, t.st.DefinitionKey); err != nil {
			return err
		}
		root := t.st.RedriveFrame
		t.st.RedriveFrame = nil
		if err := t.unstash(ctx, root); err != nil {
			return err
		}
		if root.Redo == nil {
			root.Rec.Phase = interp.PhaseEnter
		}
		root.Fork = nil
		root.Version++
		t.st.Frames = map[string]*frame{rootFrame: root}
		t.ex.Status, t.ex.Output, t.ex.Error, t.ex.Cause = StatusRunning, "", "", ""
		t.ex.StopDate, t.ex.ExpiresAt = time.Time{}, time.Time{}
		t.ex.RedriveCount++
		t.st.RedriveDate = t.now // AWS: the state machine's timeout starts again
		t.sendTimeout()
		root.Rec.LastEventID = t.record(history.New(history.ExecutionRedriven, "redriveCount", jsonval.NumberFromInt(int64(t.ex.RedriveCount))), t.ex.LastEventID)
		if run := t.redoRun(root); run != nil {
			if err := t.redriveMapRun(ctx, root, run); err != nil {
				return err
			}
		} else {
			t.send(root, queue.KindStep, time.Time{})
		}
		if err := t.commit(ctx, "redrive:"+strconv.Itoa(t.ex.RedriveCount)); err != nil {
			return err
		}
		out = t.ex
		return nil
	})
	return out, err
}

// History returns the committed history: the events written as history
// items, then those still pending in the execution record.
func (r *Runner) History(ctx context.Context, executionARN string) ([]history.Event, error) {
	ex, err := r.opts.Store.GetExecution(ctx, executionARN)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %s", ErrExecutionDoesNotExist, executionARN)
	}
	if err != nil {
		return nil, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	var pending []history.Event
	if len(ex.State) > 0 {
		st, err := decodeState(ex.State)
		if err != nil {
			// Its pending events are lost with it: answer with the rest.
			return r.writtenEvents(ctx, ex)
		}
		if pending, err = r.pendingEvents(ctx, st.Pending); err != nil {
			return nil, fmt.Errorf("read history of %s: %w", executionARN, err)
		}
	}
	written := ex.LastEventID - int64(len(pending))
	if written == 0 {
		return pending, nil
	}
	events, err := r.opts.Store.GetEvents(ctx, executionARN, 1, written)
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", executionARN, err)
	}
	if int64(len(events)) != written {
		return nil, fmt.Errorf("read history of %s: %d of %d written events found", executionARN, len(events), written)
	}
	return append(events, pending...), nil
}

// Abandon fails a running execution with States.Runtime because one of its
// step messages could not be processed on its last delivery: the
// execution ends visibly instead of hanging with its message in the
// dead-letter queue. A stale duplicate is dropped instead: the execution
// has moved past it, so losing it loses nothing.
func (r *Runner) Abandon(ctx context.Context, msg queue.Message, cause error) error {
	return r.retryConflicts(func() error {
		t, err := r.load(ctx, msg.Execution, nil)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if t.ex.Status != StatusRunning || !t.concerns(msg) {
			return nil
		}
		prev := t.ex.LastEventID
		t.ex.Status, t.ex.Error = StatusFailed, "States.Runtime"
		t.ex.Cause = fmt.Sprintf("A step of the execution failed on every delivery (frame %q, version %d, %s): %v", msg.Frame, msg.Version, msg.Kind, cause)
		t.record(history.New(history.ExecutionFailed, "error", t.ex.Error, "cause", t.ex.Cause), prev)
		t.closeExecution()
		return t.commit(ctx, "abandon:"+messageKey(msg))
	})
}

// concerns reports whether msg still matters to the execution: an
// execution timer, a message whose commit's outbox may still be unsent, or
// a message for its frame's current version. An unreadable record always
// does (salvage keeps no frames).
func (t *tx) concerns(msg queue.Message) bool {
	if t.unreadable != nil || (msg.Frame == "" && msg.Kind == queue.KindTimeout) {
		return true
	}
	key := messageKey(msg)
	for _, ob := range t.st.Outboxes {
		if ob.Key == key {
			return true
		}
	}
	f, ok := t.st.Frames[msg.Frame]
	return ok && f.Version == msg.Version && (msg.Kind != queue.KindPoll || currentPoll(f, msg))
}

package runner

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// tx is one step of one execution: it advances frames in memory, collects
// events and messages, and is committed by a single conditional write.
type tx struct {
	r   *Runner
	ex  store.Execution
	st  *execState
	m   *interp.Machine
	now time.Time

	events   []history.Event
	messages []outMessage
	// sealed are the outboxes of the triggers applied so far; messages
	// from sealedTo on belong to the trigger being applied.
	sealed   []*outbox
	sealedTo int
	// later are sends that follow the commit (or stand alone when nothing
	// is committed): redelivered outboxes, messages not yet due.
	later []func() error
	// results caches task outcomes by attempt so that a commit retry after a
	// conflict never invokes a task twice.
	results map[string]task.Result
	// closed: this step ended the execution (metrics are recorded once,
	// after the commit).
	closed bool
	// input is the execution input, decoded once per tx.
	input        jsonval.Value
	inputDecoded bool
	// chunks caches children chunks read from payload items.
	chunks map[string][]childJSON
}

func (t *tx) env() interp.Env {
	if !t.inputDecoded {
		if v, err := jsonval.DecodeString(t.ex.Input); err == nil {
			t.input = v
		}
		t.inputDecoded = true
	}
	return interp.Env{
		Now: t.now, Random: t.r.opts.Random, NewUUID: t.r.opts.NewUUID,
		NextEventID: t.ex.LastEventID + int64(len(t.events)) + 1,
		Execution: interp.Execution{
			ID: t.ex.ARN, Name: t.ex.Name, Input: t.input, StartTime: t.ex.StartDate,
			RoleArn: t.st.RoleARN, RedriveCount: t.ex.RedriveCount,
			StateMachineID: t.ex.StateMachineARN, StateMachineName: t.st.SMName,
		},
	}
}

// record appends a runner-made event with the next id.
func (t *tx) record(e history.Event, prev int64) int64 {
	e.ID = t.ex.LastEventID + int64(len(t.events)) + 1
	e.PreviousEventID = prev
	e.Timestamp = t.now
	t.events = append(t.events, e)
	return e.ID
}

func (t *tx) send(f *frame, kind string, due time.Time) {
	m := queue.Message{Execution: t.ex.ARN, Frame: f.ID, Version: f.Version, Kind: kind, Due: due}
	delay := time.Duration(0)
	if !due.IsZero() {
		delay = min(max(due.Sub(t.now), 0), queue.MaxDelay)
	}
	t.messages = append(t.messages, outMessage{Message: m, Delay: delay})
}

// step feeds trigger to frame f and carries out the decisions until the
// frame must wait for a message.
func (t *tx) step(ctx context.Context, f *frame, trig interp.Trigger) error {
	for {
		dec, err := t.m.Step(f.Rec, trig, t.env())
		if err != nil {
			return fmt.Errorf("step %s frame %s: %w", t.ex.ARN, f.ID, err)
		}
		t.events = append(t.events, dec.Events...)
		f.Rec = dec.Record
		switch a := dec.Action.(type) {
		case interp.Next:
			f.Version++
			t.send(f, queue.KindStep, time.Time{})
			return nil
		case interp.Sleep:
			f.Version++
			t.send(f, queue.KindWake, a.Until)
			return nil
		case interp.Invoke:
			res, err := t.invoke(ctx, f, a.Task)
			if err != nil {
				return err
			}
			if res.Pending {
				t.park(f, a.Task)
				return nil
			}
			trig = resultTrigger(res)
		case interp.Fork:
			return t.fork(ctx, f, a)
		case interp.Succeed:
			return t.end(ctx, f, interp.ChildResult{Output: a.Output})
		case interp.Fail:
			return t.end(ctx, f, interp.ChildResult{Failed: true, Error: a.Error, Cause: a.Cause})
		default:
			return fmt.Errorf("unknown action %T", dec.Action)
		}
	}
}

func resultTrigger(res task.Result) interp.Trigger {
	if res.Failed {
		return interp.TaskFailed{Error: res.Error, Cause: res.Cause}
	}
	return interp.TaskSucceeded{Output: res.Output}
}

// invoke runs one task attempt, at most once per attempt within this tx.
func (t *tx) invoke(ctx context.Context, f *frame, tk interp.Task) (task.Result, error) {
	key := f.ID + "@" + strconv.FormatInt(f.Version, 10) + "#" + strconv.Itoa(tk.Attempt)
	if res, ok := t.results[key]; ok {
		return res, nil
	}
	if tk.TaskToken != "" {
		if err := t.r.opts.Store.PutToken(ctx, tk.TaskToken, t.ex.ARN); err != nil {
			return task.Result{}, fmt.Errorf("store task token: %w", err)
		}
	}
	callCtx := ctx
	if tk.TimeoutSeconds > 0 {
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(ctx, time.Duration(tk.TimeoutSeconds)*time.Second)
		defer cancel()
	}
	res, err := t.r.invoker().Invoke(callCtx, task.Request{
		ExecutionARN: t.ex.ARN, StateMachine: t.st.SMName, State: tk.State, Resource: tk.Resource,
		Input: tk.Input, TimeoutSeconds: tk.TimeoutSeconds, HeartbeatSeconds: tk.HeartbeatSeconds,
		TaskToken: tk.TaskToken, Credentials: tk.Credentials, Attempt: tk.Attempt, TestCase: t.st.TestCase,
	})
	if err != nil {
		if callCtx.Err() != nil && ctx.Err() == nil {
			res = task.Failure("States.Timeout", "")
		} else {
			return task.Result{}, fmt.Errorf("invoke %s: %w", tk.Resource, err)
		}
	}
	t.results[key] = res
	return res, nil
}

// park leaves a frame waiting for a callback, with its timers.
func (t *tx) park(f *frame, tk interp.Task) {
	f.Version++
	f.Token = tk.TaskToken
	if tk.TimeoutSeconds > 0 {
		f.TaskDeadline = t.now.Add(time.Duration(tk.TimeoutSeconds) * time.Second)
		t.send(f, queue.KindTimeout, f.TaskDeadline)
	}
	if tk.HeartbeatSeconds > 0 {
		f.HeartbeatSec = tk.HeartbeatSeconds
		f.HeartbeatDue = t.now.Add(time.Duration(tk.HeartbeatSeconds) * time.Second)
		t.send(f, queue.KindHeartbeat, f.HeartbeatDue)
	}
}

// resume delivers a callback or timer outcome to a parked frame.
func (t *tx) resume(ctx context.Context, f *frame, trig interp.Trigger) error {
	f.Token, f.TaskDeadline, f.HeartbeatDue, f.HeartbeatSec = "", time.Time{}, time.Time{}, 0
	return t.step(ctx, f, trig)
}

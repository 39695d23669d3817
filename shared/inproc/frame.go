package inproc

import (
	"context"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/task"
)

// runFrame drives one frame until it succeeds or fails.
func (x *execution) runFrame(ctx context.Context, rec interp.Record) (frameEnd, error) {
	var trigger interp.Trigger = interp.Enter{}
	for {
		if err := ctx.Err(); err != nil {
			return frameEnd{}, err
		}
		if x.full() {
			return frameEnd{historyFull: true}, nil
		}
		if x.pastDeadline() {
			return frameEnd{timedOut: true}, nil
		}
		dec, err := x.step(rec, trigger)
		if err != nil {
			return frameEnd{}, err
		}
		// The step consumed the trigger: a Map reader's items (the task
		// output) must not stay alive while the Map's children run.
		trigger = nil
		rec = dec.Record
		switch a := dec.Action.(type) {
		case interp.Next:
			trigger = interp.Enter{}
		case interp.Sleep:
			if timedOut, err := x.sleep(ctx, a.Until); err != nil || timedOut {
				return frameEnd{timedOut: timedOut}, err
			}
			trigger = interp.Wake{}
		case interp.Invoke:
			if trigger, rec, err = x.invoke(ctx, rec, a.Task); err != nil || trigger == nil {
				return frameEnd{timedOut: trigger == nil}, err
			}
		case interp.Fork:
			results, halt, err := x.fork(ctx, a)
			if err != nil || halt.halted() {
				return halt, err
			}
			trigger = interp.Joined{Results: results}
		case interp.Succeed:
			return frameEnd{ChildResult: interp.ChildResult{Output: a.Output}}, nil
		case interp.Fail:
			return frameEnd{ChildResult: interp.ChildResult{Failed: true, Error: a.Error, Cause: a.Cause}}, nil
		default:
			return frameEnd{}, fmt.Errorf("unknown action %T", dec.Action)
		}
	}
}

// sleep waits until t, or reports a timeout when the execution's deadline
// comes first.
func (x *execution) sleep(ctx context.Context, t time.Time) (bool, error) {
	if !x.deadline.IsZero() && t.After(x.deadline) {
		return true, x.opts.Clock.SleepUntil(ctx, x.deadline)
	}
	return false, x.opts.Clock.SleepUntil(ctx, t)
}

// invoke runs one task attempt and turns its result into a trigger; a
// nil trigger means the execution timed out waiting for the task's job. A
// .sync job is recorded as submitted (rec moves on) before it is awaited.
func (x *execution) invoke(ctx context.Context, rec interp.Record, t interp.Task) (interp.Trigger, interp.Record, error) {
	req := task.Request{
		ExecutionARN: x.env.Execution.ID, StateMachine: x.opts.StateMachineName,
		State: t.State, Resource: t.Resource, Input: t.Input,
		TimeoutSeconds: t.TimeoutSeconds, HeartbeatSeconds: t.HeartbeatSeconds,
		TaskToken: t.TaskToken, Credentials: t.Credentials, Attempt: t.Attempt, TestCase: x.opts.TestCase,
	}
	res, err := x.opts.Invoker.Invoke(ctx, req)
	if err != nil {
		return nil, rec, fmt.Errorf("invoke %s: %w", t.State, err)
	}
	if res.Poll != nil {
		dec, err := x.step(rec, interp.Submitted{Output: res.Output})
		if err != nil {
			return nil, rec, err
		}
		rec = dec.Record
	}
	res, halted, err := x.await(ctx, req, res)
	if err != nil || halted {
		return nil, rec, err
	}
	if res.Failed {
		return interp.TaskFailed{Error: res.Error, Cause: res.Cause}, rec, nil
	}
	return interp.TaskSucceeded{Output: res.Output}, rec, nil
}

// fork runs children in order, stopping once more have failed than the
// fork tolerates.
// A child that halts the execution (timeout, full history) is returned
// as halt.
func (x *execution) fork(ctx context.Context, f interp.Fork) (results []interp.ChildResult, halt frameEnd, err error) {
	results = make([]interp.ChildResult, len(f.Children))
	failed := 0
	for i, c := range f.Children {
		res, err := x.runChild(ctx, c)
		if err != nil || res.halted() {
			return nil, res, err
		}
		results[i] = res.ChildResult
		if res.Failed {
			failed++
			if failed > f.ToleratedFailures {
				return results, frameEnd{}, nil
			}
		}
	}
	return results, frameEnd{}, nil
}

// runChild runs one branch or iteration with its Map events.
func (x *execution) runChild(ctx context.Context, c interp.Child) (frameEnd, error) {
	rec := c.Record
	if c.StartEvent != "" {
		rec.LastEventID = x.record(iterationEvent(c.StartEvent, c), rec.LastEventID)
	}
	res, err := x.runFrame(ctx, rec)
	if err != nil || res.halted() || c.StartEvent == "" {
		return res, err
	}
	typ := c.SuccessEvent
	if res.Failed {
		typ = c.FailEvent
	}
	x.record(iterationEvent(typ, c), x.last())
	return res, nil
}

func iterationEvent(typ string, c interp.Child) history.Event {
	return history.Iteration(typ, c.MapName, c.Index)
}

package runner

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/parallel"
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
	// keys are the triggers this tx commits, one outbox each; owners[i]
	// is the index in keys of the trigger that queued messages[i], owner
	// that of the trigger being applied.
	keys   []string
	owners []int
	owner  int
	// deferInvokes makes step stop at a task whose result is not known
	// yet and note it in deferred: the tasks of a batch then run
	// concurrently (see HandleBatch).
	deferInvokes bool
	deferred     []deferredTask
	// later are sends that follow the commit (or stand alone when nothing
	// is committed): redelivered outboxes, messages not yet due.
	later []func() error
	// rechecking: later checks the children and slots (see recheck).
	rechecking bool
	// results caches task outcomes by attempt so that a commit retry after a
	// conflict never invokes a task twice.
	results map[string]task.Result
	// closed: this step ended the execution (metrics are recorded once,
	// after the commit).
	closed bool
	// parkedOnChildren are the frames this tx parked on .sync children
	// (see checkChildren).
	parkedOnChildren []*frame
	// startedSlots are the map run children this tx started (see
	// checkSlots).
	startedSlots []slotRef
	// uuidCount numbers the UUIDs of each frame step (see uuids).
	uuidCount map[string]int
	// input is the execution input, decoded once per tx.
	input        jsonval.Value
	inputDecoded bool
	// chunks caches children chunks read from payload items.
	chunks map[string][]childJSON
	// unreadable is why the stored state could not be decoded (see
	// salvage); the tx then holds an empty state.
	unreadable error
	// stopMapRun are the map run children to stop after the commit
	// (their run ended, or their parent).
	stopMapRun []string
	// jobs are the .sync jobs the loaded frames poll (see stopAbandoned).
	jobs map[string]*jobState
}

func (t *tx) env(f *frame) interp.Env {
	if !t.inputDecoded {
		if v, err := jsonval.DecodeString(t.ex.Input); err == nil {
			t.input = v
		}
		t.inputDecoded = true
	}
	return interp.Env{
		Now: t.now, Random: t.r.opts.Random, NewUUID: t.uuids(f),
		NextEventID: t.ex.LastEventID + int64(len(t.events)) + 1,
		Execution: interp.Execution{
			ID: t.ex.ARN, Name: t.ex.Name, Input: t.input, StartTime: t.ex.StartDate,
			RoleArn: t.st.RoleARN, RedriveCount: t.ex.RedriveCount,
			StateMachineID: t.ex.StateMachineARN, StateMachineName: t.st.SMName,
		},
		Limits: t.r.opts.Limits, ReaderPage: t.r.opts.ReaderPage,
	}
}

// uuids returns the UUIDs of a frame's step: task tokens, States.UUID()
// and $uuid. They are derived from the execution's secret, the frame, its
// version and a count, so that a step run again (its message redelivered
// after a crash) hands out the same tokens and sends the same input, and
// the answer to the first try's token is accepted.
func (t *tx) uuids(f *frame) func() string {
	if t.st.Secret == "" {
		return t.r.opts.NewUUID
	}
	return func() string {
		if t.uuidCount == nil {
			t.uuidCount = map[string]int{}
		}
		step := f.ID + "@" + strconv.FormatInt(f.Version, 10)
		t.uuidCount[step]++
		mac := hmac.New(sha256.New, []byte(t.st.Secret))
		mac.Write([]byte(step + "#" + strconv.Itoa(t.uuidCount[step])))
		b := mac.Sum(nil)[:16]
		b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80 // version 4, RFC 4122 variant
		h := hex.EncodeToString(b)
		return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
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
	t.queue(outMessage{Message: m, Delay: delay})
}

// queue adds a message to the outbox of the trigger being applied.
func (t *tx) queue(m outMessage) {
	t.messages = append(t.messages, m)
	t.owners = append(t.owners, t.owner)
}

// outboxes files the queued messages by trigger.
func (t *tx) outboxes() []*outbox {
	obs := make([]*outbox, len(t.keys))
	for i, k := range t.keys {
		obs[i] = &outbox{Key: k}
	}
	for i, m := range t.messages {
		ob := obs[t.owners[i]]
		ob.Messages = append(ob.Messages, m)
	}
	return obs
}

// step feeds trigger to frame f and carries out the decisions until the
// frame must wait for a message.
func (t *tx) step(ctx context.Context, f *frame, trig interp.Trigger) error {
	if err := t.unstash(ctx, f); err != nil {
		return err
	}
	for {
		dec, err := t.m.Step(f.Rec, trig, t.env(f))
		if err != nil {
			return fmt.Errorf("step %s frame %s: %w", t.ex.ARN, f.ID, err)
		}
		t.events = append(t.events, dec.Events...)
		f.Rec = dec.Record
		if _, failed := dec.Action.(interp.Fail); !failed {
			f.Redo = nil // only a state failing with its fork resumes it
		}
		switch a := dec.Action.(type) {
		case interp.Next:
			f.Version++
			t.send(f, queue.KindStep, time.Time{})
			return nil
		case interp.Sleep:
			f.Version++
			t.send(f, queue.KindWake, a.Until)
			t.timeOutBefore(a.Until)
			return nil
		case interp.Invoke:
			if _, known := t.results[attemptKey(f, a.Task)]; t.deferInvokes && !known {
				t.deferred = append(t.deferred, deferredTask{f: f, task: a.Task, owner: t.owner})
				return nil
			}
			res, err := t.invoke(ctx, f, a.Task)
			if err != nil {
				return err
			}
			if res.Pending {
				return t.submitted(f, a.Task, res)
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

// attemptKey identifies a task attempt within an execution: frames are
// never reused and a frame's version moves on with every step, so it names
// one attempt, and the same one when a redelivered message repeats it.
func attemptKey(f *frame, tk interp.Task) string {
	return f.ID + "@" + strconv.FormatInt(f.Version, 10) + "#" + strconv.Itoa(tk.Attempt)
}

// invoke runs one task attempt, at most once per attempt within this tx.
func (t *tx) invoke(ctx context.Context, f *frame, tk interp.Task) (task.Result, error) {
	key := attemptKey(f, tk)
	if res, ok := t.results[key]; ok {
		return res, nil
	}
	res, err := t.call(ctx, f, tk)
	if err != nil {
		return task.Result{}, err
	}
	t.results[key] = res
	rememberStart(t.results, key, tk, res)
	return res, nil
}

// call runs a task attempt; it only reads the tx, so that calls may run
// concurrently.
func (t *tx) call(ctx context.Context, f *frame, tk interp.Task) (task.Result, error) {
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
		TaskToken: tk.TaskToken, Credentials: tk.Credentials, Attempt: tk.Attempt, AttemptID: t.ex.ARN + "/" + attemptKey(f, tk),
		TestCase: t.st.TestCase,
	})
	if err != nil {
		if callCtx.Err() != nil && ctx.Err() == nil {
			res = task.Failure("States.Timeout", "")
		} else {
			return task.Result{}, fmt.Errorf("invoke %s: %w", tk.Resource, err)
		}
	}
	return res, nil
}

// deferredTask is a task a step stopped at (see tx.deferInvokes).
type deferredTask struct {
	f     *frame
	task  interp.Task
	owner int
}

// waitingForTask reports whether f's step stopped at a deferred task: a
// message for it now is a duplicate of the one that got it there.
func (t *tx) waitingForTask(f *frame) bool {
	for _, d := range t.deferred {
		if d.f == f {
			return true
		}
	}
	return false
}

// runDeferred runs the deferred tasks concurrently, then resumes their
// frames in order. A frame that a later message removed (its Map failed,
// the execution ended) drops its result.
func (t *tx) runDeferred(ctx context.Context) error {
	ds := t.deferred
	t.deferred, t.deferInvokes = nil, false
	results := make([]task.Result, len(ds))
	errs := make([]error, len(ds))
	parallel.Do(len(ds), func(i int) { results[i], errs[i] = t.call(ctx, ds[i].f, ds[i].task) })
	for i, d := range ds {
		if errs[i] == nil {
			t.results[attemptKey(d.f, d.task)] = results[i]
			rememberStart(t.results, attemptKey(d.f, d.task), d.task, results[i])
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, d := range ds {
		if t.ex.Status != StatusRunning || t.st.Frames[d.f.ID] != d.f {
			continue
		}
		t.owner = d.owner
		if results[i].Pending {
			if err := t.submitted(d.f, d.task, results[i]); err != nil {
				return err
			}
			continue
		}
		if err := t.step(ctx, d.f, resultTrigger(results[i])); err != nil {
			return err
		}
	}
	return nil
}

// submitted records a pending task's submission (its TaskSubmitted event,
// with the submission's response), then parks the frame.
func (t *tx) submitted(f *frame, tk interp.Task, res task.Result) error {
	dec, err := t.m.Step(f.Rec, interp.Submitted{Output: res.Output}, t.env(f))
	if err != nil {
		return fmt.Errorf("step %s frame %s: %w", t.ex.ARN, f.ID, err)
	}
	t.events = append(t.events, dec.Events...)
	f.Rec = dec.Record
	t.park(f, tk, res)
	return nil
}

// park leaves a frame waiting for a callback, with its timers.
func (t *tx) park(f *frame, tk interp.Task, res task.Result) {
	f.Version++
	f.Token = tk.TaskToken
	if f.Child = waitedChild(tk, res); f.Child != "" {
		t.parkedOnChildren = append(t.parkedOnChildren, f)
	}
	if res.Poll != nil {
		t.startPolling(f, tk, res.Poll)
	}
	if tk.TimeoutSeconds > 0 {
		f.TaskDeadline = t.now.Add(time.Duration(tk.TimeoutSeconds) * time.Second)
		t.send(f, queue.KindTimeout, f.TaskDeadline)
	}
	if tk.HeartbeatSeconds > 0 {
		f.HeartbeatSec = tk.HeartbeatSeconds
		f.HeartbeatDue = t.now.Add(time.Duration(tk.HeartbeatSeconds) * time.Second)
		t.send(f, queue.KindHeartbeat, f.HeartbeatDue)
	}
	if f.TaskDeadline.IsZero() {
		t.timeOutBefore(never) // a callback may never come
	} else {
		t.timeOutBefore(f.TaskDeadline)
	}
}

// resume delivers a callback or timer outcome to a parked frame.
func (t *tx) resume(ctx context.Context, f *frame, trig interp.Trigger) error {
	if f.MapChild {
		return t.mapChildEnded(ctx, f, trig)
	}
	f.Token, f.TaskDeadline, f.HeartbeatDue, f.HeartbeatSec, f.Child, f.Job = "", time.Time{}, time.Time{}, 0, "", nil
	return t.step(ctx, f, trig)
}

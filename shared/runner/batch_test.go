package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// countingStore counts the execution writes a runner makes.
type countingStore struct {
	store.Store
	updates, eventWrites atomic.Int64
}

func (s *countingStore) UpdateExecution(ctx context.Context, ex store.Execution, v int64) error {
	s.updates.Add(1)
	return s.Store.UpdateExecution(ctx, ex, v)
}

func (s *countingStore) PutEvents(ctx context.Context, arn string, evs []history.Event) error {
	s.eventWrites.Add(1)
	return s.Store.PutEvents(ctx, arn, evs)
}

func countWrites(f *fixture) *countingStore {
	cs := &countingStore{Store: f.st}
	f.r.opts.Store = cs
	return cs
}

const mapOfFive = `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","End":true,
 "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:w","End":true}}}}}}`

func echo() task.Invoker {
	return invokerFunc(func(r task.Request) task.Result { return task.Result{Output: r.Input} })
}

// takeAll removes the queued messages.
func (f *fixture) takeAll() []queue.Message {
	msgs := f.q.msgs
	f.q.msgs = nil
	return msgs
}

func TestHandleBatch_OneReadAndWritePerBatch(t *testing.T) {
	f := newFixture(t, echo())
	cs := countWrites(f)
	ex := f.start(mapOfFive, "batch", `{"items":[1,2,3,4,5]}`)
	if errs := f.r.HandleBatch(context.Background(), f.takeAll()); errs[0] != nil {
		t.Fatal(errs[0])
	}
	iterations := f.takeAll()
	if len(iterations) != 5 {
		t.Fatalf("%d iteration messages, want 5", len(iterations))
	}
	// Duplicates within the batch are dropped as such.
	batch := append(iterations, iterations[1], iterations[3])
	before := cs.updates.Load()
	for i, err := range f.r.HandleBatch(context.Background(), batch) {
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if n := cs.updates.Load() - before; n != 1 {
		t.Errorf("%d record writes for a batch of one execution, want 1", n)
	}
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != "[1,2,3,4,5]" {
		t.Fatalf("execution: %s %s", got.Status, got.Output)
	}
	if h := f.historyTypes(ex.ARN); strings.Count(h, "MapIterationSucceeded") != 5 || strings.Count(h, "LambdaFunctionScheduled") != 5 {
		t.Errorf("history %s", h)
	}
}

// A message that fails makes the batch fall back to one message at a
// time: only that message is reported for redelivery.
func TestHandleBatch_FailureIsolatesTheMessage(t *testing.T) {
	var calls atomic.Int64
	inv := invokerFunc(func(r task.Request) task.Result { calls.Add(1); return task.Result{Output: r.Input} })
	f := newFixture(t, failingOn(inv, "3"))
	ex := f.start(mapOfFive, "isolate", `{"items":[1,2,3,4,5]}`)
	f.r.HandleBatch(context.Background(), f.takeAll())
	iterations := f.takeAll()
	errs := f.r.HandleBatch(context.Background(), iterations)
	for i, err := range errs {
		if (err != nil) != (i == 2) {
			t.Errorf("message %d: error %v", i, err)
		}
	}
	if n := calls.Load(); n != 4 {
		t.Errorf("%d task attempts succeeded, want 4 (the fall-back reuses results)", n)
	}
	f.r.opts.Invoker = inv // the fault passes; SQS redelivers the failed message
	iterations[2].ReceiveCount = 2
	if err := f.r.Handle(context.Background(), iterations[2]); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != "[1,2,3,4,5]" {
		t.Fatalf("execution: %s %s", got.Status, got.Output)
	}
}

// failingOn fails the invocation whose input is text with an I/O error.
func failingOn(inv task.Invoker, text string) task.Invoker {
	return invokerErrFunc(func(ctx context.Context, r task.Request) (task.Result, error) {
		if jsonval.String(r.Input) == text {
			return task.Result{}, errors.New("connection reset")
		}
		return inv.Invoke(ctx, r)
	})
}

type invokerErrFunc func(context.Context, task.Request) (task.Result, error)

func (f invokerErrFunc) Invoke(ctx context.Context, r task.Request) (task.Result, error) {
	return f(ctx, r)
}

func taskChain(n int) string {
	var states []string
	for i := range n {
		next := fmt.Sprintf(`"Next":"T%d"`, i+1)
		if i == n-1 {
			next = `"End":true`
		}
		states = append(states, fmt.Sprintf(`"T%d":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo",%s}`, i, next))
	}
	return `{"StartAt":"T0","States":{` + strings.Join(states, ",") + `}}`
}

// History events ride in the record and are written in batches, not one
// write per step; a history read joins both.
func TestHistory_EventsWrittenInBatches(t *testing.T) {
	f := newFixture(t, echo())
	cs := countWrites(f)
	ex := f.start(taskChain(30), "chain", `{"note":"thirty echo tasks"}`)
	for i := 0; len(f.q.msgs) > 0; i++ {
		f.drainOne()
		if i == 12 { // mid-way, the history is whole too
			if h := f.historyTypes(ex.ARN); !strings.HasPrefix(h, "ExecutionStarted TaskStateEntered LambdaFunctionScheduled") {
				t.Fatalf("history mid-way: %s", h)
			}
		}
	}
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("status %s", got.Status)
	}
	h := f.historyTypes(ex.ARN)
	if n := strings.Count(h, "TaskStateExited"); n != 30 || !strings.HasSuffix(h, "ExecutionSucceeded") {
		t.Fatalf("history has %d TaskStateExited: %s", n, h)
	}
	events, steps := int64(strings.Count(h, " ")+1), cs.updates.Load()
	if w := cs.eventWrites.Load(); w == 0 || w > events/pendingEvents+2 || w >= steps/4 {
		t.Errorf("%d history writes for %d events in %d steps", w, events, steps)
	}
}

// drainOne delivers the first queued message.
func (f *fixture) drainOne() {
	f.t.Helper()
	m := f.q.msgs[0]
	f.q.msgs = f.q.msgs[1:]
	if err := f.r.Handle(context.Background(), m); err != nil {
		f.t.Fatalf("handle %+v: %v", m, err)
	}
}

// An outbox whose sending was cut short must survive however many commits
// follow until its trigger comes back: here a branch's wake-up message is
// lost while the other branch takes many steps.
func TestHandle_LostSendSurvivesManyCommits(t *testing.T) {
	var pass []string
	for i := range 60 {
		next := fmt.Sprintf(`"Next":"P%d"`, i+1)
		if i == 59 {
			next = `"End":true`
		}
		pass = append(pass, fmt.Sprintf(`"P%d":{"Type":"Pass",%s}`, i, next))
	}
	def := `{"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":3600,"End":true}}},
	  {"StartAt":"P0","States":{` + strings.Join(pass, ",") + `}}]}}}`
	f := newFixture(t, nil)
	ex := f.start(def, "lost", `{}`)
	f.drainOne() // the fork
	branches := f.takeAll()
	nap := branches[0]
	f.q.fail = errors.New("network down")
	if err := f.r.Handle(context.Background(), nap); err == nil {
		t.Fatal("want the send error so that SQS redelivers")
	}
	f.q.fail = nil
	f.q.msgs = branches[1:]
	f.drain() // the long branch ends; the execution waits for the lost wake-up
	if got := f.get(ex.ARN); got.Status != StatusRunning {
		t.Fatalf("status %s before the redelivery", got.Status)
	}
	nap.ReceiveCount = 2
	if err := f.r.Handle(context.Background(), nap); err != nil {
		t.Fatal(err)
	}
	if len(f.q.msgs) != 1 || f.q.msgs[0].Kind != queue.KindWake {
		t.Fatalf("redelivery sent %+v, want the lost wake-up", f.q.msgs)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("status %s", got.Status)
	}
}

// A Map whose input is large parks it in a payload item while the
// iterations run (the record stays small), and restores it to join, also
// after a stop in the middle and a redrive.
func TestMap_LargeInputIsStashedWhileIterationsRun(t *testing.T) {
	f := newFixture(t, echo())
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.out","MaxConcurrency":3,"End":true,
	 "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:w","End":true}}}}}}`
	pad := strings.Repeat("x", 8<<10)
	ex := f.start(def, "stash", `{"pad":"`+pad+`","items":[1,2,3,4,5,6,7,8,9,10]}`)
	f.drainOne() // the fork
	f.drainOne() // an iteration
	st, err := decodeState(f.get(ex.ARN).State)
	if err != nil {
		t.Fatal(err)
	}
	if root := st.Frames[rootFrame]; root.RecKey == "" || root.Rec.Input != nil {
		t.Errorf("the Map's record was not stashed while its iterations run: %+v", root.RecJSON)
	}
	if _, err := f.r.Stop(context.Background(), ex.ARN, "Halt", "mid-Map"); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusAborted {
		t.Fatalf("after stop: %s", got.Status)
	}
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	got := f.get(ex.ARN)
	want := `{"pad":"` + pad + `","items":[1,2,3,4,5,6,7,8,9,10],"out":[1,2,3,4,5,6,7,8,9,10]}`
	if got.Status != StatusSucceeded || got.Output != want {
		t.Fatalf("after redrive %s %.200s", got.Status, got.Output)
	}
}

// The tasks of a batch run concurrently: each call here waits until all
// five have started, which sequential calls never would.
func TestHandleBatch_TasksRunConcurrently(t *testing.T) {
	var started atomic.Int64
	all := make(chan struct{})
	inv := invokerErrFunc(func(ctx context.Context, r task.Request) (task.Result, error) {
		if started.Add(1) == 5 {
			close(all)
		}
		select {
		case <-all:
			return task.Result{Output: r.Input}, nil
		case <-time.After(2 * time.Second):
			return task.Failure("NotConcurrent", "the other tasks of the batch did not start"), nil
		}
	})
	f := newFixture(t, inv)
	ex := f.start(mapOfFive, "together", `{"items":[1,2,3,4,5]}`)
	f.r.HandleBatch(context.Background(), f.takeAll())
	for i, err := range f.r.HandleBatch(context.Background(), f.takeAll()) {
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != "[1,2,3,4,5]" {
		t.Fatalf("execution: %s %s %s", got.Status, got.Error, got.Cause)
	}
}

// A batch whose commit succeeded but whose sending failed is retried one
// message at a time; those retries resend the committed messages rather
// than take the commit for a duplicate's.
func TestHandleBatch_SendFailureAfterCommitResends(t *testing.T) {
	f := newFixture(t, echo())
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
	 "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:w","End":true}}}}}}`
	ex := f.start(def, "resend", `{"items":[1,2,3,4,5]}`)
	f.r.HandleBatch(context.Background(), f.takeAll())
	iterations := f.takeAll()
	if len(iterations) != 2 {
		t.Fatalf("%d iteration messages, want 2", len(iterations))
	}
	f.q.failNext = 1
	f.r.HandleBatch(context.Background(), iterations)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != "[1,2,3,4,5]" {
		t.Fatalf("execution: %s %s (a message sent after the commit was lost)", got.Status, got.Output)
	}
}

// loseCommitThenRedeliver handles the first queued message with its commit
// lost (a stepper that died after its tasks ran), then delivers it again.
func (f *fixture) loseCommitThenRedeliver(fs *hookStore) {
	f.t.Helper()
	first := f.takeAll()[0]
	fs.onceBeforeUpdate("", answer(errLostCommit))
	if err := f.r.Handle(context.Background(), first); err == nil {
		f.t.Fatal("want the commit error")
	}
	first.ReceiveCount = 2
	if err := f.r.Handle(context.Background(), first); err != nil {
		f.t.Fatal(err)
	}
}

// Each task attempt has its own AttemptID — per loop pass, Map iteration
// and retry — and an attempt repeated after a lost commit has the same.
func TestAttemptID_StableAndDistinct(t *testing.T) {
	var ids []string
	inv := invokerFunc(func(r task.Request) task.Result {
		ids = append(ids, r.State+" "+r.AttemptID)
		if r.State == "Flaky" && r.Attempt == 0 {
			return task.Failure("Boom", "first attempt fails")
		}
		return task.Result{Output: r.Input}
	})
	f := newFixture(t, inv)
	fs := newHookStore(f.st)
	f.r.opts.Store = fs
	def := `{"StartAt":"Loop","States":{
	 "Loop":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","ResultSelector":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Again"},
	 "Again":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"Loop"}],"Default":"Fan"},
	 "Fan":{"Type":"Map","ItemsPath":"$$.Execution.Input.items","Next":"Flaky",
	  "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}},
	 "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":1}],"End":true}}}`
	ex := f.start(def, "ids", `{"n":0,"items":[1,2,3]}`)
	// The first step invokes Loop and then loses its commit; the message
	// comes back and invokes the same attempt again.
	f.loseCommitThenRedeliver(fs)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("status %s %s %s", got.Status, got.Error, got.Cause)
	}
	if len(ids) != 3+1+3+2 {
		t.Fatalf("%d invocations: %v", len(ids), ids)
	}
	if ids[0] != ids[1] || !strings.HasPrefix(ids[0], "Loop "+ex.ARN+"/") {
		t.Errorf("the repeated attempt changed identity: %q, %q", ids[0], ids[1])
	}
	seen := map[string]bool{}
	for _, id := range ids[1:] {
		if seen[id] {
			t.Errorf("two attempts share the identity %q: %v", id, ids)
		}
		seen[id] = true
	}
}

// Stopping an execution stops its branches and iterations: their pending
// messages find no frame, no task runs after the stop, and the history
// ends with ExecutionAborted.
func TestStop_StopsBranchesAndIterations(t *testing.T) {
	var calls atomic.Int64
	inv := invokerFunc(func(r task.Request) task.Result { calls.Add(1); return task.Result{Output: r.Input} })
	f := newFixture(t, inv)
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":60,"End":true}}},
	  {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"End":true,
	   "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:w","End":true}}}}}}]}}}`
	ex := f.start(def, "halt", `{"items":[1,2,3,4,5,6]}`)
	for range 4 { // the fork, both branches, the Map's fork
		f.drainOne()
	}
	f.drainOne() // one iteration runs its task
	if calls.Load() != 1 {
		t.Fatalf("%d tasks ran before the stop, want 1", calls.Load())
	}
	if _, err := f.r.Stop(context.Background(), ex.ARN, "Halt", ""); err != nil {
		t.Fatal(err)
	}
	pending := len(f.q.msgs)
	f.drain()
	if pending == 0 || calls.Load() != 1 {
		t.Errorf("%d messages were pending at the stop; %d tasks ran in all, want 1", pending, calls.Load())
	}
	got := f.get(ex.ARN)
	if got.Status != StatusAborted {
		t.Fatalf("status %s", got.Status)
	}
	if h := f.historyTypes(ex.ARN); !strings.HasSuffix(h, "ExecutionAborted") || strings.Count(h, "ExecutionAborted") != 1 {
		t.Errorf("history %s", h)
	}
}

// A nested start repeated after a lost commit finds the child its first
// try started: one child runs, and a .sync parent follows it.
func TestNestedExecution_RepeatedAttemptStartsOneChild(t *testing.T) {
	for _, resource := range []string{"", ".sync", ".sync:2"} {
		t.Run("startExecution"+resource, func(t *testing.T) {
			mux := &task.Mux{}
			f := newFixture(t, mux)
			mux.Handle(NestedResource, f.r.NestedInvoker())
			fs := newHookStore(f.st)
			f.r.opts.Store = fs
			child := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:child", Name: "child", Type: "STANDARD", Definition: passChain}
			if err := f.st.CreateStateMachine(context.Background(), child); err != nil {
				t.Fatal(err)
			}
			parent := `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution` + resource + `",
			 "Parameters":{"StateMachineArn":"` + child.ARN + `","Input":{"from":"parent"}},"End":true}}}`
			ex := f.start(parent, "parent", `{}`)
			f.loseCommitThenRedeliver(fs) // the parent's commit after the start is lost
			f.drain()
			if got := f.get(ex.ARN); got.Status != StatusSucceeded {
				t.Fatalf("parent %s %s %s", got.Status, got.Error, got.Cause)
			}
			children, _, err := f.st.ListExecutions(context.Background(), store.ExecutionFilter{StateMachineARN: child.ARN}, store.Page{})
			if err != nil || len(children) != 1 || children[0].Status != StatusSucceeded {
				t.Fatalf("children %+v, %v: want one, succeeded", children, err)
			}
		})
	}
}

// A callback task repeated after a lost commit hands out the same token,
// so the answer to the first try's message is accepted.
func TestCallbacks_RepeatedAttemptKeepsItsToken(t *testing.T) {
	var tokens []string
	f := newFixture(t, pendingInvoker(&tokens))
	fs := newHookStore(f.st)
	f.r.opts.Store = fs
	ex := f.start(callbackDef, "token", `{}`)
	f.loseCommitThenRedeliver(fs)
	if len(tokens) != 2 || tokens[0] != tokens[1] || tokens[0] == "" {
		t.Fatalf("tokens of the two tries: %q", tokens)
	}
	if err := f.r.SendTaskSuccess(context.Background(), tokens[0], `{"ok":1}`); err != nil {
		t.Fatalf("answer to the first try's token: %v", err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != `{"ok":1}` {
		t.Fatalf("execution %s %s", got.Status, got.Output)
	}
}

// payloadCounter counts payload writes.
type payloadCounter struct {
	store.Store
	puts atomic.Int64
}

func (s *payloadCounter) PutPayload(ctx context.Context, key string, data []byte) error {
	s.puts.Add(1)
	return s.Store.PutPayload(ctx, key, data)
}

// A runner writes a definition once, and again a day later, which keeps
// its payload's TTL ahead of the executions that use it.
func TestStart_DefinitionWrittenOnceADay(t *testing.T) {
	f := newFixture(t, nil)
	pc := &payloadCounter{Store: f.st}
	f.r.opts.Store = pc
	for i := range 3 {
		f.start(passChain, fmt.Sprintf("d%d", i), `{}`)
	}
	if n := pc.puts.Load(); n != 1 {
		t.Errorf("%d definition writes for 3 starts, want 1", n)
	}
	f.clk.Advance(25 * time.Hour)
	f.start(passChain, "later", `{}`)
	if n := pc.puts.Load(); n != 2 {
		t.Errorf("%d definition writes after a day, want 2", n)
	}
}

// A step whose state would pass spillLimit moves its events and large
// frame records to payload items; the record stays small and the history
// whole.
func TestCommit_SpillsLargeSteps(t *testing.T) {
	f := newFixture(t, echo())
	cs := countWrites(f)
	big := strings.Repeat("0123456789abcdef", 8<<10) // 128 KB
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"T"},
	 "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	ex := f.start(def, "spill", `{"big":"`+big+`"}`)
	for len(f.q.msgs) > 0 {
		f.drainOne()
		if st := f.get(ex.ARN).State; len(st) > spillLimit {
			t.Fatalf("record state of %d bytes, above %d", len(st), spillLimit)
		}
	}
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `{"big":"`+big+`"}` {
		t.Fatalf("execution %s, output of %d bytes", got.Status, len(got.Output))
	}
	want := "ExecutionStarted PassStateEntered PassStateExited TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionSucceeded TaskStateExited PassStateEntered PassStateExited ExecutionSucceeded"
	if h := f.historyTypes(ex.ARN); h != want {
		t.Errorf("history %s", h)
	}
	if cs.eventWrites.Load() == 0 {
		t.Error("no history items written")
	}
}

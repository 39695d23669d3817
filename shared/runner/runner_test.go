package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
	"github.com/stepwise/stepwise/shared/task"
)

// testQueue records messages; tests deliver them.
type testQueue struct {
	msgs []queue.Message
	fail error
	// failNext fails that many sends.
	failNext int
}

func (q *testQueue) Send(_ context.Context, m queue.Message, _ time.Duration) error {
	if q.fail != nil {
		return q.fail
	}
	if q.failNext > 0 {
		q.failNext--
		return errors.New("throttled")
	}
	q.msgs = append(q.msgs, m)
	return nil
}

// invokerFunc adapts a function to task.Invoker.
type invokerFunc func(task.Request) task.Result

func (f invokerFunc) Invoke(_ context.Context, r task.Request) (task.Result, error) { return f(r), nil }

type fixture struct {
	t   *testing.T
	st  *memstore.Store
	q   *testQueue
	clk *clock.Fake
	r   *Runner
}

func newFixture(t *testing.T, inv task.Invoker, opts ...func(*Options)) *fixture {
	f := &fixture{t: t, st: memstore.New(), q: &testQueue{}, clk: clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))}
	n := 0
	o := Options{Store: f.st, Queue: f.q, Invoker: inv, Clock: f.clk, NewUUID: func() string { n++; return fmt.Sprintf("id-%d", n) }}
	for _, opt := range opts {
		opt(&o)
	}
	f.r = New(o)
	return f
}

func (f *fixture) start(def, name, input string) store.Execution {
	f.t.Helper()
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
	ex, err := f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: def, Name: name, Input: input})
	if err != nil {
		f.t.Fatal(err)
	}
	return ex
}

// drain delivers queued messages (advancing the fake clock to their due
// time) until the queue is empty.
func (f *fixture) drain() {
	f.t.Helper()
	for i := 0; len(f.q.msgs) > 0; i++ {
		if i > 10000 {
			f.t.Fatal("queue never drains")
		}
		// Deliver the earliest due message first, as a delay queue does.
		next := 0
		for j, m := range f.q.msgs {
			if m.Due.Before(f.q.msgs[next].Due) {
				next = j
			}
		}
		m := f.q.msgs[next]
		f.q.msgs = append(f.q.msgs[:next], f.q.msgs[next+1:]...)
		if m.Due.After(f.clk.Now()) {
			_ = f.clk.SleepUntil(context.Background(), m.Due)
		}
		if err := f.r.Handle(context.Background(), m); err != nil {
			f.t.Fatalf("handle %+v: %v", m, err)
		}
	}
}

func (f *fixture) get(arn string) store.Execution {
	f.t.Helper()
	ex, err := f.st.GetExecution(context.Background(), arn)
	if err != nil {
		f.t.Fatal(err)
	}
	return ex
}

func (f *fixture) historyTypes(arn string) string {
	f.t.Helper()
	evs, err := f.r.History(context.Background(), arn)
	if err != nil {
		f.t.Fatal(err)
	}
	var types []string
	for i, e := range evs {
		if e.ID != int64(i+1) {
			f.t.Errorf("event %d has id %d", i, e.ID)
		}
		types = append(types, e.Type)
	}
	return strings.Join(types, " ")
}

const passChain = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Result":{"done":true},"End":true}}}`

func TestStart_RunsToCompletion(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(passChain, "e1", `{"x":1}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `{"done":true}` || got.StopDate.IsZero() || got.ExpiresAt.IsZero() {
		t.Fatalf("execution: %+v", got)
	}
	want := "ExecutionStarted PassStateEntered PassStateExited PassStateEntered PassStateExited ExecutionSucceeded"
	if h := f.historyTypes(ex.ARN); h != want {
		t.Errorf("history %s", h)
	}
}

func TestStart_Idempotency(t *testing.T) {
	f := newFixture(t, nil)
	a := f.start(passChain, "same", `{"x":1}`)
	b := f.start(passChain, "same", `{"x":1}`) // running, same input: the original
	if a.ARN != b.ARN || b.StartDate != a.StartDate {
		t.Fatalf("not idempotent: %+v vs %+v", a, b)
	}
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
	_, err := f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: passChain, Name: "same", Input: `{"x":2}`})
	if !errors.Is(err, ErrExecutionAlreadyExists) {
		t.Fatalf("different input: %v", err)
	}
	f.drain()
	_, err = f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: passChain, Name: "same", Input: `{"x":1}`})
	if !errors.Is(err, ErrExecutionAlreadyExists) {
		t.Fatalf("finished execution: %v", err)
	}
}

func TestHandle_DuplicateAndStaleMessagesAreHarmless(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(passChain, "dup", `{}`)
	var seen []queue.Message
	for len(f.q.msgs) > 0 {
		m := f.q.msgs[0]
		f.q.msgs = f.q.msgs[1:]
		seen = append(seen, m)
		for i := 0; i < 3; i++ { // SQS may deliver any message again
			if err := f.r.Handle(context.Background(), m); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range seen { // late redeliveries of every message
		if err := f.r.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	f.drain()
	if h := f.historyTypes(ex.ARN); strings.Count(h, "PassStateEntered") != 2 || !strings.HasSuffix(h, "ExecutionSucceeded") {
		t.Errorf("history %s", h)
	}
}

// A crash between the commit and its flush loses the events and the next
// message; the redelivered trigger re-flushes them.
func TestHandle_RedeliveryRepairsLostFlush(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(passChain, "crash", `{}`)
	first := f.q.msgs[0]
	f.q.msgs = nil
	f.q.fail = errors.New("network down") // the commit succeeds, the send fails
	if err := f.r.Handle(context.Background(), first); err == nil {
		t.Fatal("want the flush error so that SQS redelivers")
	}
	f.q.fail = nil
	first.ReceiveCount = 2
	if err := f.r.Handle(context.Background(), first); err != nil { // redelivery
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("status %s", got.Status)
	}
	if h := f.historyTypes(ex.ARN); strings.Count(h, "PassStateEntered") != 2 {
		t.Errorf("history %s", h)
	}
}

const callbackDef = `{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
 "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"TimeoutSeconds":60,"HeartbeatSeconds":10,
 "Catch":[{"ErrorEquals":["States.Timeout","States.HeartbeatTimeout"],"Next":"Late"}],"End":true},
 "Late":{"Type":"Pass","End":true}}}`

func pendingInvoker(tokens *[]string) task.Invoker {
	return invokerFunc(func(r task.Request) task.Result {
		*tokens = append(*tokens, r.TaskToken)
		return task.Result{Pending: true}
	})
}

func TestCallbacks(t *testing.T) {
	tests := []struct {
		name       string
		act        func(f *fixture, token string) error
		wantStatus string
		wantOutput string
		wantEvents string
	}{
		{"success", func(f *fixture, tok string) error { return f.r.SendTaskSuccess(context.Background(), tok, `{"ok":1}`) },
			StatusSucceeded, `{"ok":1}`, "TaskSucceeded"},
		{"failure", func(f *fixture, tok string) error {
			return f.r.SendTaskFailure(context.Background(), tok, "Denied", "no")
		},
			StatusFailed, "", "TaskFailed"},
		{"heartbeat timeout", func(f *fixture, tok string) error { return nil }, StatusSucceeded, `{"Error":"States.HeartbeatTimeout","Cause":""}`, "TaskTimedOut"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tokens []string
			f := newFixture(t, pendingInvoker(&tokens))
			ex := f.start(callbackDef, "cb", `{}`)
			// Run the first step only: it parks on the token.
			m := f.q.msgs[0]
			f.q.msgs = f.q.msgs[1:]
			if err := f.r.Handle(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			if len(tokens) != 1 || tokens[0] == "" {
				t.Fatalf("tokens %v", tokens)
			}
			if err := tt.act(f, tokens[0]); err != nil {
				t.Fatal(err)
			}
			f.drain()
			got := f.get(ex.ARN)
			if got.Status != tt.wantStatus || (tt.wantOutput != "" && !jsonval.Equal(jsonval.MustDecode(got.Output), jsonval.MustDecode(tt.wantOutput))) {
				t.Fatalf("execution %s output %s error %s", got.Status, got.Output, got.Error)
			}
			if h := f.historyTypes(ex.ARN); !strings.Contains(h, "TaskSubmitted "+tt.wantEvents) {
				t.Errorf("history %s", h)
			}
			if err := f.r.SendTaskSuccess(context.Background(), tokens[0], `{}`); !errors.Is(err, ErrTaskTimedOut) {
				t.Errorf("late callback: %v", err)
			}
		})
	}
}

func TestCallbacks_HeartbeatKeepsTaskAlive(t *testing.T) {
	var tokens []string
	f := newFixture(t, pendingInvoker(&tokens))
	ex := f.start(callbackDef, "hb", `{}`)
	m := f.q.msgs[0]
	f.q.msgs = f.q.msgs[1:]
	if err := f.r.Handle(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ { // 3 × 8 s of heartbeats: past the 10 s heartbeat limit
		f.clk.Advance(8 * time.Second)
		if err := f.r.SendTaskHeartbeat(context.Background(), tokens[0]); err != nil {
			t.Fatal(err)
		}
		for _, hm := range f.q.msgs {
			if hm.Kind == queue.KindHeartbeat && !hm.Due.After(f.clk.Now()) {
				if err := f.r.Handle(context.Background(), hm); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if got := f.get(ex.ARN); got.Status != StatusRunning {
		t.Fatalf("status %s after heartbeats", got.Status)
	}
	if err := f.r.SendTaskSuccess(context.Background(), tokens[0], `"ok"`); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || got.Output != `"ok"` {
		t.Fatalf("execution %s %s", got.Status, got.Output)
	}
}

func TestCallbacks_InvalidToken(t *testing.T) {
	f := newFixture(t, nil)
	if err := f.r.SendTaskSuccess(context.Background(), "nope", `{}`); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("got %v", err)
	}
}

func TestStop(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`, "stop", `{}`)
	m := f.q.msgs[0]
	f.q.msgs = f.q.msgs[1:]
	if err := f.r.Handle(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got, err := f.r.Stop(context.Background(), ex.ARN, "Bored", "too slow")
	if err != nil || got.Status != StatusAborted || got.Error != "Bored" {
		t.Fatalf("stop: %v %+v", err, got)
	}
	f.drain() // the wake message finds an aborted execution
	if h := f.historyTypes(ex.ARN); !strings.HasSuffix(h, "WaitStateEntered ExecutionAborted") {
		t.Errorf("history %s", h)
	}
	if _, err := f.r.Stop(context.Background(), "arn:aws:states:us-east-1:000000000000:execution:sm:none", "", ""); !errors.Is(err, ErrExecutionDoesNotExist) {
		t.Errorf("stop unknown: %v", err)
	}
}

func TestExecutionTimeout(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(`{"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}`, "slow", `{}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusTimedOut || got.Error != "States.Timeout" {
		t.Fatalf("execution %s %s", got.Status, got.Error)
	}
}

func TestLongWaitIsChainedPastQueueLimit(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}`, "year", `{}`)
	resends := 0
	for len(f.q.msgs) > 0 {
		m := f.q.msgs[0]
		f.q.msgs = f.q.msgs[1:]
		// Deliver as SQS would: at most 15 minutes later.
		f.clk.Advance(min(queue.MaxDelay, max(m.Due.Sub(f.clk.Now()), 0)))
		if m.Kind == queue.KindWake && m.Due.After(f.clk.Now()) {
			resends++
		}
		if err := f.r.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("status %s", got.Status)
	}
	if resends < 35000 {
		t.Errorf("a year's wait took only %d re-sends", resends)
	}
}

func TestStartSync_Express(t *testing.T) {
	f := newFixture(t, nil)
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:fast", Name: "fast", Type: "EXPRESS"}
	ex, err := f.r.StartSync(context.Background(), StartRequest{StateMachine: sm, Definition: passChain, Input: `{}`})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != StatusSucceeded || ex.Output != `{"done":true}` || !strings.Contains(ex.ARN, ":express:fast:") {
		t.Fatalf("%+v", ex)
	}
	if len(f.q.msgs) != 0 {
		t.Errorf("express sync sent %d messages", len(f.q.msgs))
	}
}

func TestStart_ExpressAsync(t *testing.T) {
	f := newFixture(t, nil)
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:fast", Name: "fast", Type: "EXPRESS"}
	ex, err := f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: passChain, Input: `{}`})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.q.msgs) != 1 || f.q.msgs[0].Kind != KindExpress {
		t.Fatalf("messages %+v", f.q.msgs)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("status %s", got.Status)
	}
}

func TestMap_TenThousandItems(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	f := newFixture(t, nil)
	// 40,000 events: beyond AWS's history quota, within a raised one.
	f.r.opts.Limits.HistoryEvents, f.r.opts.Limits.ForkChildren = 100_000, 50_000
	def := `{"StartAt":"M","States":{
	 "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$"},"End":true}}},
	 "ResultSelector":{"n.$":"States.ArrayLength($)"},"End":true}}}`
	items := make([]string, 10000)
	for i := range items {
		items[i] = fmt.Sprint(i)
	}
	ex := f.start(def, "big", `{"items":[`+strings.Join(items, ",")+`]}`)
	for len(f.q.msgs) > 0 { // FIFO: fast path of drain for many messages
		m := f.q.msgs[0]
		f.q.msgs = f.q.msgs[1:]
		if err := f.r.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `{"n":10000}` {
		t.Fatalf("execution %s %s %s", got.Status, got.Error, got.Cause)
	}
	if len(got.State) > recordSoftLimit {
		t.Errorf("state %d bytes", len(got.State))
	}
}

func TestNestedExecution(t *testing.T) {
	tests := []struct {
		name, resource, childDef string
		status, check            string
	}{
		{"sync success", ".sync", passChain, StatusSucceeded, `"Output":"{\"done\":true}"`},
		{"sync:2 success", ".sync:2", passChain, StatusSucceeded, `"Output":{"done":true}`},
		{"sync child fails", ".sync", `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"child"}}}`, StatusFailed, `States.TaskFailed`},
		{"fire and forget", "", passChain, StatusSucceeded, `"ExecutionArn":"arn:aws:states:us-east-1:000000000000:execution:child:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := &task.Mux{}
			f := newFixture(t, mux)
			mux.Handle(NestedResource, f.r.NestedInvoker())
			child := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:child", Name: "child", Type: "STANDARD", Definition: tt.childDef}
			if err := f.st.CreateStateMachine(context.Background(), child); err != nil {
				t.Fatal(err)
			}
			parent := `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution` + tt.resource + `",
			 "Parameters":{"StateMachineArn":"` + child.ARN + `","Input":{"from":"parent"}},"End":true}}}`
			ex := f.start(parent, "parent", `{}`)
			f.drain()
			got := f.get(ex.ARN)
			if got.Status != tt.status {
				t.Fatalf("parent %s %s %s", got.Status, got.Error, got.Cause)
			}
			if !strings.Contains(got.Output+got.Error+got.Cause, tt.check) {
				t.Errorf("parent output %s error %s cause %s lacks %s", got.Output, got.Error, got.Cause, tt.check)
			}
		})
	}
}

func TestRedrive(t *testing.T) {
	calls := 0
	inv := invokerFunc(func(task.Request) task.Result {
		calls++
		if calls == 1 {
			return task.Failure("Flaky", "first call fails")
		}
		return task.Success(jsonval.MustDecode(`{"ok":true}`))
	})
	f := newFixture(t, inv)
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","Next":"C"},
	 "C":{"Type":"Pass","Parameters":{"redrives.$":"$$.Execution.RedriveCount"},"End":true}}}`
	ex := f.start(def, "redrive", `{}`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != "Flaky" {
		t.Fatalf("first run %s %s", got.Status, got.Error)
	}
	red, err := f.r.Redrive(context.Background(), ex.ARN)
	if err != nil || red.Status != StatusRunning || red.RedriveCount != 1 {
		t.Fatalf("redrive: %v %+v", err, red)
	}
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded || got.Output != `{"redrives":1}` {
		t.Fatalf("after redrive %s %s", got.Status, got.Output)
	}
	h := f.historyTypes(ex.ARN)
	if !strings.Contains(h, "ExecutionFailed ExecutionRedriven TaskStateEntered") || strings.Count(h, "PassStateEntered") != 2 {
		t.Errorf("history %s", h)
	}
	if _, err := f.r.Redrive(context.Background(), ex.ARN); !errors.Is(err, ErrNotRedrivable) {
		t.Errorf("redrive of a succeeded execution: %v", err)
	}
}

package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// createFails is a store whose CreateExecution fails without writing, as a
// start killed before its create looks to its messages.
type createFails struct{ store.Store }

func (createFails) CreateExecution(context.Context, store.Execution) error {
	return errors.New("connection reset")
}

func TestStart_MessageOfAStartThatNeverBeganIsDropped(t *testing.T) {
	f := newFixture(t, nil)
	f.r.opts.StartWindow = 20 * time.Millisecond
	f.r.opts.Store = createFails{f.st}
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
	if _, err := f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: passChain, Name: "lost"}); err == nil {
		t.Fatal("Start succeeded without its record")
	}
	f.r.opts.Store = f.st
	if len(f.q.msgs) != 1 || f.q.msgs[0].Sent.IsZero() {
		t.Fatalf("messages before the create: %+v, want the first step with Sent", f.q.msgs)
	}
	m := f.q.msgs[0]
	f.q.msgs = nil
	// Within the window the message waits for the record, then comes back.
	if err := f.r.Handle(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if len(f.q.msgs) != 1 || f.q.msgs[0] != m {
		t.Fatalf("within the window: messages %+v, want %+v re-sent", f.q.msgs, m)
	}
	f.q.msgs = nil
	// After it, the start never began: the message is dropped.
	f.clk.Advance(time.Second)
	if err := f.r.Handle(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if len(f.q.msgs) != 0 {
		t.Fatalf("after the window: messages %+v, want none", f.q.msgs)
	}
	if _, err := f.st.GetExecution(context.Background(), m.Execution); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("record of a start that never began: %v", err)
	}
	// The start retried under the same name runs.
	ex := f.start(passChain, "lost", "")
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("retried start %s", got.Status)
	}
}

// slowCreate is a store whose CreateExecution waits for release.
type slowCreate struct {
	store.Store
	release chan struct{}
}

func (s slowCreate) CreateExecution(ctx context.Context, ex store.Execution) error {
	<-s.release
	return s.Store.CreateExecution(ctx, ex)
}

// syncQueue hands sent messages to a channel.
type syncQueue chan queue.Message

func (q syncQueue) Send(_ context.Context, m queue.Message, _ time.Duration) error {
	q <- m
	return nil
}

func TestStart_MessageAheadOfItsRecordWaitsForIt(t *testing.T) {
	f := newFixture(t, nil)
	q := make(syncQueue, 10)
	release := make(chan struct{})
	f.r.opts.Queue, f.r.opts.Store = q, slowCreate{f.st, release}
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := f.r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: passChain, Name: "early"}); err != nil {
			t.Error(err)
		}
	}()
	var first queue.Message
	select {
	case first = <-q:
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatal("no message sent before the record was created")
	}
	time.AfterFunc(30*time.Millisecond, func() { close(release) })
	if err := f.r.Handle(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	got := f.get(first.Execution)
	if got.Version != 2 {
		t.Fatalf("record version %d after the early message, want 2 (its step committed)", got.Version)
	}
	if next := <-q; next.Frame != rootFrame || next.Version != 2 {
		t.Fatalf("next message %+v, want the root's second step", next)
	}
}

func TestExecutionTimeout_TimerOfAnotherStartIsIgnored(t *testing.T) {
	f := newFixture(t, nil)
	ex := f.start(`{"TimeoutSeconds":50,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}`, "slow", `{}`)
	// The timer of a start under the same name that died before its
	// record, with a shorter timeout.
	stale := queue.Message{Execution: ex.ARN, Kind: queue.KindTimeout, Due: ex.StartDate.Add(5 * time.Second), Sent: ex.StartDate}
	f.clk.Advance(6 * time.Second)
	if err := f.r.Handle(context.Background(), stale); err != nil {
		t.Fatal(err)
	}
	if got := f.get(ex.ARN); got.Status != StatusRunning {
		t.Fatalf("a stale timer ended the execution: %s", got.Status)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusTimedOut || got.StopDate.Sub(got.StartDate) != 50*time.Second {
		t.Fatalf("execution %s after %v, want TIMED_OUT after 50s", got.Status, got.StopDate.Sub(got.StartDate))
	}
}

func TestNestedExecution_ConcurrentTryFindsTheEndedChild(t *testing.T) {
	mux := &task.Mux{}
	f := newFixture(t, mux)
	mux.Handle(NestedResource, f.r.NestedInvoker())
	fs := newHookStore(f.st)
	f.r.opts.Store = fs
	child := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:child", Name: "child", Type: "STANDARD", Definition: passChain}
	if err := f.st.CreateStateMachine(context.Background(), child); err != nil {
		t.Fatal(err)
	}
	parent := `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
	 "Parameters":{"StateMachineArn":"` + child.ARN + `","Input":{"from":"parent"}},"End":true}}}`
	ex := f.start(parent, "parent", `{}`)
	first := f.takeAll()[0]
	fs.onceBeforeUpdate("", answer(errLostCommit))
	if err := f.r.Handle(context.Background(), first); err == nil {
		t.Fatal("want the commit error")
	}
	f.drain() // the child runs to its end
	// The next read of the child misses, as a try of an attempt running
	// alongside the one that created the child sees it.
	fs.onceBeforeGet(":execution:child:", answer(store.ErrNotFound))
	first.ReceiveCount = 2
	if err := f.r.Handle(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded {
		t.Fatalf("parent %s %s %s", got.Status, got.Error, got.Cause)
	}
}

// endChild ends the child execution, as if it had run to its end and its
// report had given up on the parent.
func endChild(ctx context.Context, s store.Store) error {
	children, _, err := s.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: "arn:aws:states:us-east-1:000000000000:stateMachine:child"}, store.Page{})
	if err != nil || len(children) != 1 {
		return fmt.Errorf("children %d: %v", len(children), err)
	}
	c, err := s.GetExecution(ctx, children[0].ARN) // a listing leaves the state out
	if err != nil {
		return err
	}
	c.Status, c.Output, c.StopDate, c.Version = StatusSucceeded, `{"done":true}`, c.StartDate, c.Version+1
	return s.UpdateExecution(ctx, c, c.Version-1)
}

func TestNestedExecution_ChildEndedBeforeTheParentParked(t *testing.T) {
	mux := &task.Mux{}
	f := newFixture(t, mux)
	mux.Handle(NestedResource, f.r.NestedInvoker())
	ec := newHookStore(f.st)
	f.r.opts.Store = ec
	child := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:child", Name: "child", Type: "STANDARD", Definition: passChain}
	if err := f.st.CreateStateMachine(context.Background(), child); err != nil {
		t.Fatal(err)
	}
	parent := `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
	 "Parameters":{"StateMachineArn":"` + child.ARN + `","Input":{"from":"parent"}},"End":true}}}`
	ex := f.start(parent, "parent", `{}`)
	// The child ends right before the parent's next commit (the one that
	// parks the parent on the child).
	ec.onceBeforeUpdate(":execution:sm:parent", func(ctx context.Context) error { return endChild(ctx, f.st) })
	first := f.takeAll()[0]
	if err := f.r.Handle(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	f.q.msgs = nil // the child's own messages: it has ended already
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || !strings.Contains(got.Output, `"Output":{"done":true}`) {
		t.Fatalf("parent %s %s: parked on a child that had ended", got.Status, got.Output)
	}
}

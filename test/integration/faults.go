//go:build integration

// Package integration holds the integration suites (emulators, Runtime
// Interface Emulator) and, in faults*.go, the fault injectors and the event
// source mapping loop they share with the request-count benchmark.
package integration

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// Killed is the panic value of a stepper killed by a CrashPlan.
type Killed struct {
	Op string // the I/O call the stepper died right after
	N  int    // its position among the delivery's I/O calls (1-based)
}

// CrashPlan kills one message delivery right after its After-th I/O call
// (store, queue or task invoker), the way a Lambda instance dies: nothing
// after that point runs, and the message is redelivered later.
type CrashPlan struct {
	After int
	// Op, when set, narrows the count to calls of that I/O operation
	// ("Send", "CreateExecution", ...).
	Op string

	mu    sync.Mutex
	calls int
}

type crashKey struct{}

// WithCrashPlan returns ctx carrying p.
func WithCrashPlan(ctx context.Context, p *CrashPlan) context.Context {
	return context.WithValue(ctx, crashKey{}, p)
}

// tick counts one finished I/O call and kills the delivery at the planned one.
func tick(ctx context.Context, op string) {
	p, _ := ctx.Value(crashKey{}).(*CrashPlan)
	if p == nil {
		return
	}
	if p.Op != "" && p.Op != op {
		return
	}
	p.mu.Lock()
	p.calls++
	n := p.calls
	p.mu.Unlock()
	if n == p.After {
		panic(Killed{Op: op, N: n})
	}
}

// RunKillable runs fn and turns a Killed panic into a returned *Killed.
func RunKillable(fn func() error) (killed *Killed, err error) {
	defer func() {
		if v := recover(); v != nil {
			k, ok := v.(Killed)
			if !ok {
				panic(v)
			}
			killed = &k
		}
	}()
	return nil, fn()
}

// CrashStore is a store whose execution I/O calls obey the context's CrashPlan.
type CrashStore struct{ store.Store }

func (s CrashStore) CreateExecution(ctx context.Context, ex store.Execution) error {
	err := s.Store.CreateExecution(ctx, ex)
	tick(ctx, "CreateExecution")
	return err
}

func (s CrashStore) GetExecution(ctx context.Context, arn string) (store.Execution, error) {
	ex, err := s.Store.GetExecution(ctx, arn)
	tick(ctx, "GetExecution")
	return ex, err
}

func (s CrashStore) UpdateExecution(ctx context.Context, ex store.Execution, expected int64) error {
	err := s.Store.UpdateExecution(ctx, ex, expected)
	tick(ctx, "UpdateExecution")
	return err
}

func (s CrashStore) PutEvents(ctx context.Context, arn string, evs []history.Event) error {
	err := s.Store.PutEvents(ctx, arn, evs)
	tick(ctx, "PutEvents")
	return err
}

func (s CrashStore) GetEvents(ctx context.Context, arn string, from, to int64) ([]history.Event, error) {
	evs, err := s.Store.GetEvents(ctx, arn, from, to)
	tick(ctx, "GetEvents")
	return evs, err
}

func (s CrashStore) PutPayload(ctx context.Context, key string, data []byte) error {
	err := s.Store.PutPayload(ctx, key, data)
	tick(ctx, "PutPayload")
	return err
}

func (s CrashStore) GetPayload(ctx context.Context, key string) ([]byte, error) {
	b, err := s.Store.GetPayload(ctx, key)
	tick(ctx, "GetPayload")
	return b, err
}

func (s CrashStore) PutToken(ctx context.Context, token, arn string) error {
	err := s.Store.PutToken(ctx, token, arn)
	tick(ctx, "PutToken")
	return err
}

func (s CrashStore) GetToken(ctx context.Context, token string) (string, error) {
	arn, err := s.Store.GetToken(ctx, token)
	tick(ctx, "GetToken")
	return arn, err
}

func (s CrashStore) AddChildEnd(ctx context.Context, parentARN, report string) (bool, error) {
	ring, err := s.Store.AddChildEnd(ctx, parentARN, report)
	tick(ctx, "AddChildEnd")
	return ring, err
}

func (s CrashStore) ChildEnds(ctx context.Context, parentARN string, limit int) ([]string, bool, error) {
	reports, more, err := s.Store.ChildEnds(ctx, parentARN, limit)
	tick(ctx, "ChildEnds")
	return reports, more, err
}

func (s CrashStore) CloseChildEnds(ctx context.Context, parentARN, by string) (bool, error) {
	ring, err := s.Store.CloseChildEnds(ctx, parentARN, by)
	tick(ctx, "CloseChildEnds")
	return ring, err
}

func (s CrashStore) RemoveChildEnds(ctx context.Context, parentARN string, reports []string) error {
	err := s.Store.RemoveChildEnds(ctx, parentARN, reports)
	tick(ctx, "RemoveChildEnds")
	return err
}

// CrashSender is a queue sender obeying the context's CrashPlan.
type CrashSender struct{ queue.Sender }

func (q CrashSender) Send(ctx context.Context, m queue.Message, d time.Duration) error {
	err := q.Sender.Send(ctx, m, d)
	tick(ctx, "Send")
	return err
}

// CrashInvoker is a task invoker obeying the context's CrashPlan.
type CrashInvoker struct{ task.Invoker }

func (v CrashInvoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	res, err := v.Invoker.Invoke(ctx, req)
	tick(ctx, "Invoke")
	return res, err
}

// DupSender sends every message twice, so that SQS delivers each twice,
// possibly at the same time to two steppers.
type DupSender struct{ queue.Sender }

func (q DupSender) Send(ctx context.Context, m queue.Message, d time.Duration) error {
	if err := q.Sender.Send(ctx, m, d); err != nil {
		return err
	}
	if err := q.Sender.Send(ctx, m, d); err != nil {
		return fmt.Errorf("duplicate: %w", err)
	}
	return nil
}

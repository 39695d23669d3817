//go:build integration

package integration

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/stepbatch"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/test/harness"
)

// startRig is a table, a queue and 8 steppers over the emulators.
type startRig struct {
	e      *rtEnv
	stats  *faultStats
	drops  *DropLog
	sender queue.Sender
	r      *runner.Runner // the steppers' runner
	stop   func()
}

// newStartRig starts the steppers; plan picks the deliveries to kill (nil:
// none) and routes gets the runner to register its task invokers on.
func newStartRig(ctx context.Context, t *testing.T, em harness.Emulators, plan func(queue.Message) *CrashPlan) *startRig {
	e := newRTEnv(t, em)
	rig := &startRig{e: e, stats: &faultStats{kills: map[string]int{}}, drops: NewDropLog(), sender: sqsqueue.New(em.SQS(), e.queueURL)}
	mux := &task.Mux{}
	mux.Handle("arn:aws:lambda:", e.inv)
	rig.r = runner.New(runner.Options{Store: CrashStore{e.raw}, Queue: CrashSender{rig.sender}, Invoker: mux,
		Logger: slog.New(rig.drops), StartWindow: testStartWindow})
	mux.Handle(runner.NestedResource, rig.r.NestedInvoker())
	if plan == nil {
		plan = func(queue.Message) *CrashPlan { return nil }
	}
	pool := &Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 48, Visibility: time.Second, Stepper: killStepper{rig.r, rig.stats, plan}}
	rig.stop = pool.Run(ctx)
	return rig
}

// client is a fresh API instance: its I/O calls obey the context's CrashPlan.
func (rig *startRig) client() *runner.Runner {
	return runner.New(runner.Options{Store: CrashStore{rig.e.raw}, Queue: CrashSender{rig.sender},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), StartWindow: testStartWindow})
}

// forEach runs fn for 0..n-1, 8 at a time, and returns the first error.
func forEach(n int, fn func(i int) error) error {
	errs := make(chan error, n)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs <- fn(i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// killStepper kills the first delivery of the messages plan picks, right
// after the I/O call the plan names; the delivery comes back later, as a
// Lambda instance's batch does when the instance dies.
type killStepper struct {
	*runner.Runner
	stats *faultStats
	plan  func(queue.Message) *CrashPlan
}

func (k killStepper) HandleBatch(ctx context.Context, msgs []queue.Message) []error {
	k.stats.handled.Add(int64(len(msgs)))
	// Only a group of first deliveries is killed: a message that rides
	// with fresh ones (a late duplicate) would otherwise die with them on
	// every delivery, which no real crash pattern does.
	plan := k.plan(msgs[0])
	for _, m := range msgs {
		if m.ReceiveCount > 1 {
			plan = nil
		}
	}
	if plan == nil {
		return k.stats.countFailed(k.Runner.HandleBatch(ctx, msgs))
	}
	return k.stats.handleKillable(ctx, k.Runner, plan, msgs)
}

var _ stepbatch.Stepper = killStepper{}

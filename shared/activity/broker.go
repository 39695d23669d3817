// Package activity is the in-memory activity task broker: a task invoker
// submits activity tasks, and GetActivityTask long-polls for them. It is
// the embedded mode's queue of activity work, shared by both sides.
package activity

import (
	"context"
	"sync"
	"time"
)

// Task is one scheduled activity task.
type Task struct {
	Token string
	Input string
}

// Broker hands submitted tasks to pollers, first come first served.
type Broker struct {
	mu      sync.Mutex
	pending map[string][]Task
	waiters map[string][]chan Task
}

// NewBroker returns an empty broker.
func NewBroker() *Broker {
	return &Broker{pending: map[string][]Task{}, waiters: map[string][]chan Task{}}
}

// Submit queues a task for the activity, or hands it to a waiting poller.
func (b *Broker) Submit(_ context.Context, activityARN, input, token string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := Task{Token: token, Input: input}
	if ws := b.waiters[activityARN]; len(ws) > 0 {
		b.waiters[activityARN] = ws[1:]
		ws[0] <- t // buffered: never blocks
		return nil
	}
	b.pending[activityARN] = append(b.pending[activityARN], t)
	return nil
}

// Poll returns the activity's next task, waiting up to wait for one; ok
// is false when none arrived in time or ctx ended.
func (b *Broker) Poll(ctx context.Context, activityARN string, wait time.Duration) (t Task, ok bool, err error) {
	t, ok = b.poll(ctx, activityARN, wait)
	return t, ok, nil
}

func (b *Broker) poll(ctx context.Context, activityARN string, wait time.Duration) (Task, bool) {
	b.mu.Lock()
	if q := b.pending[activityARN]; len(q) > 0 {
		b.pending[activityARN] = q[1:]
		b.mu.Unlock()
		return q[0], true
	}
	ch := make(chan Task, 1)
	b.waiters[activityARN] = append(b.waiters[activityARN], ch)
	b.mu.Unlock()

	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case t := <-ch:
		return t, true
	case <-timer.C:
	case <-ctx.Done():
	}
	return b.cancel(activityARN, ch)
}

// cancel withdraws a waiter; if a task was handed to it meanwhile, the
// task is returned rather than lost.
func (b *Broker) cancel(activityARN string, ch chan Task) (Task, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	ws := b.waiters[activityARN]
	for i, w := range ws {
		if w == ch {
			b.waiters[activityARN] = append(ws[:i:i], ws[i+1:]...)
			return Task{}, false
		}
	}
	return <-ch, true
}

// Pending is the number of queued tasks of an activity.
func (b *Broker) Pending(activityARN string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.pending[activityARN])
}

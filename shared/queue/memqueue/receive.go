package memqueue

import (
	"context"
	"sort"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
)

// Receive returns up to limit visible messages (at least one is asked for
// when limit < 1). When none is visible it waits up to wait (real time) for
// one to be sent or to become visible, and then returns what it has, which
// may be nothing.
func (q *Queue) Receive(ctx context.Context, limit int, wait time.Duration) ([]queue.Delivery, error) {
	limit = max(limit, 1)
	deadline := time.Now().Add(wait)
	for {
		got, wake, next := q.take(limit)
		if len(got) > 0 {
			return got, nil
		}
		remaining := time.Until(deadline)
		if remaining <= 0 {
			return nil, ctx.Err()
		}
		if next > 0 && next < remaining {
			remaining = next
		}
		timer := time.NewTimer(remaining)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// take hides and returns up to limit visible messages, oldest first. With
// none it returns the channel that signals the next send and how long until
// the next hidden message becomes visible (0 if there is none).
func (q *Queue) take(limit int) ([]queue.Delivery, <-chan struct{}, time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.now()
	var visible []*entry
	var next time.Duration
	for _, e := range q.entries {
		if !e.visibleAt.After(now) {
			visible = append(visible, e)
		} else if d := e.visibleAt.Sub(now); next == 0 || d < next {
			next = d
		}
	}
	sort.Slice(visible, func(i, j int) bool { return visible[i].id < visible[j].id })
	if len(visible) > limit {
		visible = visible[:limit]
	}
	out := make([]queue.Delivery, 0, len(visible))
	for _, e := range visible {
		e.receives++
		e.visibleAt = now.Add(q.visibility)
		out = append(out, queue.Delivery{Message: e.msg, ReceiveCount: e.receives, Ack: q.ack(e.id)})
	}
	return out, q.wake, next
}

// ack returns the function that deletes message id; acknowledging a message
// twice, or after it was deleted, is not an error.
func (q *Queue) ack(id int64) func(context.Context) error {
	return func(context.Context) error {
		q.mu.Lock()
		defer q.mu.Unlock()
		delete(q.entries, id)
		return nil
	}
}

// Package memqueue is the in-memory queue adapter: per-message delays, a
// visibility timeout and redelivery of unacknowledged messages, like a
// standard SQS queue. It serves embedded mode and tests; time comes from an
// injectable clock so tests can move it without sleeping.
package memqueue

import (
	"context"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
)

var (
	_ queue.Sender   = (*Queue)(nil)
	_ queue.Receiver = (*Queue)(nil)
)

// DefaultVisibility is SQS's default visibility timeout.
const DefaultVisibility = 30 * time.Second

// Queue is a concurrency-safe in-memory queue.
type Queue struct {
	now        func() time.Time
	visibility time.Duration

	mu      sync.Mutex
	seq     int64
	entries map[int64]*entry
	// wake is closed (and replaced) whenever a message is sent, so that
	// waiting receivers look again.
	wake chan struct{}
}

type entry struct {
	id        int64
	msg       queue.Message
	visibleAt time.Time
	receives  int
}

// Option configures a Queue.
type Option func(*Queue)

// WithNow sets the clock (default time.Now).
func WithNow(now func() time.Time) Option { return func(q *Queue) { q.now = now } }

// WithVisibilityTimeout sets how long a received, unacknowledged message
// stays hidden before it is delivered again (default 30 s).
func WithVisibilityTimeout(d time.Duration) Option {
	return func(q *Queue) { q.visibility = d }
}

// New returns an empty queue.
func New(opts ...Option) *Queue {
	q := &Queue{
		now:        time.Now,
		visibility: DefaultVisibility,
		entries:    map[int64]*entry{},
		wake:       make(chan struct{}),
	}
	for _, o := range opts {
		o(q)
	}
	return q
}

// ClampDelay bounds a delay to [0, queue.MaxDelay], as SQS requires.
func ClampDelay(d time.Duration) time.Duration {
	return min(max(d, 0), queue.MaxDelay)
}

// Send enqueues m, visible after delay (clamped to queue.MaxDelay).
func (q *Queue) Send(ctx context.Context, m queue.Message, delay time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.seq++
	q.entries[q.seq] = &entry{id: q.seq, msg: m, visibleAt: q.now().Add(ClampDelay(delay))}
	close(q.wake)
	q.wake = make(chan struct{})
	return nil
}

// Len is the number of messages not yet acknowledged (visible or not).
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.entries)
}

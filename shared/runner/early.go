package runner

import (
	"context"
	"errors"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// Start sends an execution's first messages before it creates the record,
// so a stepper may receive one before the record exists: usually by a few
// milliseconds (the create is the start's next call), for ever when the
// start died in between.
const (
	// defaultStartWindow is how long a start may take between its send
	// and its create: no Lambda function runs longer than 15 minutes (the
	// API function stops at 29 s, the stepper at its timeout), so a record
	// that has not appeared by then never will.
	defaultStartWindow = 15 * time.Minute
	// recordPoll bounds the wait for the record within one delivery (the
	// race lasts one store write; the delivery must stay well inside the
	// queue's visibility timeout); the first poll comes after
	// recordPollFirst, each next one twice as late.
	recordPoll      = 250 * time.Millisecond
	recordPollFirst = 5 * time.Millisecond
)

// awaitRecord handles messages whose execution has no record. Only a
// start's messages (Sent set) may precede their record; others belong to
// an execution that expired, and are dropped. A start's message waits for
// the record briefly, then comes back later by a delayed re-send (which
// keeps Sent), until StartWindow has passed: the start then never began,
// and the message is dropped. t is nil when the messages are done with.
func (r *Runner) awaitRecord(ctx context.Context, msgs []queue.Message, results map[string]task.Result) (*tx, error) {
	now := r.opts.Clock.Now()
	var early []queue.Message
	for _, m := range msgs {
		if !m.Sent.IsZero() && now.Sub(m.Sent) < r.opts.StartWindow {
			early = append(early, m)
		}
	}
	if len(early) == 0 {
		if msgs[0].Sent.IsZero() {
			r.log.Warn("message for unknown execution dropped", "execution", msgs[0].Execution)
		} else {
			r.log.Warn("start message dropped: its start never created the execution", "execution", msgs[0].Execution)
		}
		return nil, nil
	}
	limit := min(recordPoll, r.opts.StartWindow-now.Sub(early[0].Sent))
	for wait, waited := recordPollFirst, time.Duration(0); waited < limit; wait *= 2 {
		wait = min(wait, limit-waited)
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
		waited += wait
		t, err := r.load(ctx, msgs[0].Execution, results)
		if !errors.Is(err, store.ErrNotFound) {
			return t, err
		}
	}
	for _, m := range early {
		if err := r.opts.Queue.Send(ctx, m, r.recheckDelay(m, now)); err != nil {
			return nil, err
		}
	}
	r.log.Info("no record yet for a start's message; checking again later", "execution", msgs[0].Execution)
	return nil, nil
}

// recheckDelay is when an early message looks for its record again: as
// long again as it has waited (at least a second), and no later than the
// end of StartWindow, so that a dead start's message comes back a handful
// of times only.
func (r *Runner) recheckDelay(m queue.Message, now time.Time) time.Duration {
	age := now.Sub(m.Sent)
	return max(min(max(age, time.Second), r.opts.StartWindow-age), 0)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
)

// SendTaskSuccess completes the task waiting on token with output.
func (r *Runner) SendTaskSuccess(ctx context.Context, token, output string) error {
	v, err := jsonval.DecodeString(output)
	if err != nil {
		return fmt.Errorf("task output: %w", err)
	}
	return r.callback(ctx, token, "success", earlyCallbackWaits, succeed(ctx, v))
}

func succeed(ctx context.Context, v jsonval.Value) func(*tx, *frame) error {
	return func(t *tx, f *frame) error { return t.resume(ctx, f, interp.TaskSucceeded{Output: v}) }
}

func fail(ctx context.Context, errName, cause string) func(*tx, *frame) error {
	return func(t *tx, f *frame) error { return t.resume(ctx, f, interp.TaskFailed{Error: errName, Cause: cause}) }
}

// SendTaskFailure fails the task waiting on token.
func (r *Runner) SendTaskFailure(ctx context.Context, token, errName, cause string) error {
	return r.callback(ctx, token, "failure", earlyCallbackWaits, fail(ctx, errName, cause))
}

// SendTaskHeartbeat pushes back the heartbeat deadline of the task.
func (r *Runner) SendTaskHeartbeat(ctx context.Context, token string) error {
	return r.callback(ctx, token, "heartbeat", earlyCallbackWaits, func(t *tx, f *frame) error {
		if f.HeartbeatSec > 0 {
			f.HeartbeatDue = t.now.Add(secondsDuration(f.HeartbeatSec))
		}
		return nil
	})
}

// callback finds the frame parked on token and applies fn in one commit,
// polling up to waits times for a frame not parked yet.
func (r *Runner) callback(ctx context.Context, token, kind string, waits int, fn func(*tx, *frame) error) error {
	executionARN, err := r.opts.Store.GetToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return ErrInvalidToken
	}
	if err != nil {
		return fmt.Errorf("resolve task token: %w", err)
	}
	// A worker may answer before the step that handed out the token has
	// committed (the message carrying the token left during the step):
	// wait for the commit a little before calling the token stale.
	for wait := 0; ; wait++ {
		err = r.retryConflicts(func() error {
			t, err := r.load(ctx, executionARN, nil)
			if err != nil {
				return err
			}
			if t.ex.Status != StatusRunning {
				return ErrTaskTimedOut
			}
			for _, f := range t.st.Frames {
				if f.Token == token {
					if err := fn(t, f); err != nil {
						return err
					}
					return t.commit(ctx, callbackKey(kind, token, t.now))
				}
			}
			// A retried callback whose first try committed but did not
			// send its messages: send them and report success.
			for _, ob := range t.st.Outboxes {
				if ob.Key == callbackKey(kind, token, t.now) {
					if err := t.r.send(ctx, t.ex.ARN, t.unconsumed(ob)); err != nil {
						return err
					}
					// Its look at the children it parked on may have
					// failed too (a map run's children end early).
					if err := t.r.checkChildren(ctx, t.framesOnChildren()); err != nil {
						return err
					}
					return t.checkSlots(ctx, t.allSlots())
				}
			}
			return errTokenNotParked
		})
		if !errors.Is(err, errTokenNotParked) {
			return err
		}
		if wait >= waits {
			return ErrTaskTimedOut
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(earlyCallbackPoll):
		}
	}
}

// errTokenNotParked: the execution runs but no frame waits on the token
// (yet, or any more).
var errTokenNotParked = errors.New("runner: no frame waits on the token")

// How long a callback waits for the step that issued its token.
const (
	earlyCallbackWaits = 50
	earlyCallbackPoll  = 100 * time.Millisecond
)

// callbackKey names the commit of a callback. Success and failure end the
// token's task, so their key is the token's; heartbeats repeat.
func callbackKey(kind, token string, now time.Time) string {
	if kind == "heartbeat" {
		return "cb:heartbeat:" + token + ":" + now.String()
	}
	return "cb:" + token
}

package activity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/store"
)

// Queue hands activity tasks from the runner to GetActivityTask pollers.
// Broker is the in-process one; StoreQueue works across processes.
type Queue interface {
	Submit(ctx context.Context, activityARN, input, token string) error
	// Poll waits up to wait for the activity's next task; ok is false when
	// none came.
	Poll(ctx context.Context, activityARN string, wait time.Duration) (t Task, ok bool, err error)
}

var (
	_ Queue = (*Broker)(nil)
	_ Queue = StoreQueue{}
)

// StoreQueue keeps activity tasks in the store, for deployments where the
// stepper and the API run in different processes.
type StoreQueue struct {
	Tasks store.ActivityTasks
	// PollInterval is how often a long poll looks again (default 500 ms).
	PollInterval time.Duration
	Now          func() time.Time
}

// Submit stores the task.
func (q StoreQueue) Submit(ctx context.Context, activityARN, input, token string) error {
	now := time.Now
	if q.Now != nil {
		now = q.Now
	}
	if err := q.Tasks.PushActivityTask(ctx, activityARN, store.ActivityTask{Token: token, Input: input, Scheduled: now()}); err != nil {
		return fmt.Errorf("submit activity task: %w", err)
	}
	return nil
}

// Poll claims the oldest task, looking again until wait has passed.
func (q StoreQueue) Poll(ctx context.Context, activityARN string, wait time.Duration) (Task, bool, error) {
	interval := q.PollInterval
	if interval <= 0 {
		interval = 500 * time.Millisecond
	}
	deadline := time.Now().Add(wait)
	for {
		t, err := q.Tasks.ClaimActivityTask(ctx, activityARN)
		if err == nil {
			return Task{Token: t.Token, Input: t.Input}, true, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return Task{}, false, fmt.Errorf("poll activity %s: %w", activityARN, err)
		}
		if time.Now().Add(interval).After(deadline) {
			return Task{}, false, nil
		}
		select {
		case <-ctx.Done():
			return Task{}, false, nil
		case <-time.After(interval):
		}
	}
}

package memstore

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

// PushActivityTask queues an activity task.
func (s *Store) PushActivityTask(_ context.Context, activityARN string, t store.ActivityTask) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.actTasks[activityARN] = append(s.actTasks[activityARN], t)
	return nil
}

// ClaimActivityTask removes and returns the oldest task of the activity.
func (s *Store) ClaimActivityTask(_ context.Context, activityARN string) (store.ActivityTask, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.actTasks[activityARN]
	if len(q) == 0 {
		return store.ActivityTask{}, fmt.Errorf("activity %s has no task: %w", activityARN, store.ErrNotFound)
	}
	s.actTasks[activityARN] = q[1:]
	return q[0], nil
}

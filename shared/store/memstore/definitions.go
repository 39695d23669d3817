package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/stepwise/stepwise/shared/store"
)

// CreateStateMachine stores sm; ErrExists if its ARN is taken.
func (s *Store) CreateStateMachine(_ context.Context, sm store.StateMachine) error {
	return create(s, s.machines, sm.ARN, sm)
}

// GetStateMachine loads a state machine.
func (s *Store) GetStateMachine(_ context.Context, arn string) (store.StateMachine, error) {
	return get(s, s.machines, arn)
}

// UpdateStateMachine replaces sm if the stored revision is expectedRevision.
func (s *Store) UpdateStateMachine(_ context.Context, sm store.StateMachine, expectedRevision string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.machines[sm.ARN]
	if !ok {
		return fmt.Errorf("update %s: %w", sm.ARN, store.ErrNotFound)
	}
	if cur.RevisionID != expectedRevision {
		return fmt.Errorf("update %s: revision %s, expected %s: %w", sm.ARN, cur.RevisionID, expectedRevision, store.ErrConflict)
	}
	s.machines[sm.ARN] = sm
	return nil
}

// DeleteStateMachine removes a state machine.
func (s *Store) DeleteStateMachine(_ context.Context, arn string) error {
	return remove(s, s.machines, arn)
}

// ListStateMachines lists state machines by ARN.
func (s *Store) ListStateMachines(_ context.Context, p store.Page) ([]store.StateMachine, string, error) {
	return list(s, s.machines, nil, func(sm store.StateMachine) string { return sm.ARN }, p)
}

// CreateVersion stores a version; ErrExists if its ARN is taken.
func (s *Store) CreateVersion(_ context.Context, v store.Version) error {
	return create(s, s.versions, v.ARN, v)
}

// GetVersion loads a version.
func (s *Store) GetVersion(_ context.Context, arn string) (store.Version, error) {
	return get(s, s.versions, arn)
}

// ListVersions lists a state machine's versions, newest (highest number) first.
func (s *Store) ListVersions(_ context.Context, stateMachineARN string, p store.Page) ([]store.Version, string, error) {
	keep := func(v store.Version) bool { return v.StateMachineARN == stateMachineARN }
	// Inverting the number makes ascending key order newest first.
	key := func(v store.Version) string { return fmt.Sprintf("%020d", int64(1<<62)-int64(v.Number)) }
	return list(s, s.versions, keep, key, p)
}

// DeleteVersion removes a version.
func (s *Store) DeleteVersion(_ context.Context, arn string) error {
	return remove(s, s.versions, arn)
}

// CreateAlias stores an alias; ErrExists if its ARN is taken.
func (s *Store) CreateAlias(_ context.Context, a store.Alias) error {
	a.Routes = slices.Clone(a.Routes)
	return create(s, s.aliases, a.ARN, a)
}

// GetAlias loads an alias.
func (s *Store) GetAlias(_ context.Context, arn string) (store.Alias, error) {
	a, err := get(s, s.aliases, arn)
	a.Routes = slices.Clone(a.Routes)
	return a, err
}

// UpdateAlias replaces an existing alias.
func (s *Store) UpdateAlias(_ context.Context, a store.Alias) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.aliases[a.ARN]; !ok {
		return fmt.Errorf("update %s: %w", a.ARN, store.ErrNotFound)
	}
	a.Routes = slices.Clone(a.Routes)
	s.aliases[a.ARN] = a
	return nil
}

// ListAliases lists a state machine's aliases by ARN.
func (s *Store) ListAliases(_ context.Context, stateMachineARN string, p store.Page) ([]store.Alias, string, error) {
	keep := func(a store.Alias) bool { return a.StateMachineARN == stateMachineARN }
	items, next, err := list(s, s.aliases, keep, func(a store.Alias) string { return a.ARN }, p)
	for i := range items {
		items[i].Routes = slices.Clone(items[i].Routes)
	}
	return items, next, err
}

// DeleteAlias removes an alias.
func (s *Store) DeleteAlias(_ context.Context, arn string) error {
	return remove(s, s.aliases, arn)
}

// CreateActivity stores an activity; ErrExists if its ARN is taken.
func (s *Store) CreateActivity(_ context.Context, a store.Activity) error {
	return create(s, s.activities, a.ARN, a)
}

// GetActivity loads an activity.
func (s *Store) GetActivity(_ context.Context, arn string) (store.Activity, error) {
	return get(s, s.activities, arn)
}

// DeleteActivity removes an activity.
func (s *Store) DeleteActivity(_ context.Context, arn string) error {
	return remove(s, s.activities, arn)
}

// ListActivities lists activities by ARN.
func (s *Store) ListActivities(_ context.Context, p store.Page) ([]store.Activity, string, error) {
	return list(s, s.activities, nil, func(a store.Activity) string { return a.ARN }, p)
}

package memstore

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
)

func cloneExec(e store.Execution) store.Execution {
	e.State = bytes.Clone(e.State)
	return e
}

// CreateExecution stores a new record; ErrExists if the ARN is taken.
func (s *Store) CreateExecution(_ context.Context, ex store.Execution) error {
	return create(s, s.executions, ex.ARN, cloneExec(ex))
}

// GetExecution loads a record.
func (s *Store) GetExecution(_ context.Context, arn string) (store.Execution, error) {
	ex, err := get(s, s.executions, arn)
	return cloneExec(ex), err
}

// UpdateExecution replaces the record if its Version is expectedVersion.
func (s *Store) UpdateExecution(_ context.Context, ex store.Execution, expectedVersion int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.executions[ex.ARN]
	if !ok {
		return fmt.Errorf("update %s: %w", ex.ARN, store.ErrNotFound)
	}
	if cur.Version != expectedVersion {
		return fmt.Errorf("update %s: version %d, expected %d: %w", ex.ARN, cur.Version, expectedVersion, store.ErrConflict)
	}
	s.executions[ex.ARN] = cloneExec(ex)
	return nil
}

// ListExecutions lists matching records, newest start first.
func (s *Store) ListExecutions(_ context.Context, f store.ExecutionFilter, p store.Page) ([]store.Execution, string, error) {
	keep := func(e store.Execution) bool {
		return (f.StateMachineARN == "" || e.StateMachineARN == f.StateMachineARN) &&
			(f.Status == "" || e.Status == f.Status) &&
			(f.ExecutedARN == "" || e.ExecutedARN == f.ExecutedARN) &&
			(f.VersionARN == "" || e.VersionARN == f.VersionARN) &&
			(f.MapRunARN == "" || e.MapRunARN == f.MapRunARN)
	}
	// Inverted start time sorts newest first; the ARN breaks ties.
	key := func(e store.Execution) string {
		return fmt.Sprintf("%020d|%s", uint64(math.MaxInt64-e.StartDate.UnixNano()), e.ARN)
	}
	items, next, err := list(s, s.executions, keep, key, p)
	for i := range items {
		items[i] = cloneExec(items[i])
	}
	return items, next, err
}

// PutEvents stores events by id, overwriting same ids.
func (s *Store) PutEvents(_ context.Context, executionARN string, events []history.Event) error {
	if len(events) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.events[executionARN]
	if m == nil {
		m = map[int64]history.Event{}
		s.events[executionARN] = m
	}
	// Events are immutable values (their payloads are never mutated), so
	// sharing them is safe.
	for _, e := range events {
		m[e.ID] = e
	}
	return nil
}

// GetEvents returns events with ids in [from, to], ascending.
func (s *Store) GetEvents(_ context.Context, executionARN string, from, to int64) ([]history.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []history.Event
	for id, e := range s.events[executionARN] {
		if id >= from && id <= to {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// PutPayload stores a content-addressed blob.
func (s *Store) PutPayload(_ context.Context, key string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.payloads[key] = slices.Clone(data)
	return nil
}

// GetPayload reads a blob.
func (s *Store) GetPayload(_ context.Context, key string) ([]byte, error) {
	b, err := get(s, s.payloads, key)
	return bytes.Clone(b), err
}

// PutToken maps a task token to its execution.
func (s *Store) PutToken(_ context.Context, token, executionARN string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[token] = executionARN
	return nil
}

// GetToken resolves a task token.
func (s *Store) GetToken(_ context.Context, token string) (string, error) {
	return get(s, s.tokens, token)
}

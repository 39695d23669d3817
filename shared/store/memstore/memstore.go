// Package memstore is the in-memory store.Store adapter: the embedded
// mode's persistence and the tests'. One mutex guards everything; values
// are copied in and out so callers never share memory with the store.
package memstore

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
)

var _ store.Store = (*Store)(nil)

// Store keeps everything in maps keyed by ARN (or key/token).
type Store struct {
	mu         sync.Mutex
	machines   map[string]store.StateMachine
	versions   map[string]store.Version
	aliases    map[string]store.Alias
	activities map[string]store.Activity
	tags       map[string]map[string]string
	executions map[string]store.Execution
	events     map[string]map[int64]history.Event
	payloads   map[string][]byte
	tokens     map[string]string
	actTasks   map[string][]store.ActivityTask
	childEnds  map[string]*inbox // by parent ARN
}

// New returns an empty store.
func New() *Store {
	return &Store{
		machines:   map[string]store.StateMachine{},
		versions:   map[string]store.Version{},
		aliases:    map[string]store.Alias{},
		activities: map[string]store.Activity{},
		childEnds:  map[string]*inbox{},
		tags:       map[string]map[string]string{},
		executions: map[string]store.Execution{},
		actTasks:   map[string][]store.ActivityTask{},
		events:     map[string]map[int64]history.Event{},
		payloads:   map[string][]byte{},
		tokens:     map[string]string{},
	}
}

// create inserts v under key unless present.
func create[T any](s *Store, m map[string]T, key string, v T) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := m[key]; ok {
		return fmt.Errorf("create %s: %w", key, store.ErrExists)
	}
	m[key] = v
	return nil
}

// get loads the value under key.
func get[T any](s *Store, m map[string]T, key string) (T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := m[key]
	if !ok {
		return v, fmt.Errorf("get %s: %w", key, store.ErrNotFound)
	}
	return v, nil
}

// remove deletes key; ErrNotFound if absent.
func remove[T any](s *Store, m map[string]T, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := m[key]; !ok {
		return fmt.Errorf("delete %s: %w", key, store.ErrNotFound)
	}
	delete(m, key)
	return nil
}

// list pages the values of m accepted by keep, ordered by sortKey.
func list[T any](s *Store, m map[string]T, keep func(T) bool, sortKey func(T) string, p store.Page) ([]T, string, error) {
	s.mu.Lock()
	keyed := make([]keyedItem[T], 0, len(m))
	for _, v := range m {
		if keep == nil || keep(v) {
			keyed = append(keyed, keyedItem[T]{key: sortKey(v), item: v})
		}
	}
	s.mu.Unlock()
	sortKeyed(keyed)
	return page(keyed, p)
}

// GetTags returns a copy of the resource's tags (empty when none).
func (s *Store) GetTags(_ context.Context, arn string) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := maps.Clone(s.tags[arn])
	if out == nil {
		out = map[string]string{}
	}
	return out, nil
}

// PutTags replaces the resource's tag set.
func (s *Store) PutTags(_ context.Context, arn string, tags map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(tags) == 0 {
		delete(s.tags, arn)
		return nil
	}
	s.tags[arn] = maps.Clone(tags)
	return nil
}

package runner

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync"

	"github.com/stepwise/stepwise/shared/store"
)

// hookStore is the store the runner's tests watch and break: it counts
// the execution records read, refuses the first refuse reads of every
// record (a throttled store), and runs one-shot hooks before a read or an
// update of a matching record, whose error is then the store's answer.
type hookStore struct {
	store.Store
	refuse int

	mu           sync.Mutex
	reads        map[string]int
	beforeGet    []hook
	beforeUpdate []hook
}

// hook runs do once, before the first operation on a record whose ARN
// contains match.
type hook struct {
	match string
	do    func(ctx context.Context) error
}

func newHookStore(s store.Store) *hookStore {
	return &hookStore{Store: s, reads: map[string]int{}}
}

// answer is a hook body that answers err.
func answer(err error) func(context.Context) error {
	return func(context.Context) error { return err }
}

func (s *hookStore) onceBeforeGet(match string, do func(context.Context) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.beforeGet = append(s.beforeGet, hook{match, do})
}

func (s *hookStore) onceBeforeUpdate(match string, do func(context.Context) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.beforeUpdate = append(s.beforeUpdate, hook{match, do})
}

// take removes and returns the first hook of hooks matching arn.
func (s *hookStore) take(hooks *[]hook, arn string) *hook {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, h := range *hooks {
		if strings.Contains(arn, h.match) {
			*hooks = append((*hooks)[:i:i], (*hooks)[i+1:]...)
			return &h
		}
	}
	return nil
}

// readsOf counts the reads of a record; totalReads those of every record.
func (s *hookStore) readsOf(arn string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads[arn]
}

// readCounts are the reads of each record so far.
func (s *hookStore) readCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.reads)
}

func (s *hookStore) GetExecution(ctx context.Context, arn string) (store.Execution, error) {
	s.mu.Lock()
	s.reads[arn]++
	refused := s.reads[arn] <= s.refuse
	s.mu.Unlock()
	if refused {
		return store.Execution{}, errThrottled
	}
	if h := s.take(&s.beforeGet, arn); h != nil {
		if err := h.do(ctx); err != nil {
			return store.Execution{}, err
		}
	}
	return s.Store.GetExecution(ctx, arn)
}

func (s *hookStore) UpdateExecution(ctx context.Context, ex store.Execution, v int64) error {
	if h := s.take(&s.beforeUpdate, ex.ARN); h != nil {
		if err := h.do(ctx); err != nil {
			return err
		}
	}
	return s.Store.UpdateExecution(ctx, ex, v)
}

// errThrottled is a read the store refuses, its client's retries spent.
var errThrottled = errors.New("ProvisionedThroughputExceededException")

// errLostCommit is a commit that never got its answer, as a stepper that
// dies after invoking a task and before committing.
var errLostCommit = errors.New("connection reset")

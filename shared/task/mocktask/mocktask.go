// Package mocktask serves Task states from a Step Functions Local mock
// configuration: each state gets its mocked responses in invocation order.
package mocktask

import (
	"context"
	"fmt"
	"sync"

	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/task"
)

// Invoker answers from one test case of a mock configuration.
type Invoker struct {
	tc       *mockconfig.TestCase
	fallback task.Invoker

	mu    sync.Mutex
	calls map[string]int
}

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker for test case testCase of state machine sm.
// States the test case does not mock go to fallback; with a nil fallback
// they fail with States.TaskFailed.
func New(cfg *mockconfig.Config, sm, testCase string, fallback task.Invoker) (*Invoker, error) {
	tc, err := cfg.TestCase(sm, testCase)
	if err != nil {
		return nil, fmt.Errorf("mock test case: %w", err)
	}
	return &Invoker{tc: tc, fallback: fallback, calls: map[string]int{}}, nil
}

// Invoke returns the next mocked response of the request's state.
func (m *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	if !m.tc.Mocked(req.State) {
		if m.fallback != nil {
			return m.fallback.Invoke(ctx, req)
		}
		return task.Failure("States.TaskFailed", fmt.Sprintf("No mocked response for state '%s' and no task invoker is configured.", req.State)), nil
	}
	m.mu.Lock()
	n := next(m.calls, req.State, req)
	m.mu.Unlock()
	return respond(m.tc, req, n)
}

// respond turns the n-th mocked response of the request's state into a
// task result.
func respond(tc *mockconfig.TestCase, req task.Request, n int) (task.Result, error) {
	resp, err := tc.Response(req.State, n)
	if err != nil {
		return task.Result{}, fmt.Errorf("mock for state %s: %w", req.State, err)
	}
	if resp.Throw != nil {
		return task.Failure(resp.Throw.Error, resp.Throw.Cause), nil
	}
	if IsReader(req.Resource) {
		return ReaderItems(req, resp.Return), nil
	}
	return task.Success(resp.Return), nil
}

// Calls reports how many times state was invoked.
func (m *Invoker) Calls(state string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[state]
}

// ByTestCase answers from the test case each request names (Step Functions
// Local's "<state machine ARN>#<test case>"), counting invocations per
// execution and state. Requests without a test case go to fallback.
type ByTestCase struct {
	cfg      *mockconfig.Config
	fallback task.Invoker

	mu    sync.Mutex
	calls map[string]int
}

var _ task.Invoker = (*ByTestCase)(nil)

// NewByTestCase returns an invoker over a whole mock configuration.
func NewByTestCase(cfg *mockconfig.Config, fallback task.Invoker) *ByTestCase {
	return &ByTestCase{cfg: cfg, fallback: fallback, calls: map[string]int{}}
}

// Invoke returns the next mocked response of the request's test case.
func (m *ByTestCase) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	var tc *mockconfig.TestCase
	if req.TestCase != "" {
		var err error
		if tc, err = m.cfg.TestCase(req.StateMachine, req.TestCase); err != nil {
			return task.Failure("States.TaskFailed", fmt.Sprintf("Mock configuration: %v", err)), nil
		}
	}
	if tc == nil || !tc.Mocked(req.State) {
		if m.fallback != nil {
			return m.fallback.Invoke(ctx, req)
		}
		return task.Failure("States.TaskFailed", fmt.Sprintf("No mocked response for state '%s' and no task invoker is configured.", req.State)), nil
	}
	key := req.ExecutionARN + "\x00" + req.State
	m.mu.Lock()
	n := next(m.calls, key, req)
	m.mu.Unlock()
	return respond(tc, req, n)
}

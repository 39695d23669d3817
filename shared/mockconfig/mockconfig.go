// Package mockconfig reads the AWS Step Functions Local mock configuration
// format (MockConfigFile.json): named test cases per state machine that map
// Task state names to mocked responses, and mocked responses that give the
// result (Return) or error (Throw) of each successive invocation of a state.
package mockconfig

import (
	"errors"
	"fmt"
	"sort"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Errors returned (wrapped) by lookups, for errors.Is.
var (
	ErrUnknownStateMachine = errors.New("state machine not in mock config")
	ErrUnknownTestCase     = errors.New("test case not in mock config")
	ErrNotMocked           = errors.New("state has no mocked response")
	ErrNoMoreResponses     = errors.New("no mocked response for invocation")
)

// Config is a parsed and validated mock configuration.
type Config struct {
	machines map[string]*machine
	order    []string // state machine names in file order
}

type machine struct {
	cases map[string]*TestCase
	order []string
}

// Response is one mocked invocation result: a success (Return) when Throw is nil.
// Return and *Throw are shared between calls and must not be mutated.
type Response struct {
	Return jsonval.Value
	Throw  *Throw
}

// Throw is a mocked task failure. HasError/HasCause tell an absent field from
// an empty string, because AWS reports absent ones differently (null or "").
type Throw struct {
	Error, Cause       string
	HasError, HasCause bool
}

// TestCase is one test case of one state machine: which states are mocked,
// and with which response sequence.
type TestCase struct {
	stateMachine, name string
	states             map[string]*mock
	order              []string // state names in file order
}

// mock is a named MockedResponses entry: intervals sorted by first invocation,
// contiguous from 0 (validated by Parse).
type mock struct {
	name  string
	spans []span
}

// span is an inclusive range of invocation numbers sharing one response.
type span struct {
	first, last int
	resp        Response
}

// StateMachines lists the state machine names in file order.
func (c *Config) StateMachines() []string { return append([]string(nil), c.order...) }

// TestCases lists the test case names of a state machine in file order.
func (c *Config) TestCases(stateMachine string) ([]string, error) {
	m, ok := c.machines[stateMachine]
	if !ok {
		return nil, fmt.Errorf("mockconfig: %q: %w", stateMachine, ErrUnknownStateMachine)
	}
	return append([]string(nil), m.order...), nil
}

// TestCase returns the named test case of a state machine.
func (c *Config) TestCase(stateMachine, testCase string) (*TestCase, error) {
	m, ok := c.machines[stateMachine]
	if !ok {
		return nil, fmt.Errorf("mockconfig: %q: %w", stateMachine, ErrUnknownStateMachine)
	}
	tc, ok := m.cases[testCase]
	if !ok {
		return nil, fmt.Errorf("mockconfig: state machine %q, test case %q: %w", stateMachine, testCase, ErrUnknownTestCase)
	}
	return tc, nil
}

// Name is the test case name.
func (tc *TestCase) Name() string { return tc.name }

// StateMachine is the name of the state machine the test case belongs to.
func (tc *TestCase) StateMachine() string { return tc.stateMachine }

// States lists the mocked state names in file order.
func (tc *TestCase) States() []string { return append([]string(nil), tc.order...) }

// Mocked reports whether state has a mocked response mapping in this test case.
func (tc *TestCase) Mocked(state string) bool {
	_, ok := tc.states[state]
	return ok
}

// MockName returns the MockedResponses name state is mapped to.
func (tc *TestCase) MockName(state string) (string, bool) {
	m, ok := tc.states[state]
	if !ok {
		return "", false
	}
	return m.name, true
}

// Invocations is how many invocations of state have a mocked response (0 when
// the state is not mocked).
func (tc *TestCase) Invocations(state string) int {
	m, ok := tc.states[state]
	if !ok {
		return 0
	}
	return m.spans[len(m.spans)-1].last + 1
}

// Response returns the response for the n-th (0-based) invocation of state;
// error when n is beyond the mocked entries.
func (tc *TestCase) Response(state string, n int) (Response, error) {
	m, ok := tc.states[state]
	if !ok {
		return Response{}, fmt.Errorf("mockconfig: test case %q, state %q: %w", tc.name, state, ErrNotMocked)
	}
	// First span whose last invocation is >= n; spans are contiguous from 0.
	i := sort.Search(len(m.spans), func(i int) bool { return m.spans[i].last >= n })
	if n < 0 || i == len(m.spans) {
		return Response{}, fmt.Errorf("mockconfig: test case %q, state %q, mocked response %q: invocation %d: %w (%d mocked)",
			tc.name, state, m.name, n, ErrNoMoreResponses, m.spans[len(m.spans)-1].last+1)
	}
	return m.spans[i].resp, nil
}

package mockconfig

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Parse decodes and validates a mock configuration. Everything a test case
// refers to is checked up front, so lookups later fail only for names the
// caller asks about.
func Parse(data []byte) (*Config, error) {
	v, err := jsonval.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("mockconfig: %w", err)
	}
	top, err := object(v, "mock config")
	if err != nil {
		return nil, err
	}
	if err := onlyKeys(top, "mock config", "StateMachines", "MockedResponses"); err != nil {
		return nil, err
	}
	rawMocks, err := required(top, "mock config", "MockedResponses")
	if err != nil {
		return nil, err
	}
	mocks, err := parseMockedResponses(rawMocks)
	if err != nil {
		return nil, err
	}
	rawMachines, err := required(top, "mock config", "StateMachines")
	if err != nil {
		return nil, err
	}
	return parseStateMachines(rawMachines, mocks)
}

func parseStateMachines(v jsonval.Value, mocks map[string]*mock) (*Config, error) {
	obj, err := object(v, "StateMachines")
	if err != nil {
		return nil, err
	}
	c := &Config{machines: make(map[string]*machine, obj.Len())}
	for _, name := range obj.Keys() {
		raw, _ := obj.Get(name)
		m, err := parseMachine(name, raw, mocks)
		if err != nil {
			return nil, err
		}
		c.machines[name] = m
		c.order = append(c.order, name)
	}
	return c, nil
}

func parseMachine(name string, v jsonval.Value, mocks map[string]*mock) (*machine, error) {
	where := fmt.Sprintf("StateMachines[%q]", name)
	obj, err := object(v, where)
	if err != nil {
		return nil, err
	}
	if err := onlyKeys(obj, where, "TestCases"); err != nil {
		return nil, err
	}
	raw, err := required(obj, where, "TestCases")
	if err != nil {
		return nil, err
	}
	where += ".TestCases"
	cases, err := object(raw, where)
	if err != nil {
		return nil, err
	}
	m := &machine{cases: make(map[string]*TestCase, cases.Len())}
	for _, tcName := range cases.Keys() {
		rawTC, _ := cases.Get(tcName)
		tc, err := parseTestCase(name, tcName, rawTC, where, mocks)
		if err != nil {
			return nil, err
		}
		m.cases[tcName] = tc
		m.order = append(m.order, tcName)
	}
	return m, nil
}

func parseTestCase(machine, name string, v jsonval.Value, parent string, mocks map[string]*mock) (*TestCase, error) {
	where := fmt.Sprintf("%s[%q]", parent, name)
	obj, err := object(v, where)
	if err != nil {
		return nil, err
	}
	tc := &TestCase{stateMachine: machine, name: name, states: make(map[string]*mock, obj.Len())}
	for _, state := range obj.Keys() {
		raw, _ := obj.Get(state)
		mockName, ok := raw.(string)
		if !ok {
			return nil, fmt.Errorf("mockconfig: %s[%q]: mocked response name must be a string, got %s",
				where, state, jsonval.TypeName(raw))
		}
		m, ok := mocks[mockName]
		if !ok {
			return nil, fmt.Errorf("mockconfig: %s[%q]: mocked response %q is not defined in MockedResponses",
				where, state, mockName)
		}
		tc.states[state] = m
		tc.order = append(tc.order, state)
	}
	return tc, nil
}

// object asserts that v is a JSON object.
func object(v jsonval.Value, where string) (*jsonval.Object, error) {
	obj, ok := v.(*jsonval.Object)
	if !ok {
		return nil, fmt.Errorf("mockconfig: %s must be an object, got %s", where, jsonval.TypeName(v))
	}
	return obj, nil
}

// required returns member key of obj or an error naming it.
func required(obj *jsonval.Object, where, key string) (jsonval.Value, error) {
	v, ok := obj.Get(key)
	if !ok {
		return nil, fmt.Errorf("mockconfig: %s: missing field %q", where, key)
	}
	return v, nil
}

// onlyKeys rejects members other than allowed, so that a misspelt field
// (say "MockedResponse") is reported instead of silently ignored.
func onlyKeys(obj *jsonval.Object, where string, allowed ...string) error {
	for _, k := range obj.Keys() {
		if !contains(allowed, k) {
			return fmt.Errorf("mockconfig: %s: unknown field %q (allowed: %s)", where, k, quoteList(allowed))
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	s := ""
	for i, x := range list {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", x)
	}
	return s
}

package mockconfig

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// maxInvocation bounds invocation numbers so that ranges cannot overflow.
const maxInvocation = 1<<31 - 1

func parseMockedResponses(v jsonval.Value) (map[string]*mock, error) {
	obj, err := object(v, "MockedResponses")
	if err != nil {
		return nil, err
	}
	mocks := make(map[string]*mock, obj.Len())
	for _, name := range obj.Keys() {
		raw, _ := obj.Get(name)
		m, err := parseMock(name, raw)
		if err != nil {
			return nil, err
		}
		mocks[name] = m
	}
	return mocks, nil
}

// parseMock reads one mocked response. AWS requires a response for every
// invocation, so the keys must cover 0..N-1 with no gap and no overlap; the
// order of the keys in the file does not matter.
func parseMock(name string, v jsonval.Value) (*mock, error) {
	where := fmt.Sprintf("MockedResponses[%q]", name)
	obj, err := object(v, where)
	if err != nil {
		return nil, err
	}
	if obj.Len() == 0 {
		return nil, fmt.Errorf("mockconfig: %s: needs at least one invocation entry such as \"0\"", where)
	}
	m := &mock{name: name, spans: make([]span, 0, obj.Len())}
	for _, key := range obj.Keys() {
		first, last, err := parseInvocationKey(key)
		if err != nil {
			return nil, fmt.Errorf("mockconfig: %s: %w", where, err)
		}
		raw, _ := obj.Get(key)
		resp, err := parseEntry(raw, fmt.Sprintf("%s[%q]", where, key))
		if err != nil {
			return nil, err
		}
		m.spans = append(m.spans, span{first: first, last: last, resp: resp})
	}
	if err := checkContiguous(m.spans, where); err != nil {
		return nil, err
	}
	return m, nil
}

// checkContiguous sorts spans by first invocation and checks that they tile
// 0..N-1 exactly.
func checkContiguous(spans []span, where string) error {
	sort.Slice(spans, func(i, j int) bool { return spans[i].first < spans[j].first })
	next := 0
	for _, s := range spans {
		switch {
		case s.first > next:
			return fmt.Errorf("mockconfig: %s: no response for invocation %s (keys must cover every invocation from 0 without gaps)",
				where, rangeText(next, s.first-1))
		case s.first < next:
			return fmt.Errorf("mockconfig: %s: invocation %d is given more than once", where, s.first)
		}
		next = s.last + 1
	}
	return nil
}

func rangeText(first, last int) string {
	if first == last {
		return strconv.Itoa(first)
	}
	return fmt.Sprintf("%d-%d", first, last)
}

// parseInvocationKey reads "n" or the inclusive range "i-j" (i <= j).
func parseInvocationKey(key string) (first, last int, err error) {
	a, b, isRange := strings.Cut(key, "-")
	if first, err = parseInvocationNumber(a); err != nil {
		return 0, 0, fmt.Errorf("invalid invocation key %q: %w", key, err)
	}
	if !isRange {
		return first, first, nil
	}
	if last, err = parseInvocationNumber(b); err != nil {
		return 0, 0, fmt.Errorf("invalid invocation key %q: %w", key, err)
	}
	if last < first {
		return 0, 0, fmt.Errorf("invalid invocation key %q: range end is before its start", key)
	}
	return first, last, nil
}

// parseInvocationNumber accepts decimal digits only: no sign, no spaces.
func parseInvocationNumber(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("want a number such as \"0\" or a range such as \"1-2\"")
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a non-negative integer", s)
		}
		n = n*10 + int(c-'0')
		if n > maxInvocation {
			return 0, fmt.Errorf("%q is too large", s)
		}
	}
	return n, nil
}

// parseEntry reads {"Return": any} or {"Throw": {...}}: exactly one of them.
func parseEntry(v jsonval.Value, where string) (Response, error) {
	obj, err := object(v, where)
	if err != nil {
		return Response{}, err
	}
	if err := onlyKeys(obj, where, "Return", "Throw"); err != nil {
		return Response{}, err
	}
	ret, hasReturn := obj.Get("Return")
	thr, hasThrow := obj.Get("Throw")
	switch {
	case hasReturn && hasThrow:
		return Response{}, fmt.Errorf("mockconfig: %s: has both \"Return\" and \"Throw\"; give exactly one", where)
	case hasReturn:
		return Response{Return: ret}, nil
	case hasThrow:
		t, err := parseThrow(thr, where+".Throw")
		return Response{Throw: t}, err
	}
	return Response{}, fmt.Errorf("mockconfig: %s: needs a \"Return\" or a \"Throw\" field", where)
}

// parseThrow reads {"Error": "...", "Cause": "..."}. Both fields may be absent:
// AWS-recorded failures without an error name or cause exist.
func parseThrow(v jsonval.Value, where string) (*Throw, error) {
	obj, err := object(v, where)
	if err != nil {
		return nil, err
	}
	if err := onlyKeys(obj, where, "Error", "Cause"); err != nil {
		return nil, err
	}
	t := &Throw{}
	if t.Error, t.HasError, err = optionalString(obj, where, "Error"); err != nil {
		return nil, err
	}
	if t.Cause, t.HasCause, err = optionalString(obj, where, "Cause"); err != nil {
		return nil, err
	}
	return t, nil
}

func optionalString(obj *jsonval.Object, where, key string) (string, bool, error) {
	v, ok := obj.Get(key)
	if !ok {
		return "", false, nil
	}
	s, isString := v.(string)
	if !isString {
		return "", false, fmt.Errorf("mockconfig: %s.%s must be a string, got %s", where, key, jsonval.TypeName(v))
	}
	return s, true, nil
}

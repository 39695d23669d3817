package conformance

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Check compares a run with the recorded expectation and returns the
// differences, empty when the case passes.
func Check(c Case, res inproc.Result) []string {
	var diffs []string
	if res.Status != c.Expect.Status {
		diffs = append(diffs, fmt.Sprintf("status: want %s, got %s (error %q, cause %q)", c.Expect.Status, res.Status, res.Error, res.Cause))
		return diffs
	}
	if res.Status == inproc.StatusSucceeded {
		diffs = append(diffs, compareOutput(c.Expect.Output, res.Output, c.Expect.Ignore)...)
	}
	if res.Status == inproc.StatusFailed {
		if c.Expect.Error != nil && *c.Expect.Error != res.Error {
			diffs = append(diffs, fmt.Sprintf("error: want %q, got %q", *c.Expect.Error, res.Error))
		}
		if c.Expect.Error == nil && res.Error != "" {
			diffs = append(diffs, fmt.Sprintf("error: want none, got %q", res.Error))
		}
		if c.Expect.Cause != nil && *c.Expect.Cause != res.Cause {
			diffs = append(diffs, fmt.Sprintf("cause:\n  want %q\n  got  %q", *c.Expect.Cause, res.Cause))
		}
	}
	if c.Expect.HasHist {
		diffs = append(diffs, compareHistory(c.Expect.History, res.History.Events())...)
	}
	return diffs
}

func compareOutput(want, got jsonval.Value, ignore []string) []string {
	for _, ptr := range ignore {
		if _, ok := lookupPointer(got, ptr); !ok {
			return []string{fmt.Sprintf("output: ignored location %s missing in %s", ptr, jsonval.String(got))}
		}
		want = erase(want, ptr)
		got = erase(got, ptr)
	}
	if !jsonval.Equal(want, got) {
		return []string{fmt.Sprintf("output:\n  want %s\n  got  %s", jsonval.String(want), jsonval.String(got))}
	}
	return nil
}

func compareHistory(want [][2]string, got []history.Event) []string {
	g := make([]string, len(got))
	for i, e := range got {
		g[i] = e.Type + "(" + e.StateName() + ")"
	}
	w := make([]string, len(want))
	for i, e := range want {
		w[i] = e[0] + "(" + e[1] + ")"
	}
	if strings.Join(w, " ") != strings.Join(g, " ") {
		return []string{fmt.Sprintf("history:\n  want %s\n  got  %s", strings.Join(w, " "), strings.Join(g, " "))}
	}
	return nil
}

// pointerTokens splits an RFC 6901 pointer.
func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return parts
}

func lookupPointer(v jsonval.Value, ptr string) (jsonval.Value, bool) {
	for _, tok := range pointerTokens(ptr) {
		switch x := v.(type) {
		case *jsonval.Object:
			next, ok := x.Get(tok)
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// erase replaces the value at ptr with a marker so that it compares equal.
func erase(v jsonval.Value, ptr string) jsonval.Value {
	toks := pointerTokens(ptr)
	if len(toks) == 0 {
		return "<ignored>"
	}
	return eraseAt(jsonval.Copy(v), toks)
}

func eraseAt(v jsonval.Value, toks []string) jsonval.Value {
	switch x := v.(type) {
	case *jsonval.Object:
		child, ok := x.Get(toks[0])
		if !ok {
			return v
		}
		if len(toks) == 1 {
			x.Set(toks[0], "<ignored>")
		} else {
			x.Set(toks[0], eraseAt(child, toks[1:]))
		}
	case []any:
		i, err := strconv.Atoi(toks[0])
		if err != nil || i < 0 || i >= len(x) {
			return v
		}
		if len(toks) == 1 {
			x[i] = "<ignored>"
		} else {
			x[i] = eraseAt(x[i], toks[1:])
		}
	}
	return v
}

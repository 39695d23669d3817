package intrinsic

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// testResolver resolves the small path subset the tests use ("$", ".name",
// "[n]", "['name']") against input, and "$$..." against ctx. A miss is
// reported the way the interpreter will, with PathNotFound.
func testResolver(input, ctx jsonval.Value) func(string) (jsonval.Value, error) {
	return func(path string) (jsonval.Value, error) {
		root, rest := input, strings.TrimPrefix(path, "$")
		if strings.HasPrefix(path, "$$") {
			root, rest = ctx, path[2:]
		}
		v, ok := walkPath(root, rest)
		if !ok {
			return nil, PathNotFound(path, input)
		}
		return v, nil
	}
}

func walkPath(v jsonval.Value, rest string) (jsonval.Value, bool) {
	for rest != "" {
		var key string
		switch {
		case strings.HasPrefix(rest, "['"):
			end := strings.Index(rest, "']")
			if end < 0 {
				return nil, false
			}
			key, rest = rest[2:end], rest[end+2:]
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, false
			}
			i, err := strconv.Atoi(rest[1:end])
			arr, ok := v.([]any)
			if err != nil || !ok || i < 0 || i >= len(arr) {
				return nil, false
			}
			v, rest = arr[i], rest[end+1:]
			continue
		case rest[0] == '.':
			end := strings.IndexAny(rest[1:], ".[")
			if end < 0 {
				end = len(rest) - 1
			}
			key, rest = rest[1:end+1], rest[end+1:]
		default:
			return nil, false
		}
		obj, ok := v.(*jsonval.Object)
		if !ok {
			return nil, false
		}
		if v, ok = obj.Get(key); !ok {
			return nil, false
		}
	}
	return v, true
}

// testEnv gives a deterministic environment over input.
func testEnv(input jsonval.Value) Env {
	return Env{
		Resolve: testResolver(input, nil),
		Random:  func() float64 { return 0.5 },
		UUID:    func() string { return "00000000-0000-4000-8000-000000000000" },
	}
}

// evalString parses and evaluates expr against the JSON input text.
func evalString(t *testing.T, expr, input string) (jsonval.Value, error) {
	t.Helper()
	c, err := Parse(expr)
	if err != nil {
		t.Fatalf("Parse(%q): %v", expr, err)
	}
	return c.Eval(testEnv(jsonval.MustDecode(input)))
}

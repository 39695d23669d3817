package stacks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/limits"
)

// reader reads typed settings from CDK context: values from cdk.json arrive
// typed, values from `-c` arrive as strings. It collects every problem.
type reader struct {
	get  func(string) any
	errs []string
}

func (r *reader) fail(key string, v any, want string) {
	r.errs = append(r.errs, fmt.Sprintf("%s %v: want %s", key, v, want))
}

func (r *reader) str(key string, dst *string) {
	switch v := r.get(key).(type) {
	case nil:
	case string:
		*dst = strings.TrimSpace(v)
	default:
		r.fail(key, v, "a string")
	}
}

func (r *reader) intIn(key string, dst *int, lo, hi int) {
	var n int
	switch v := r.get(key).(type) {
	case nil:
		return
	case float64: // JSON numbers from cdk.json
		if v != float64(int(v)) {
			r.fail(key, v, "a whole number")
			return
		}
		n = int(v)
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			r.fail(key, v, "a whole number")
			return
		}
		n = i
	default:
		r.fail(key, v, "a whole number")
		return
	}
	if n < lo || n > hi {
		r.fail(key, n, fmt.Sprintf("a number from %d to %d", lo, hi))
		return
	}
	*dst = n
}

func (r *reader) boolean(key string, dst *bool) {
	switch v := r.get(key).(type) {
	case nil:
	case bool:
		*dst = v
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			r.fail(key, v, "true or false")
			return
		}
		*dst = b
	default:
		r.fail(key, v, "true or false")
	}
}

// limits applies a limits spec string over dst.
func (r *reader) limits(key string, dst *limits.Limits) {
	switch v := r.get(key).(type) {
	case nil:
	case string:
		l, err := dst.Parse(v)
		if err != nil {
			r.fail(key, v, fmt.Sprintf("a limits spec (%v)", err))
			return
		}
		*dst = l
	default:
		r.fail(key, v, `a limits spec string, e.g. "history-events=50000,express-duration=10m"`)
	}
}

// list accepts a JSON array of strings (cdk.json) or a comma-separated
// string (`-c allowedTaskResources=arn1,arn2`).
func (r *reader) list(key string, dst *[]string) {
	switch v := r.get(key).(type) {
	case nil:
	case string:
		*dst = config.SplitList(v)
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				r.fail(key, v, "a list of strings")
				return
			}
			out = append(out, config.SplitList(s)...)
		}
		*dst = out
	default:
		r.fail(key, v, "a list of strings or a comma-separated string")
	}
}

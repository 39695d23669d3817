package limits

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A spec names the quotas to override, as `stepwise serve|run --limits`
// and the STEPWISE_LIMITS variable of a deployment take them:
// "history-events=50000,express-duration=10m". Durations are Go durations
// (90s, 10m, 8760h); sizes and counts are integers.

// quota is one configurable limit: its name in a spec and its field.
type quota struct {
	name string
	int  func(*Limits) *int
	dur  func(*Limits) *time.Duration
	max  int // 0: no upper bound
}

var quotas = []quota{
	{name: "history-events", int: func(l *Limits) *int { return &l.HistoryEvents }},
	{name: "payload-bytes", int: func(l *Limits) *int { return &l.PayloadBytes }},
	{name: "json-depth", int: func(l *Limits) *int { return &l.JSONDepth }, max: MaxJSONDepth},
	{name: "fork-children", int: func(l *Limits) *int { return &l.ForkChildren }},
	{name: "reader-items", int: func(l *Limits) *int { return &l.ReaderItems }},
	{name: "reader-bytes", int: func(l *Limits) *int { return &l.ReaderBytes }},
	{name: "standard-duration", dur: func(l *Limits) *time.Duration { return &l.StandardDuration }},
	{name: "express-duration", dur: func(l *Limits) *time.Duration { return &l.ExpressDuration }},
	{name: "jsonata-depth", int: func(l *Limits) *int { return &l.JSONataDepth }, max: MaxJSONataDepth},
	{name: "jsonata-steps", int: func(l *Limits) *int { return &l.JSONataSteps }},
	{name: "jsonata-bytes", int: func(l *Limits) *int { return &l.JSONataBytes }},
}

// Names lists the quotas a spec may set, in the order Spec writes them.
func Names() []string {
	out := make([]string, len(quotas))
	for i, q := range quotas {
		out[i] = q.name
	}
	return out
}

// Parse applies spec to l and returns the result; an empty spec changes
// nothing. Every value must be positive.
func (l Limits) Parse(spec string) (Limits, error) {
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		if !ok {
			return l, fmt.Errorf("limit %q: want name=value", item)
		}
		if err := l.set(strings.TrimSpace(name), strings.TrimSpace(value)); err != nil {
			return l, err
		}
	}
	return l, nil
}

func (l *Limits) set(name, value string) error {
	for _, q := range quotas {
		if q.name != name {
			continue
		}
		if q.dur != nil {
			d, err := time.ParseDuration(value)
			if err != nil || d <= 0 {
				return fmt.Errorf("limit %s: %q is not a positive duration (e.g. 90s, 10m, 8760h)", name, value)
			}
			*q.dur(l) = d
			return nil
		}
		n, err := strconv.Atoi(value)
		if err != nil || n <= 0 {
			return fmt.Errorf("limit %s: %q is not a positive integer", name, value)
		}
		if q.max > 0 && n > q.max {
			return fmt.Errorf("limit %s: %d is above its maximum of %d", name, n, q.max)
		}
		*q.int(l) = n
		return nil
	}
	return fmt.Errorf("unknown limit %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Spec writes the quotas set in l (its non-zero fields) as a spec that
// Parse reads back.
func (l Limits) Spec() string {
	var parts []string
	for _, q := range quotas {
		switch {
		case q.dur != nil && *q.dur(&l) != 0:
			parts = append(parts, q.name+"="+q.dur(&l).String())
		case q.int != nil && *q.int(&l) != 0:
			parts = append(parts, q.name+"="+strconv.Itoa(*q.int(&l)))
		}
	}
	return strings.Join(parts, ",")
}

// DepthProblem says that a JSON document nests deeper than depth allows,
// as AWS's JSON parser does.
func DepthProblem(depth int) string {
	return fmt.Sprintf("Document nesting depth (%d) exceeds the maximum allowed (%d)", depth+1, depth)
}

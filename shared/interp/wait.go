package interp

import (
	"errors"
	"time"

	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// waitEnter computes the wake-up time and sleeps.
func (st *stepper) waitEnter() error {
	until, err := st.waitUntil()
	if err != nil {
		return err
	}
	st.rec.Phase = PhaseWaiting
	st.action = Sleep{Until: until}
	return nil
}

// waitWake leaves the Wait state once its time has come.
func (st *stepper) waitWake() error {
	if st.n.jsonata {
		return st.finish(st.rec.Input, st.rec.Input, st.next())
	}
	eff, err := st.inputStage()
	if err != nil {
		return err
	}
	assigns, err := st.assignStage(st.n.assign, eff)
	if err != nil {
		return err
	}
	out, err := st.outputStage(eff)
	if err != nil {
		return err
	}
	st.rec.Vars = st.rec.Vars.With(assigns)
	return st.exitTo(out, st.next())
}

func (st *stepper) waitUntil() (time.Time, error) {
	if t, ok := st.n.fields["Seconds"]; ok {
		v, err := t.eval(&st.scope, st.rec.Input)
		if err != nil {
			return time.Time{}, err
		}
		secs, ok := wholeSeconds(v)
		if !ok || secs < 0 {
			return time.Time{}, st.waitFieldFailure("The Seconds field must be a non-negative integer: %s", jsonval.String(v))
		}
		return st.env.Now.Add(time.Duration(secs) * time.Second), nil
	}
	if t, ok := st.n.fields["Timestamp"]; ok {
		v, err := t.eval(&st.scope, st.rec.Input)
		if err != nil {
			return time.Time{}, err
		}
		ts, ok := parseTimestamp(v)
		if !ok {
			return time.Time{}, st.waitFieldFailure("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %s", plain(v))
		}
		return ts, nil
	}
	if t, ok := st.n.fields["SecondsPath"].(*tPath); ok {
		return st.secondsPath(t.path)
	}
	if t, ok := st.n.fields["TimestampPath"].(*tPath); ok {
		return st.timestampPath(t.path)
	}
	return st.env.Now, nil
}

func (st *stepper) waitFieldFailure(format string, args ...any) error {
	if st.n.jsonata {
		return queryFailure(format, args...)
	}
	return runtimeFailure(format, args...)
}

func (st *stepper) pathValue(p *jsonpath.Path) (jsonval.Value, bool, error) {
	root, err := st.scope.rootFor(p, st.rec.Input)
	if err != nil {
		return nil, false, err
	}
	v, err := p.Get(root)
	if errors.Is(err, jsonpath.ErrNotFound) {
		return nil, false, nil
	}
	return v, err == nil, err
}

func (st *stepper) secondsPath(p *jsonpath.Path) (time.Time, error) {
	v, found, err := st.pathValue(p)
	if err != nil {
		return time.Time{}, err
	}
	if !found {
		return time.Time{}, runtimeFailure("The SecondsPath parameter does not reference an input value: %s", p.String())
	}
	secs, ok := wholeSeconds(v)
	if !ok {
		return time.Time{}, runtimeFailure("The SecondsPath parameter cannot be parsed as a long value: %s == %s", p.String(), jsonval.String(v))
	}
	if secs < 0 {
		return time.Time{}, runtimeFailure("The SecondsPath parameter references a negative value: %s == %s", p.String(), jsonval.String(v))
	}
	return st.env.Now.Add(time.Duration(secs) * time.Second), nil
}

func (st *stepper) timestampPath(p *jsonpath.Path) (time.Time, error) {
	v, found, err := st.pathValue(p)
	if err != nil {
		return time.Time{}, err
	}
	if !found {
		return time.Time{}, runtimeFailure("The TimestampPath parameter does not reference an input value: %s", p.String())
	}
	ts, ok := parseTimestamp(v)
	if !ok {
		return time.Time{}, runtimeFailure("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", p.String(), plain(v))
	}
	return ts, nil
}

// wholeSeconds accepts integral numbers only, as AWS parses a long.
func wholeSeconds(v jsonval.Value) (int64, bool) {
	n, ok := v.(jsonval.Number)
	if !ok || !n.IsIntegral() {
		return 0, false
	}
	return n.Int()
}

// parseTimestamp accepts RFC 3339 date-times with an offset, as AWS does.
func parseTimestamp(v jsonval.Value) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// plain renders a string without quotes and other values as JSON.
func plain(v jsonval.Value) string {
	if s, ok := v.(string); ok {
		return s
	}
	return jsonval.String(v)
}

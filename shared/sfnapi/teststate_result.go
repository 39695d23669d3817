package sfnapi

import (
	"math"
	"slices"
	"strings"

	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// errorDetails is TestState's InspectionErrorDetails: which catcher or
// retrier an error met.
type errorDetails struct {
	CatchIndex                  *int   `json:"catchIndex,omitempty"`
	RetryIndex                  *int   `json:"retryIndex,omitempty"`
	RetryBackoffIntervalSeconds *int64 `json:"retryBackoffIntervalSeconds,omitempty"`
}

func (d *errorDetails) empty() bool {
	return d.CatchIndex == nil && d.RetryIndex == nil && d.RetryBackoffIntervalSeconds == nil
}

// testResult maps a run to TestState's answer: the first stub entered is
// the next state, reached after a failure it means a Catch fired; a
// failure a retrier with attempts left matches is RETRIABLE.
func testResult(res inproc.Result, w wrapped, cfg *stateConfig) (testStateOut, *errorDetails) {
	details := &errorDetails{}
	var errName, cause string
	for _, ev := range res.History.Events() {
		name := ev.StateName()
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered") && name != w.Name && w.Targets[name]:
			if errName == "" {
				return withOutput(testStateOut{Status: "SUCCEEDED", NextState: name}, ev.Detail), details
			}
			if retriable(w.Retry, errName, cfg, details) {
				return testStateOut{Status: "RETRIABLE", Error: errName, Cause: cause}, details
			}
			details.CatchIndex = matchIndex(w.Catch, errName)
			out := testStateOut{Status: "CAUGHT_ERROR", NextState: name, Error: errName, Cause: cause}
			return withOutput(out, ev.Detail), details
		case errName == "" && (strings.HasSuffix(ev.Type, "Failed") || strings.HasSuffix(ev.Type, "TimedOut")):
			errName, cause = detailString(ev.Detail("error")), detailString(ev.Detail("cause"))
		}
	}
	if res.Status != inproc.StatusSucceeded {
		if retriable(w.Retry, res.Error, cfg, details) {
			return testStateOut{Status: "RETRIABLE", Error: res.Error, Cause: res.Cause}, details
		}
		return testStateOut{Status: "FAILED", Error: res.Error, Cause: res.Cause}, details
	}
	s := jsonval.String(res.Output)
	return testStateOut{Status: "SUCCEEDED", Output: &s}, details
}

// withOutput sets out's output to the input of the stub entered next.
func withOutput(out testStateOut, detail func(string) (jsonval.Value, bool)) testStateOut {
	if p, ok := detail("input"); ok {
		s := jsonval.String(payloadValue(p))
		out.Output = &s
	}
	return out
}

func detailString(v jsonval.Value, _ bool) string {
	s, _ := v.(string)
	return s
}

// retriable finds the retrier that errName meets and records it in
// details; it is RETRIABLE while the retrier has attempts left after the
// retrierRetryCount attempts stateConfiguration says were made.
func retriable(retry []any, errName string, cfg *stateConfig, details *errorDetails) bool {
	i := matchIndex(retry, errName)
	if i == nil {
		return false
	}
	details.RetryIndex = i
	r, _ := retry[*i].(*jsonval.Object)
	count := 0
	if cfg != nil && cfg.RetrierRetryCount != nil {
		count = *cfg.RetrierRetryCount
	}
	if float64(count) >= number(r, "MaxAttempts", 3) {
		return false
	}
	backoff := number(r, "IntervalSeconds", 1) * math.Pow(number(r, "BackoffRate", 2), float64(count))
	if maxDelay := number(r, "MaxDelaySeconds", 0); maxDelay > 0 {
		backoff = min(backoff, maxDelay)
	}
	seconds := int64(math.Round(backoff))
	details.RetryBackoffIntervalSeconds = &seconds
	return true
}

func number(o *jsonval.Object, key string, def float64) float64 {
	if o == nil {
		return def
	}
	v, ok := o.Get(key)
	if !ok {
		return def
	}
	f, ok := jsonval.ToFloat(v)
	if !ok {
		return def
	}
	return f
}

// matchIndex is the index of the first retrier or catcher whose
// ErrorEquals matches errName.
func matchIndex(list []any, errName string) *int {
	for i, r := range list {
		o, ok := r.(*jsonval.Object)
		if !ok {
			continue
		}
		names, _ := o.Get("ErrorEquals")
		errs, _ := names.([]any)
		if slices.Contains(errs, any(errName)) || slices.Contains(errs, any("States.ALL")) ||
			(errName != "States.Timeout" && slices.Contains(errs, any("States.TaskFailed"))) {
			return &i
		}
	}
	return nil
}

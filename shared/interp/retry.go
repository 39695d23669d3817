package interp

import (
	"math"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// handleFailure retries, catches, or ends the frame with failure f.
func (st *stepper) handleFailure(f *Failure) {
	cause := stateCause(f, st.n.st.Name, st.rec.EnteredEventID)
	if st.retry(f.Name) {
		return
	}
	if st.catch(f.Name, cause) {
		return
	}
	if f.Evaluation {
		st.emit(history.EvaluationFailed, "error", f.Name, "cause", cause, "state", st.n.st.Name)
	}
	st.action = Fail{Error: f.Name, Cause: cause}
}

// errorMatches implements ErrorEquals matching, with AWS's wildcards.
func errorMatches(list []string, name string) bool {
	if name == asl.ErrorRuntime {
		// AWS never retries or catches States.Runtime, even when named.
		return false
	}
	for _, e := range list {
		switch {
		case e == name:
			return true
		case e == asl.ErrorAll:
			return true
		case e == asl.ErrorTaskFailed:
			if name != asl.ErrorTimeout {
				return true
			}
		}
	}
	return false
}

// retry schedules another attempt when a retrier matches and has attempts left.
func (st *stepper) retry(name string) bool {
	for i, r := range st.n.retry {
		if !errorMatches(r.ErrorEquals, name) {
			continue
		}
		retries := st.rec.Retries
		if len(retries) < len(st.n.retry) {
			retries = make([]int, len(st.n.retry))
			copy(retries, st.rec.Retries)
		} else {
			retries = append([]int(nil), retries...)
		}
		if retries[i] >= r.MaxAttempts {
			return false
		}
		delay := backoff(r, retries[i], st.env.Random)
		retries[i]++
		st.rec.Retries = retries
		st.rec.Attempt++
		st.rec.Phase = PhaseBackoff
		st.action = Sleep{Until: st.env.Now.Add(delay)}
		return true
	}
	return false
}

// backoff is IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds,
// with full jitter when asked.
func backoff(r *asl.Retrier, n int, random func() float64) time.Duration {
	secs := r.IntervalSeconds * math.Pow(r.BackoffRate, float64(n))
	if r.MaxDelaySeconds > 0 && secs > r.MaxDelaySeconds {
		secs = r.MaxDelaySeconds
	}
	if r.JitterStrategy == "FULL" && random != nil {
		secs *= random()
	}
	return time.Duration(secs * float64(time.Second))
}

// catch follows the first matching catcher.
func (st *stepper) catch(name, cause string) bool {
	for _, c := range st.n.catch {
		if !errorMatches(c.c.ErrorEquals, name) {
			continue
		}
		errOut := errorOutput(name, cause)
		if err := st.caught(c, errOut); err != nil {
			f, _ := err.(*Failure)
			if f == nil {
				f = runtimeFailure("%v", err)
			}
			st.action = Fail{Error: f.Name, Cause: stateCause(f, st.n.st.Name, st.rec.EnteredEventID)}
		}
		return true
	}
	return false
}

// caught computes the catcher's output and moves to its Next state.
func (st *stepper) caught(c *catcher, errOut *jsonval.Object) error {
	var (
		out     jsonval.Value
		assigns map[string]jsonval.Value
		err     error
	)
	if st.n.jsonata {
		st.scope.errorOutput, st.scope.hasError = errOut, true
		if assigns, err = st.assignStage(c.assign, nil); err != nil {
			return err
		}
		if out, err = st.jsonataOutput(c.output, errOut); err != nil {
			return err
		}
	} else {
		if assigns, err = st.assignStage(c.assign, errOut); err != nil {
			return err
		}
		if out, err = st.resultPathStage(c.resultPath, errOut); err != nil {
			return err
		}
	}
	st.rec.Vars = st.rec.Vars.With(assigns)
	st.rec.Retries = nil
	return st.exitTo(out, c.c.Next)
}

// errorOutput is the {Error, Cause} object a Catch receives. A failure
// that carried neither (a bare SendTaskFailure) shows both as null.
func errorOutput(name, cause string) *jsonval.Object {
	o := jsonval.NewObject(2)
	if name == "" && cause == "" {
		o.Set("Error", nil)
		o.Set("Cause", nil)
		return o
	}
	o.Set("Error", name)
	o.Set("Cause", cause)
	return o
}

package sfnapi

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// testStateTimeout bounds one TestState run (a Map over a huge array, or
// a task that never answers).
const testStateTimeout = 30 * time.Second

type testStateIn struct {
	Definition      string  `json:"definition"`
	RoleArn         string  `json:"roleArn"`
	Input           *string `json:"input"`
	InspectionLevel string  `json:"inspectionLevel"`
	RevealSecrets   bool    `json:"revealSecrets"` // ignored: nothing is secret here
	StateName       string  `json:"stateName"`
}

type inspectionData struct {
	Input               string `json:"input,omitempty"`
	AfterArguments      string `json:"afterArguments,omitempty"`
	AfterInputPath      string `json:"afterInputPath,omitempty"`
	AfterParameters     string `json:"afterParameters,omitempty"`
	Result              string `json:"result,omitempty"`
	AfterResultSelector string `json:"afterResultSelector,omitempty"`
	AfterResultPath     string `json:"afterResultPath,omitempty"`
}

// set records one stage's value under TestState's inspection names. The
// state under test runs first, so the first value of a stage is its own
// (the placeholder states after it report later).
func (d *inspectionData) set(stage string, v jsonval.Value) {
	field := map[string]*string{
		"afterArguments": &d.AfterArguments, "afterInputPath": &d.AfterInputPath,
		"afterParameters": &d.AfterParameters, "result": &d.Result,
		"afterResultSelector": &d.AfterResultSelector, "afterResultPath": &d.AfterResultPath,
	}[stage]
	if field != nil && *field == "" {
		*field = jsonval.String(v)
	}
}

type testStateOut struct {
	Output         *string         `json:"output,omitempty"`
	Error          string          `json:"error,omitempty"`
	Cause          string          `json:"cause,omitempty"`
	NextState      string          `json:"nextState,omitempty"`
	Status         string          `json:"status"`
	InspectionData *inspectionData `json:"inspectionData,omitempty"`
}

// testState runs one state in isolation, in process, with a clock that
// never sleeps, and reports its output and where it would go next.
func testState(a *API, ctx context.Context, in testStateIn) (testStateOut, error) {
	if err := checkTestStateIn(in); err != nil {
		return testStateOut{}, err
	}
	input, err := a.testInput(in.Input)
	if err != nil {
		return testStateOut{}, err
	}
	w, err := wrapState(in.Definition, in.StateName)
	if err != nil {
		return testStateOut{}, err
	}
	m, err := compile(jsonval.String(w.Doc))
	if err != nil {
		return testStateOut{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, testStateTimeout)
	defer cancel()
	data := &inspectionData{Input: jsonval.String(input)}
	res, err := inproc.Run(ctx, m, input, inproc.Options{
		Scope: a.opts.Scope, StateMachineName: "TestStateMachine", ExecutionName: "TestState", RoleArn: in.RoleArn,
		Clock: clock.NewFake(a.opts.Now()), Invoker: a.opts.Invoker, Random: a.opts.Random, NewUUID: a.opts.NewID,
		Inspect: data.set, Limits: a.opts.Limits,
	})
	if err != nil {
		return testStateOut{}, fmt.Errorf("run state: %w", err)
	}
	out := testResult(res, w)
	if in.InspectionLevel == "DEBUG" || in.InspectionLevel == "TRACE" {
		out.InspectionData = data
	}
	return out, nil
}

func (a *API) testInput(s *string) (jsonval.Value, error) {
	if s == nil {
		return jsonval.NewObject(0), nil
	}
	if err := a.checkData("input", *s, invalidInput); err != nil {
		return nil, err
	}
	v, err := jsonval.DecodeString(*s)
	if err != nil {
		return nil, invalidInput(err.Error())
	}
	return v, nil
}

func checkTestStateIn(in testStateIn) error {
	if in.Definition == "" {
		return errRequired("definition")
	}
	if len(in.Definition) > maxDefinition {
		return errTooLong("definition", maxDefinition)
	}
	if in.RoleArn != "" {
		if err := checkRole(in.RoleArn); err != nil {
			return err
		}
	}
	switch in.InspectionLevel {
	case "", "INFO", "DEBUG", "TRACE":
		return nil
	}
	return errEnum("inspectionLevel", in.InspectionLevel, "INFO, DEBUG, TRACE")
}

// compile validates and compiles the wrapped machine.
func compile(def string) (*interp.Machine, error) {
	if err := checkDefinition(def, "STANDARD"); err != nil {
		return nil, err
	}
	invalid := func(err error) *Error {
		return &Error{Code: CodeInvalidDefinition, Message: "Invalid State Machine Definition: '" + err.Error() + "'"}
	}
	parsed, err := asl.Parse([]byte(def))
	if err != nil {
		return nil, invalid(err)
	}
	m, err := interp.Compile(parsed)
	if err != nil {
		return nil, invalid(err)
	}
	return m, nil
}

// testResult maps a run to TestState's answer: the first stub entered is
// the next state, reached after a failure it means a Catch fired, and a
// failure a retrier matches is RETRIABLE.
func testResult(res inproc.Result, w wrapped) testStateOut {
	var errName, cause string
	for _, ev := range res.History.Events() {
		name := ev.StateName()
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered") && name != w.Name && w.Targets[name]:
			if errName != "" && retries(w.Retry, errName) {
				return testStateOut{Status: "RETRIABLE", Error: errName, Cause: cause}
			}
			status := "SUCCEEDED"
			if errName != "" {
				status = "CAUGHT_ERROR"
			}
			out := testStateOut{Status: status, NextState: name}
			if p, ok := ev.Detail("input"); ok {
				s := jsonval.String(payloadValue(p))
				out.Output = &s
			}
			return out
		case errName == "" && (strings.HasSuffix(ev.Type, "Failed") || strings.HasSuffix(ev.Type, "TimedOut")):
			errName, cause = detailString(ev.Detail("error")), detailString(ev.Detail("cause"))
		}
	}
	if res.Status != inproc.StatusSucceeded {
		if retries(w.Retry, res.Error) {
			return testStateOut{Status: "RETRIABLE", Error: res.Error, Cause: res.Cause}
		}
		return testStateOut{Status: "FAILED", Error: res.Error, Cause: res.Cause}
	}
	s := jsonval.String(res.Output)
	return testStateOut{Status: "SUCCEEDED", Output: &s}
}

func detailString(v jsonval.Value, _ bool) string {
	s, _ := v.(string)
	return s
}

// retries reports whether a retrier (with attempts left) matches errName.
func retries(retry []any, errName string) bool {
	for _, r := range retry {
		o, ok := r.(*jsonval.Object)
		if !ok {
			continue
		}
		if n, ok := o.Get("MaxAttempts"); ok {
			if f, _ := jsonval.ToFloat(n); f == 0 {
				continue
			}
		}
		names, _ := o.Get("ErrorEquals")
		list, _ := names.([]any)
		if slices.Contains(list, any(errName)) || slices.Contains(list, any("States.ALL")) ||
			(errName != "States.Timeout" && slices.Contains(list, any("States.TaskFailed"))) {
			return true
		}
	}
	return false
}

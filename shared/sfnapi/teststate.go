package sfnapi

import (
	"context"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// testStateTimeout bounds one TestState run (a Map over a huge array, or
// a task that never answers).
const testStateTimeout = 30 * time.Second

type testStateIn struct {
	Definition         string       `json:"definition"`
	RoleArn            string       `json:"roleArn"`
	Input              *string      `json:"input"`
	InspectionLevel    string       `json:"inspectionLevel"`
	RevealSecrets      bool         `json:"revealSecrets"` // HTTP Tasks' connection values at TRACE
	StateName          string       `json:"stateName"`
	Variables          *string      `json:"variables"`
	Context            *string      `json:"context"`
	Mock               *testMock    `json:"mock"`
	StateConfiguration *stateConfig `json:"stateConfiguration"`
}

// testMock is TestState's MockInput: the state's result, or its error.
type testMock struct {
	Result              *string    `json:"result"`
	ErrorOutput         *mockError `json:"errorOutput"`
	FieldValidationMode string     `json:"fieldValidationMode"`
}

type mockError struct {
	Error string `json:"error"`
	Cause string `json:"cause"`
}

// stateConfig is TestState's TestStateConfiguration: where in a retry
// sequence or a Map run the tested state is.
type stateConfig struct {
	RetrierRetryCount        *int    `json:"retrierRetryCount"`
	ErrorCausedByState       string  `json:"errorCausedByState"`
	MapIterationFailureCount *int    `json:"mapIterationFailureCount"`
	MapItemReaderData        *string `json:"mapItemReaderData"`
}

type testStateOut struct {
	Output         *string         `json:"output,omitempty"`
	Error          string          `json:"error,omitempty"`
	Cause          string          `json:"cause,omitempty"`
	NextState      string          `json:"nextState,omitempty"`
	Status         string          `json:"status"`
	InspectionData *inspectionData `json:"inspectionData,omitempty"`
}

// testStateRun is one TestState request, checked and ready to run.
type testStateRun struct {
	in      testStateIn
	input   jsonval.Value
	vars    map[string]jsonval.Value
	context jsonval.Value
	mock    *mockResult
	w       wrapped
}

// testState runs one state in isolation, in process, with a clock that
// never sleeps, and reports its outcome the way AWS's TestState does.
func testState(a *API, ctx context.Context, in testStateIn) (testStateOut, error) {
	r, err := a.prepareTestState(in)
	if err != nil {
		return testStateOut{}, err
	}
	m, err := compile(jsonval.String(r.w.Doc))
	if err != nil {
		return testStateOut{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, testStateTimeout)
	defer cancel()
	data := newInspection(r.input)
	var calls httpTrace
	ctx = calls.traceHTTP(ctx, in.InspectionLevel, in.RevealSecrets)
	invoker := a.opts.Invoker
	if a.opts.AssumeTestStateRole {
		ctx = taskrole.WithExecutionRole(ctx, in.RoleArn)
	}
	if r.mock != nil {
		invoker = r.mock
		if err := a.probeMap(ctx, r, data); err != nil {
			return testStateOut{}, err
		}
	}
	// TestState runs as an Express execution of a machine with a fresh name.
	smName, execName := a.opts.NewID(), a.opts.NewID()
	res, err := inproc.Run(ctx, m, r.input, inproc.Options{
		Scope: a.opts.Scope, StateMachineName: smName, ExecutionName: execName,
		ExecutionID: fmt.Sprintf("arn:%s:states:%s:%s:express:%s:%s", a.opts.Scope.Partition, a.opts.Scope.Region, a.opts.Scope.Account, smName, execName),
		Express:     true, RoleArn: in.RoleArn, NoRole: in.RoleArn == "",
		Clock: clock.NewFake(a.opts.Now()), Invoker: invoker, Random: a.opts.Random, NewUUID: a.opts.NewID,
		Inspect: data.record, Variables: r.vars, Context: r.context, Limits: a.opts.Limits,
	})
	if err != nil {
		return testStateOut{}, fmt.Errorf("run state: %w", err)
	}
	out, details := testResult(res, r.w, r.in.StateConfiguration)
	if in.InspectionLevel == "DEBUG" || in.InspectionLevel == "TRACE" {
		out.InspectionData = data.report(r, details)
		calls.fill(out.InspectionData)
	}
	return out, nil
}

// prepareTestState checks a request and builds the machine it runs.
func (a *API) prepareTestState(in testStateIn) (*testStateRun, error) {
	r := &testStateRun{in: in}
	if err := checkMock(in); err != nil {
		return nil, err
	}
	var err error
	if r.input, err = a.testInput(in.Input); err != nil {
		return nil, err
	}
	if r.vars, err = testVariables(in.Variables); err != nil {
		return nil, err
	}
	picked, err := pickState(in.Definition, in.StateName)
	if err != nil {
		return nil, err
	}
	if err := checkStateForTest(picked, in); err != nil {
		return nil, err
	}
	// The state is validated as given, before a mock stands in for it.
	if err := checkDefinition(jsonval.String(wrapState(picked, false, picked.Name).Doc), "STANDARD"); err != nil {
		return nil, err
	}
	if r.context, err = testContext(in.Context, picked); err != nil {
		return nil, err
	}
	if r.mock, err = newMockResult(in, picked); err != nil {
		return nil, err
	}
	r.w = wrapState(picked, r.mock != nil, singleStateName)
	return r, nil
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

// testVariables reads the variables in scope of the tested state.
func testVariables(s *string) (map[string]jsonval.Value, error) {
	if s == nil {
		return nil, nil
	}
	v, err := jsonval.DecodeString(*s)
	obj, ok := v.(*jsonval.Object)
	if err != nil || !ok {
		return nil, errValidation("Variables must be a JSON object")
	}
	vars := make(map[string]jsonval.Value, obj.Len())
	obj.Range(func(k string, x jsonval.Value) bool {
		vars[k] = x
		return true
	})
	return vars, nil
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

package sfnapi

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// checkMock applies TestState's rules on the mock as a whole.
func checkMock(in testStateIn) error {
	m := in.Mock
	if m == nil {
		if c := in.StateConfiguration; c != nil && c.MapIterationFailureCount != nil {
			return errValidation("TestState does not support MapIterationFailureCount when a mock is not specified.")
		}
		if c := in.StateConfiguration; c != nil && c.MapItemReaderData != nil {
			return errValidation("TestState does not support MapItemReaderData when a mock is not specified.")
		}
		return nil
	}
	if m.Result != nil && m.ErrorOutput != nil {
		return errValidation("A test mock should have only one of the following fields: [result, errorOutput].")
	}
	if in.RevealSecrets {
		return errValidation("TestState does not support RevealSecrets when a mock is specified.")
	}
	if m.Result != nil {
		if _, err := jsonval.DecodeString(*m.Result); err != nil {
			return errValidation("Mocked result must be valid JSON")
		}
	}
	return nil
}

// testableTypes are the state types TestState runs without a mock.
const testableTypes = "[Task, Wait, Pass, Succeed, Fail, Choice]"

// checkStateForTest applies TestState's rules on the tested state.
func checkStateForTest(p picked, in testStateIn) error {
	mocked := in.Mock != nil
	switch p.Type {
	case "Map", "Parallel":
		if !mocked {
			return &Error{Code: CodeInvalidDefinition, Message: "TestState API does not support Map or Parallel states. Supported state types include: " + testableTypes}
		}
	case "Task":
		if !mocked && in.RoleArn == "" {
			return errValidation("RoleArn must be specified when testing a Task state")
		}
	default:
		if mocked {
			return errValidation("State type '" + p.Type + "' is not supported when a mock is specified")
		}
	}
	if c := in.StateConfiguration; c != nil && c.MapItemReaderData != nil && !(p.Type == "Map" && p.State.Has("ItemReader")) {
		return errValidation("TestState supports MapItemReaderData only for a Map state with an ItemReader.")
	}
	return nil
}

// contextFields are the members a mocked context object may have, with
// the type of each of their members.
var contextFields = map[string]map[string]string{
	"Execution":    {"Id": "string", "Input": "any", "Name": "string", "RoleArn": "string", "StartTime": "string", "RedriveCount": "number", "RedriveTime": "string"},
	"State":        {"EnteredTime": "string", "Name": "string", "RetryCount": "number"},
	"StateMachine": {"Id": "string", "Name": "string"},
	"Task":         {"Token": "string"},
}

// testContext reads and checks TestState's context object.
func testContext(s *string, p picked) (jsonval.Value, error) {
	if s == nil {
		return nil, nil
	}
	invalid := func(msg string) error { return errValidation("Invalid Context object provided: " + msg) }
	v, err := jsonval.DecodeString(*s)
	obj, ok := v.(*jsonval.Object)
	if err != nil || !ok {
		return nil, invalid("Context object must be a JSON object")
	}
	var bad error
	obj.Range(func(field string, x jsonval.Value) bool {
		bad = checkContextField(field, x, p)
		return bad == nil
	})
	if bad != nil {
		return nil, invalid(bad.Error())
	}
	return obj, nil
}

type contextError string

func (e contextError) Error() string { return string(e) }

func checkContextField(field string, v jsonval.Value, p picked) error {
	members, known := contextFields[field]
	switch {
	case field == "Map":
		return contextError("'Map' field is not supported when mocking a Context object")
	case !known:
		return contextError("Field '" + field + "' is not allowed")
	case field == "Task" && !callbackTask(p):
		return contextError("Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern")
	}
	obj, ok := v.(*jsonval.Object)
	if !ok {
		return contextError(field + " must be an object")
	}
	var bad error
	obj.Range(func(k string, x jsonval.Value) bool {
		want, known := members[k]
		switch {
		case !known:
			// Recorded: {"Execution":{"pokemon":…}} is "Field 'pokemon' is not allowed".
			bad = contextError("Field '" + k + "' is not allowed")
		case want == "string":
			if _, ok := x.(string); !ok {
				bad = contextError(field + "." + k + " must be a string")
			}
		case want == "number":
			if _, ok := x.(jsonval.Number); !ok {
				bad = contextError(field + "." + k + " must be a number")
			}
		}
		return bad == nil
	})
	return bad
}

// callbackTask tells a Task state with a .sync or .waitForTaskToken
// integration, the only ones whose context has a Task member.
func callbackTask(p picked) bool {
	res, _ := getString(p.State, "Resource")
	return p.Type == "Task" && (strings.Contains(res, ".sync") || strings.HasSuffix(res, ".waitForTaskToken"))
}

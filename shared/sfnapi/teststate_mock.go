package sfnapi

import (
	"context"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// mockResult answers the tested state's task with TestState's mock: the
// given result or error. For a Map it also plays the failed iterations of
// stateConfiguration.mapIterationFailureCount against the Map's tolerance.
type mockResult struct {
	result   jsonval.Value
	err      *mockError
	isMap    bool
	failures int
}

// newMockResult checks a request's mock against the tested state and
// returns the invoker that plays it, or nil without a mock.
func newMockResult(in testStateIn, p picked) (*mockResult, error) {
	if in.Mock == nil {
		return nil, nil
	}
	m := &mockResult{err: in.Mock.ErrorOutput, isMap: p.Type == "Map"}
	if c := in.StateConfiguration; c != nil && c.MapIterationFailureCount != nil {
		m.failures = *c.MapIterationFailureCount
	}
	if in.Mock.Result == nil {
		return m, nil
	}
	m.result, _ = jsonval.DecodeString(*in.Mock.Result) // checked by checkMock
	switch p.Type {
	case "Map":
		return m, m.checkMap(p)
	case "Parallel":
		branches, _ := p.State.Get("Branches")
		list, _ := branches.([]any)
		arr, ok := m.result.([]any)
		if !ok {
			return nil, errValidation("Mocked result must be an array.")
		}
		if len(arr) != len(list) {
			return nil, errValidation("Mocked result must contain the same number of items as number of Parallel branches.")
		}
		return m, nil
	}
	res, _ := getString(p.State, "Resource")
	return m, checkMockShape(res, m.result, in.Mock.FieldValidationMode)
}

// checkMap applies the rules on a Map's mocked result: the array of its
// iterations' results, or with a ResultWriter the writer's object.
func (m *mockResult) checkMap(p picked) error {
	if p.State.Has("ResultWriter") {
		if _, ok := m.result.(*jsonval.Object); !ok {
			return errValidation("Mocked result must be a JSON object.")
		}
		return nil
	}
	arr, ok := m.result.([]any)
	if !ok {
		return errValidation("Mocked result must be an array.")
	}
	if m.failures > len(arr) {
		return errValidation("Map iteration failure count must be less than or equal to the number of Map iterations")
	}
	return nil
}

// Invoke answers every task with the mock.
func (m *mockResult) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	if m.err != nil {
		return task.Failure(m.err.Error, m.err.Cause), nil
	}
	if m.isMap && m.exceedsTolerance(req.Input) {
		return task.Failure("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded"), nil
	}
	return task.Success(m.result), nil
}

// exceedsTolerance tells whether the failed iterations exceed the Map's
// evaluated ToleratedFailureCount or ToleratedFailurePercentage; a Map
// that sets neither is not checked.
func (m *mockResult) exceedsTolerance(settings jsonval.Value) bool {
	obj, _ := settings.(*jsonval.Object)
	if obj == nil || m.failures == 0 {
		return false
	}
	if v, ok := obj.Get("toleratedFailureCount"); ok {
		if n, ok := jsonval.ToFloat(v); ok && float64(m.failures) > n {
			return true
		}
	}
	if v, ok := obj.Get("toleratedFailurePercentage"); ok {
		arr, _ := m.result.([]any)
		if n, ok := jsonval.ToFloat(v); ok && len(arr) > 0 && float64(m.failures)*100/float64(len(arr)) > n {
			return true
		}
	}
	return false
}

// field is one member of an integration's response shape.
type field struct {
	typ      string // string, number, boolean, array, object, any
	required bool
}

// responseShapes are the response shapes of optimized integrations that
// mocks are validated against (fieldValidationMode STRICT or PRESENT).
var responseShapes = map[string]map[string]field{
	"lambda:invoke": {"StatusCode": {typ: "number"}, "FunctionError": {typ: "string"}, "LogResult": {typ: "string"},
		"Payload": {typ: "any"}, "ExecutedVersion": {typ: "string"}},
	"events:putEvents":      {"Entries": {typ: "array"}, "FailedEntryCount": {typ: "number"}},
	"states:startExecution": {"ExecutionArn": {typ: "string", required: true}, "StartDate": {typ: "string", required: true}},
	"sqs:sendMessage": {"MD5OfMessageBody": {typ: "string"}, "MD5OfMessageAttributes": {typ: "string"},
		"MD5OfMessageSystemAttributes": {typ: "string"}, "MessageId": {typ: "string"}, "SequenceNumber": {typ: "string"}},
	"sns:publish":      {"MessageId": {typ: "string"}, "SequenceNumber": {typ: "string"}},
	"dynamodb:putItem": {"Attributes": {typ: "object"}, "ConsumedCapacity": {typ: "object"}, "ItemCollectionMetrics": {typ: "object"}},
	"dynamodb:getItem": {"Item": {typ: "object"}, "ConsumedCapacity": {typ: "object"}},
	"dynamodb:deleteItem": {"Attributes": {typ: "object"}, "ConsumedCapacity": {typ: "object"},
		"ItemCollectionMetrics": {typ: "object"}},
	"dynamodb:updateItem": {"Attributes": {typ: "object"}, "ConsumedCapacity": {typ: "object"},
		"ItemCollectionMetrics": {typ: "object"}},
}

// checkMockShape validates a mocked result against the integration's
// response shape: STRICT (the default) also requires required members,
// PRESENT checks the members given, NONE nothing. Members the shape does
// not know are allowed.
func checkMockShape(resource string, result jsonval.Value, mode string) error {
	if mode == "NONE" {
		return nil
	}
	integration := strings.TrimPrefix(resource, "arn:aws:states:::")
	if i := strings.IndexByte(integration, '.'); i >= 0 {
		integration = integration[:i]
	}
	shape, ok := responseShapes[integration]
	obj, isObj := result.(*jsonval.Object)
	if !ok || !isObj {
		return nil
	}
	invalid := func(msg string) error { return errValidation("Mock result schema validation error: " + msg) }
	names := make([]string, 0, len(shape))
	for name := range shape {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := shape[name]
		v, present := obj.Get(name)
		if !present {
			if f.required && mode != "PRESENT" {
				return invalid("Required field '" + name + "' is missing")
			}
			continue
		}
		if want := typeOf(v); f.typ != "any" && want != f.typ {
			return invalid("Field '" + name + "' must be " + article(f.typ))
		}
	}
	return nil
}

func typeOf(v jsonval.Value) string {
	switch v.(type) {
	case string:
		return "string"
	case jsonval.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case *jsonval.Object:
		return "object"
	}
	return "null"
}

func article(typ string) string {
	if typ == "array" || typ == "object" {
		return "an " + typ
	}
	return "a " + typ
}

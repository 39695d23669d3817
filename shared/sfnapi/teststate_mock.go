package sfnapi

import (
	"context"
	"slices"
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

// field is one member of an integration's response shape: its type, and
// for structures and lists of structures, their members.
type field struct {
	typ      string // string, number, boolean, array, object, any
	required bool
	members  map[string]field // an object's members, or an array's items' members
	item     *field           // an array's item shape, when not given by members
	enum     []string         // a string's allowed values; nil = any
}

// Shapes shared by several integrations.
var (
	consumedCapacity = field{typ: "object", members: map[string]field{
		"TableName": {typ: "string"}, "CapacityUnits": {typ: "number"}, "ReadCapacityUnits": {typ: "number"},
		"WriteCapacityUnits": {typ: "number"}, "Table": {typ: "object"}, "LocalSecondaryIndexes": {typ: "object"},
		"GlobalSecondaryIndexes": {typ: "object"},
	}}
	itemCollectionMetrics = field{typ: "object", members: map[string]field{
		"ItemCollectionKey": {typ: "object"}, "SizeEstimateRangeGB": {typ: "array"},
	}}
	dynamoWrite = map[string]field{"Attributes": {typ: "object"}, "ConsumedCapacity": consumedCapacity,
		"ItemCollectionMetrics": itemCollectionMetrics}
)

// responseShapes are the response shapes of optimized integrations that
// mocks are validated against (fieldValidationMode STRICT or PRESENT), as
// the services' API models define them.
var responseShapes = map[string]map[string]field{
	"lambda:invoke": {"StatusCode": {typ: "number"}, "FunctionError": {typ: "string"}, "LogResult": {typ: "string"},
		"Payload": {typ: "any"}, "ExecutedVersion": {typ: "string"}},
	"events:putEvents": {"FailedEntryCount": {typ: "number"}, "Entries": {typ: "array", members: map[string]field{
		"EventId": {typ: "string"}, "ErrorCode": {typ: "string"}, "ErrorMessage": {typ: "string"}}}},
	"states:startExecution": {"ExecutionArn": {typ: "string", required: true}, "StartDate": {typ: "string", required: true}},
	"sqs:sendMessage": {"MD5OfMessageBody": {typ: "string"}, "MD5OfMessageAttributes": {typ: "string"},
		"MD5OfMessageSystemAttributes": {typ: "string"}, "MessageId": {typ: "string"}, "SequenceNumber": {typ: "string"}},
	"sns:publish":         {"MessageId": {typ: "string"}, "SequenceNumber": {typ: "string"}},
	"dynamodb:putItem":    dynamoWrite,
	"dynamodb:updateItem": dynamoWrite,
	"dynamodb:deleteItem": dynamoWrite,
	"dynamodb:getItem":    {"Item": {typ: "object"}, "ConsumedCapacity": consumedCapacity},
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
	if !ok {
		if shape, ok = sdkShape(integration); !ok {
			return nil
		}
	}
	if msg := checkMembersOf(shape, result, mode != "PRESENT"); msg != "" {
		return errValidation("Mock result schema validation error: " + msg)
	}
	return nil
}

// checkMembersOf checks an object's members against their shapes and
// returns AWS's words for the first problem, or "".
func checkMembersOf(shape map[string]field, v jsonval.Value, strict bool) string {
	obj, ok := v.(*jsonval.Object)
	if !ok {
		return ""
	}
	names := make([]string, 0, len(shape))
	for name := range shape {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := shape[name]
		x, present := obj.Get(name)
		if !present {
			if f.required && strict {
				return "Required field '" + name + "' is missing"
			}
			continue
		}
		if msg := f.check(name, x, strict); msg != "" {
			return msg
		}
	}
	return ""
}

// check checks one member's value, and an array's items or an object's
// members against theirs.
func (f field) check(name string, v jsonval.Value, strict bool) string {
	if f.typ != "any" && typeOf(v) != f.typ {
		return "Field '" + name + "' must be " + article(f.typ)
	}
	if s, ok := v.(string); ok && f.enum != nil && !slices.Contains(f.enum, s) {
		return "Field '" + name + "' is not an expected value"
	}
	if items, ok := v.([]any); ok && f.item != nil {
		for _, it := range items {
			if msg := f.item.check(name, it, strict); msg != "" {
				return msg
			}
		}
		return ""
	}
	if f.members == nil {
		return ""
	}
	if items, ok := v.([]any); ok {
		for _, it := range items {
			if msg := checkMembersOf(f.members, it, strict); msg != "" {
				return msg
			}
		}
		return ""
	}
	return checkMembersOf(f.members, v, strict)
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

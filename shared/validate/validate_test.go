package validate

import (
	"reflect"
	"testing"
)

// Definitions AWS accepts that a too-eager validator might reject.
func TestDefinition_Accepts(t *testing.T) {
	proc := `{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`
	cases := map[string]string{
		"minimal":              one(`{"Type":"Succeed"}`),
		"null paths":           one(`{"Type":"Pass","End":true,"InputPath":null,"OutputPath":null,"ResultPath":null}`),
		"context path":         one(`{"Type":"Pass","End":true,"Parameters":{"t.$":"$$.Execution.Id","v.$":"$var.x","i.$":"States.Format('{}', $.a)"}}`),
		"bracket path":         one(`{"Type":"Pass","End":true,"InputPath":"$['a b'][0]","ResultPath":"$.x['y)']"}`),
		"wait timestamp":       one(`{"Type":"Wait","End":true,"Timestamp":"2016-03-05T21:29:29.243167252+01:00"}`),
		"wait zero":            one(`{"Type":"Wait","End":true,"Seconds":0}`),
		"jsonata wait":         jsonata(`{"Type":"Wait","End":true,"Seconds":"{% $states.input.s %}"}`),
		"jsonata literal":      jsonata(`{"Type":"Pass","End":true,"Output":{"a.$":"$"," b":" {% not an expression %} "}}`),
		"jsonata choice":       jsonata(`{"Type":"Choice","Choices":[{"Condition":"{% true %}","Next":"E","Output":{},"Assign":{"x":1}}],"Default":"E"}`, endPass),
		"jsonata map":          jsonata(`{"Type":"Map","End":true,"Items":"{% [1,2] %}","MaxConcurrency":"{% 1 %}","ItemProcessor":` + proc + `}`),
		"state jsonata":        one(`{"Type":"Pass","End":true,"QueryLanguage":"JSONata","Output":"{% 1 %}"}`),
		"choice compound":      one(`{"Type":"Choice","Choices":[{"Not":{"Or":[{"Variable":"$.a","IsNull":true},{"Variable":"$.b","NumericGreaterThanPath":"$.c"}]},"Next":"E"}]}`, endPass),
		"retry catch":          one(`{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true,"Retry":[{"ErrorEquals":["X"],"BackoffRate":1.5,"MaxDelaySeconds":5,"JitterStrategy":"FULL"},{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"E","ResultPath":"$.err"}]}`, endPass),
		"sdk integration":      one(`{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:query","End":true}`),
		"sync in standard":     one(`{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true}`),
		"activity":             one(`{"Type":"Task","Resource":"arn:aws:states:us-east-1:000000000000:activity:a","End":true,"TimeoutSeconds":10,"HeartbeatSeconds":5}`),
		"credentials path":     one(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Credentials":{"RoleArn.$":"$.role"}}`),
		"legacy iterator":      one(`{"Type":"Map","End":true,"ItemsPath":"$.items","Parameters":{"v.$":"$$.Map.Item.Value"},"Iterator":` + proc + `}`),
		"distributed map":      one(`{"Type":"Map","End":true,"Label":"my-label_1.(x)","ToleratedFailurePercentage":12.5,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}}`),
		"choice loop with end": one(`{"Type":"Choice","Choices":[{"Variable":"$.a","BooleanEquals":true,"Next":"S"}],"Default":"E"}`, endPass),
	}
	for name, def := range cases {
		t.Run(name, func(t *testing.T) {
			if ds := Definition([]byte(def), Options{}); HasErrors(ds) {
				t.Errorf("rejected: %v", ds)
			}
		})
	}
}

func TestDefinition_AggregatesInOrder(t *testing.T) {
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","Parameters":{"x":"$.y"}},"C":{"Type":"Pass"},"D":{"Type":"Bogus"}}}`
	got := Definition([]byte(def), Options{})
	want := []Diagnostic{
		{SeverityError, CodeSchema, "Exactly one of these fields is required: [Next, End]", "/States/C", ""},
		{SeverityError, CodeSchema, "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", "/States/D/Type", ""},
		{SeverityError, CodeMissingTarget, "Missing 'Next' target: B", "/States/A/Next", ""},
		{SeverityError, CodeMissingTarget, `State "C" is not reachable.`, "/States/C", ""},
		{SeverityError, CodeMissingTarget, `State "D" is not reachable.`, "/States/D", ""},
		{SeverityError, CodeMissingEndState, "Workflow has no terminal state", "/", ""},
		{SeverityWarning, CodeNoDollar, "No .$ on a field that appears to be a JSONPath or Intrinsic Function", "/States/A/Parameters/x", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if again := Definition([]byte(def), Options{}); !reflect.DeepEqual(again, got) {
		t.Errorf("not deterministic: %v", again)
	}
}

func TestDefinition_Warnings(t *testing.T) {
	ds := Definition([]byte(one(`{"Type":"Pass","End":true,"Result":{"a.$":"$.b"}}`)), Options{})
	want := []Diagnostic{{SeverityWarning, CodePassResultIsStatic, "Attempt to use a path in the result of a pass state", "/States/S/Result", ""}}
	if !reflect.DeepEqual(ds, want) {
		t.Errorf("got %v, want %v", ds, want)
	}
	if HasErrors(ds) || InvalidDefinitionMessage("", ds) != "" {
		t.Errorf("warnings must not count as errors")
	}
}

func TestInvalidDefinitionMessage_Format(t *testing.T) {
	tests := []struct {
		name string
		ds   []Diagnostic
		want string
	}{
		{"none", nil, ""},
		{"one", []Diagnostic{{SeverityError, CodeSchema, "These fields are required: [States]", "/", ""}},
			"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'"},
		{"two and a warning", []Diagnostic{
			{SeverityError, CodeMissingTarget, "Missing 'Next' target: B", "/States/A/Next", ""},
			{SeverityError, CodeMissingTarget, `State "C" is not reachable.`, "/States/C", ""},
			{SeverityWarning, CodeNoDollar, "w", "/States/A", ""},
		}, `Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, MISSING_TRANSITION_TARGET: State "C" is not reachable. at /States/C'`},
		{"no location", []Diagnostic{{SeverityError, CodeInvalidJSON, "bad", "", ""}},
			"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: bad'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InvalidDefinitionMessage("", tc.ds); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIsRFC3339_Table(t *testing.T) {
	for s, want := range map[string]bool{
		"2016-03-14T01:59:00Z": true, "2016-03-14t01:59:00z": true, "2016-02-29T00:00:00Z": true,
		"2015-02-29T00:00:00Z": false, "2016-03-14T01:59:00.5-07:00": true, "2016-03-14T01:59:00+24:00": false,
		"2016-03-14 01:59:00Z": false, "2016-3-14T01:59:00Z": false, "": false, "2016-03-14T01:59Z": false,
	} {
		if got := isRFC3339(s); got != want {
			t.Errorf("isRFC3339(%q) = %v", s, got)
		}
	}
}

func TestPaths_Table(t *testing.T) {
	for _, tc := range []struct {
		s                   string
		path, ref, function bool
	}{
		{"$", true, true, false},
		{"$.a.b[0]", true, true, false},
		{"$$.Execution.Input", true, true, false},
		{"$.a[*].b", true, false, false},
		{"$..a", true, false, false},
		{"$.a[0:2]", true, false, false},
		{"$.a[?(@.b > 1)]", true, false, false},
		{"$.a['x:y']", true, true, false},
		{"a.b", false, false, false},
		{"$.a[0", false, false, false},
		{"States.Format('{}', $.a)", false, false, true},
		{"States.Array(States.StringToJson($.a), 'x)')", false, false, true},
		{"States.Format('{}'", false, false, false},
		{"States.(1)", false, false, false},
	} {
		if isPath(tc.s) != tc.path || isReferencePath(tc.s) != tc.ref || isIntrinsic(tc.s) != tc.function {
			t.Errorf("%q: path=%v ref=%v intrinsic=%v, want %v %v %v", tc.s,
				isPath(tc.s), isReferencePath(tc.s), isIntrinsic(tc.s), tc.path, tc.ref, tc.function)
		}
	}
}

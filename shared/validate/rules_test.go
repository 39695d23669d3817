package validate

import (
	"strings"
	"testing"
)

// one wraps a single state named S (and any extra states) into a definition.
func one(state string, extra ...string) string {
	s := `{"StartAt":"S","States":{"S":` + state
	for _, e := range extra {
		s += "," + e
	}
	return s + "}}"
}

// jsonata is one() with QueryLanguage JSONata at the top level.
func jsonata(state string, extra ...string) string {
	return `{"QueryLanguage":"JSONata",` + strings.TrimPrefix(one(state, extra...), "{")
}

const endPass = `"E":{"Type":"Pass","End":true}`

type ruleCase struct {
	name    string
	def     string
	express bool
	code    string
	msg     string
	loc     string
}

// runRules checks that each definition's first error is exactly the wanted one.
func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{}
			if tc.express {
				opts.Type = "EXPRESS"
			}
			ds := Definition([]byte(tc.def), opts)
			if !HasErrors(ds) {
				t.Fatalf("no error for %s", tc.def)
			}
			got := ds[0]
			if got.Code != tc.code || got.Message != tc.msg || got.Location != tc.loc {
				t.Errorf("first error = %s: %q at %q\nwant          %s: %q at %q\nall: %v",
					got.Code, got.Message, got.Location, tc.code, tc.msg, tc.loc, ds)
			}
		})
	}
}

const schema = CodeSchema

func TestRules_TopLevel(t *testing.T) {
	runRules(t, []ruleCase{
		{"empty object", `{}`, false, schema, "These fields are required: [States, StartAt]", "/"},
		{"no StartAt", `{"States":{"A":{"Type":"Succeed"}}}`, false, schema, "These fields are required: [StartAt]", "/"},
		{"no States", `{"StartAt":"A"}`, false, schema, "These fields are required: [States]", "/"},
		{"not an object", `[1]`, false, schema, "The value for the field 'definition' must be an OBJECT", "/"},
		{"StartAt type", `{"StartAt":1,"States":{"A":{"Type":"Succeed"}}}`, false, schema,
			"The value for the field 'StartAt' must be a STRING", "/StartAt"},
		{"States empty", `{"StartAt":"A","States":{}}`, false, schema, "Value cannot be empty", "/States"},
		{"States type", `{"StartAt":"A","States":[]}`, false, schema, "The value for the field 'States' must be an OBJECT", "/States"},
		{"unknown top field", `{"StartAt":"A","Foo":1,"States":{"A":{"Type":"Succeed"}}}`, false, schema,
			"Field 'Foo' is not supported", "/"},
		{"bad QueryLanguage", `{"QueryLanguage":"XPath","StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, false, schema,
			"The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", "/QueryLanguage"},
		{"TimeoutSeconds zero", `{"TimeoutSeconds":0,"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, false, schema,
			"The value for the field 'TimeoutSeconds' must be a positive integer", "/TimeoutSeconds"},
		{"invalid JSON", `{"StartAt":`, false, CodeInvalidJSON,
			"Unexpected end-of-input within/between Object entries\n at [Source: (String)\"{\"StartAt\":\"; line: 1, column: 12]",
			"[Source: (String)\"{\"StartAt\":\"; line: 1, column: 12]"},
		{"empty document", `  `, false, CodeSchema, "Definition must be a valid JSON object", ""},
	})
}

func TestRules_States(t *testing.T) {
	runRules(t, []ruleCase{
		{"missing Type", one(`{"End":true}`), false, schema, "These fields are required: [Type]", "/States/S"},
		{"unknown Type", one(`{"Type":"Nope","End":true}`), false, schema,
			"The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", "/States/S/Type"},
		{"state not object", one(`3`), false, schema, "The value for the field 'S' must be an OBJECT", "/States/S"},
		{"unknown field", one(`{"Type":"Pass","End":true,"Bogus":1}`), false, schema, "Field 'Bogus' is not supported", "/States/S"},
		{"Fail has no Next", one(`{"Type":"Fail","Next":"S"}`), false, schema, "Field 'Next' is not supported", "/States/S"},
		{"no Next nor End", one(`{"Type":"Pass"}`), false, schema, "Exactly one of these fields is required: [Next, End]", "/States/S"},
		{"Next and End", one(`{"Type":"Pass","Next":"E","End":true}`, endPass), false, schema,
			"The fields 'Next' and 'End' are mutually exclusive", "/States/S"},
		{"End false", one(`{"Type":"Pass","End":false}`), false, schema,
			"The field 'End' must be true when there is no 'Next'", "/States/S/End"},
		{"End not bool", one(`{"Type":"Pass","End":"yes"}`), false, schema,
			"The value for the field 'End' must be a BOOLEAN", "/States/S/End"},
		{"duplicate name nested", one(`{"Type":"Parallel","End":true,"Branches":[{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}]}`),
			false, CodeDuplicateStateName, "Duplicate State name: S", "/States/S/Branches[0]/States/S"},
		{"name too long", `{"StartAt":"` + strings.Repeat("n", 81) + `","States":{"` + strings.Repeat("n", 81) + `":{"Type":"Succeed"}}}`,
			false, CodeInvalidStateName, "State name cannot exceed 80 characters", "/States/" + strings.Repeat("n", 81)},
		{"bad InputPath", one(`{"Type":"Pass","End":true,"InputPath":"foo"}`), false, schema,
			"The value for the field 'InputPath' must be a valid JSONPath", "/States/S/InputPath"},
		{"unbalanced OutputPath", one(`{"Type":"Pass","End":true,"OutputPath":"$.a[0"}`), false, schema,
			"The value for the field 'OutputPath' must be a valid JSONPath", "/States/S/OutputPath"},
		{"ResultPath not reference", one(`{"Type":"Pass","End":true,"ResultPath":"$..a"}`), false, schema,
			"The value for the field 'ResultPath' must be a valid ReferencePath", "/States/S/ResultPath"},
		{"ResultPath wildcard", one(`{"Type":"Pass","End":true,"ResultPath":"$.a[*]"}`), false, schema,
			"The value for the field 'ResultPath' must be a valid ReferencePath", "/States/S/ResultPath"},
		{"Parameters not object", one(`{"Type":"Pass","End":true,"Parameters":[1]}`), false, schema,
			"The value for the field 'Parameters' must be an OBJECT", "/States/S/Parameters"},
		{"dollar value not path", one(`{"Type":"Pass","End":true,"Parameters":{"a":{"b.$":"x"}}}`), false, schema,
			"The value for the field 'b.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/Parameters/a/b.$"},
		{"dollar value bad intrinsic", one(`{"Type":"Pass","End":true,"Parameters":{"b.$":"States.Format('x'"}}`), false, schema,
			"The value for the field 'b.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/Parameters/b.$"},
		{"Assign dollar not string", one(`{"Type":"Pass","End":true,"Assign":{"v.$":1}}`), false, schema,
			"The value for the field 'v.$' must be a STRING", "/States/S/Assign/v.$"},
	})
}

func TestRules_QueryLanguage(t *testing.T) {
	runRules(t, []ruleCase{
		{"downgrade", jsonata(`{"Type":"Pass","End":true,"QueryLanguage":"JSONPath"}`), false, schema,
			"'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/S"},
		{"JSONata Parameters", jsonata(`{"Type":"Pass","End":true,"Parameters":{}}`), false, schema,
			"Field 'Parameters' is not supported", "/States/S"},
		{"JSONata InputPath", one(`{"Type":"Pass","QueryLanguage":"JSONata","End":true,"InputPath":"$"}`), false, schema,
			"Field 'InputPath' is not supported", "/States/S"},
		{"JSONata ResultSelector", jsonata(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"ResultSelector":{}}`), false, schema,
			"Field 'ResultSelector' is not supported", "/States/S"},
		{"JSONPath Arguments", one(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Arguments":{}}`), false, schema,
			"Field 'Arguments' is not supported", "/States/S"},
		{"JSONPath Output", one(`{"Type":"Pass","End":true,"Output":{}}`), false, schema,
			"Field 'Output' is not supported", "/States/S"},
		{"empty expression", jsonata(`{"Type":"Pass","End":true,"Output":{"a":"{%  %}"}}`), false, schema,
			"The value for the field 'a' must be a valid JSONata expression", "/States/S/Output/a"},
		{"Arguments number", jsonata(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"Arguments":3}`), false, schema,
			"The value for the field 'Arguments' must be an OBJECT", "/States/S/Arguments"},
	})
}

func TestRules_Task(t *testing.T) {
	task := func(res, more string) string {
		return one(`{"Type":"Task","Resource":"` + res + `","End":true` + more + `}`)
	}
	lambda := "arn:aws:states:::lambda:invoke"
	runRules(t, []ruleCase{
		{"no Resource", one(`{"Type":"Task","End":true}`), false, schema, "These fields are required: [Resource]", "/States/S"},
		{"not an ARN", task("my-function", ""), false, schema, "Value is not a valid resource ARN", "/States/S/Resource"},
		{"unknown integration", task("arn:aws:states:::dynamodb:query", ""), false, schema,
			"The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
			"/States/S/Resource"},
		{"unknown pattern", task("arn:aws:states:::lambda:invoke.async", ""), false, schema,
			"The resource provided arn:aws:states:::lambda:invoke.async is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
			"/States/S/Resource"},
		{"unsupported sdk action", task("arn:aws:states:::aws-sdk:lambda:invokeAsync", ""), false, schema,
			"The resource provided arn:aws:states:::aws-sdk:lambda:invokeAsync is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
			"/States/S/Resource"},
		{"unknown sdk action", task("arn:aws:states:::aws-sdk:s3:getObjects", ""), false, schema,
			"The resource provided arn:aws:states:::aws-sdk:s3:getObjects is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
			"/States/S/Resource"},
		{"sdk sync", task("arn:aws:states:::aws-sdk:s3:listBuckets.sync", ""), false, schema,
			"The resource provided arn:aws:states:::aws-sdk:s3:listBuckets.sync is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
			"/States/S/Resource"},
		{"express sync", task("arn:aws:states:::states:startExecution.sync:2", ""), true, schema,
			"Express state machine does not support '.sync' service integration", "/States/S/Resource"},
		{"express wftt", task("arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken", ""), true, schema,
			"Express state machine does not support '.waitForTaskToken' service integration ", "/States/S/Resource"},
		{"timeout zero", task(lambda, `,"TimeoutSeconds":0`), false, schema,
			"The value for the field 'TimeoutSeconds' must be a positive integer", "/States/S/TimeoutSeconds"},
		{"timeout float", task(lambda, `,"TimeoutSeconds":1.5`), false, schema,
			"The value for the field 'TimeoutSeconds' must be a positive integer", "/States/S/TimeoutSeconds"},
		{"heartbeat >= timeout", task(lambda, `,"TimeoutSeconds":10,"HeartbeatSeconds":10`), false, schema,
			"The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'", "/States/S/HeartbeatSeconds"},
		{"timeout and path", task(lambda, `,"TimeoutSeconds":10,"TimeoutSecondsPath":"$.t"`), false, schema,
			"The fields 'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive", "/States/S"},
		{"heartbeat path", task(lambda, `,"HeartbeatSecondsPath":"$.t[*]"`), false, schema,
			"The value for the field 'HeartbeatSecondsPath' must be a valid ReferencePath", "/States/S/HeartbeatSecondsPath"},
		{"credentials empty", task(lambda, `,"Credentials":{}`), false, schema,
			"The field 'RoleArn' is required but was missing", "/States/S/Credentials"},
		{"credentials unknown", task(lambda, `,"Credentials":{"RoleArn":"arn:aws:iam::1:role/r","X":1}`), false, schema,
			"Field 'X' is not supported", "/States/S/Credentials"},
		{"jsonata timeout string", jsonata(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,"TimeoutSeconds":"10"}`), false, schema,
			"The value for the field 'TimeoutSeconds' must be a positive integer", "/States/S/TimeoutSeconds"},
	})
}

func TestRules_RetryCatch(t *testing.T) {
	task := func(more string) string {
		return one(`{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true`+more+`}`, endPass)
	}
	runRules(t, []ruleCase{
		{"Retry not array", task(`,"Retry":{}`), false, schema, "The value for the field 'Retry' must be an ARRAY", "/States/S/Retry"},
		{"no ErrorEquals", task(`,"Retry":[{}]`), false, schema, "These fields are required: [ErrorEquals]", "/States/S/Retry[0]"},
		{"empty ErrorEquals", task(`,"Retry":[{"ErrorEquals":[]}]`), false, schema,
			"Value cannot be empty", "/States/S/Retry[0]/ErrorEquals"},
		{"ALL not alone", task(`,"Retry":[{"ErrorEquals":["X","States.ALL"]}]`), false, schema,
			"States.ALL must appear alone in ErrorEquals", "/States/S/Retry[0]/ErrorEquals"},
		{"ALL not last", task(`,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"E"},{"ErrorEquals":["X"],"Next":"E"}]`), false, schema,
			"States.ALL must appear in the last entry", "/States/S/Catch[0]/ErrorEquals"},
		{"BackoffRate", task(`,"Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5}]`), false, schema,
			"The value for the field 'BackoffRate' must be a number greater than or equal to 1.0", "/States/S/Retry[0]/BackoffRate"},
		{"MaxAttempts", task(`,"Retry":[{"ErrorEquals":["X"],"MaxAttempts":-1}]`), false, schema,
			"The value for the field 'MaxAttempts' must be a non-negative integer", "/States/S/Retry[0]/MaxAttempts"},
		{"Jitter", task(`,"Retry":[{"ErrorEquals":["X"],"JitterStrategy":"HALF"}]`), false, schema,
			"The field 'JitterStrategy' should have one of these values: [FULL, NONE]", "/States/S/Retry[0]/JitterStrategy"},
		{"retrier unknown", task(`,"Retry":[{"ErrorEquals":["X"],"Next":"E"}]`), false, schema,
			"Field 'Next' is not supported", "/States/S/Retry[0]"},
		{"catch no Next", task(`,"Catch":[{"ErrorEquals":["X"]}]`), false, schema, "These fields are required: [Next]", "/States/S/Catch[0]"},
		{"catch missing target", task(`,"Catch":[{"ErrorEquals":["X"],"Next":"Nope"}]`), false, CodeMissingTarget,
			"Missing 'Next' target: Nope", "/States/S/Catch[0]/Next"},
		{"catch ResultPath", task(`,"Catch":[{"ErrorEquals":["X"],"Next":"E","ResultPath":"$.a.*"}]`), false, schema,
			"The value for the field 'ResultPath' must be a valid ReferencePath", "/States/S/Catch[0]/ResultPath"},
	})
}

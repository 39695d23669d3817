package validate

import (
	"strconv"
	"strings"
	"testing"
)

func TestRules_Choice(t *testing.T) {
	choice := func(rules string) string {
		return one(`{"Type":"Choice","Choices":[`+rules+`],"Default":"E"}`, endPass)
	}
	runRules(t, []ruleCase{
		{"no Choices", one(`{"Type":"Choice","Default":"E"}`, endPass), false, schema, "These fields are required: [Choices]", "/States/S"},
		{"empty Choices", one(`{"Type":"Choice","Choices":[],"Default":"E"}`, endPass), false, schema,
			"Value cannot be empty", "/States/S/Choices"},
		{"Choice with Next", one(`{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"E"}],"Next":"E"}`, endPass), false, schema,
			"Field 'Next' is not supported", "/States/S"},
		{"rule without Next", choice(`{"Variable":"$.a","IsNull":true}`), false, schema, "These fields are required: [Next]", "/States/S/Choices[0]"},
		{"no operator", choice(`{"Variable":"$.a","Next":"E"}`), false, schema, msgOneOperator, "/States/S/Choices[0]"},
		{"two operators", choice(`{"Variable":"$.a","IsNull":true,"IsString":true,"Next":"E"}`), false, schema, msgOneOperator, "/States/S/Choices[0]"},
		{"no Variable", choice(`{"StringEquals":"x","Next":"E"}`), false, schema, "These fields are required: [Variable]", "/States/S/Choices[0]"},
		{"Variable with And", choice(`{"Variable":"$.a","And":[{"Variable":"$.a","IsNull":true}],"Next":"E"}`), false, schema,
			"Field 'Variable' is not supported", "/States/S/Choices[0]"},
		{"operand type", choice(`{"Variable":"$.a","NumericEquals":"1","Next":"E"}`), false, schema,
			"The value for the field 'NumericEquals' must be a NUMBER", "/States/S/Choices[0]/NumericEquals"},
		{"Is operand type", choice(`{"Variable":"$.a","IsPresent":"yes","Next":"E"}`), false, schema,
			"The value for the field 'IsPresent' must be a BOOLEAN", "/States/S/Choices[0]/IsPresent"},
		{"timestamp operand", choice(`{"Variable":"$.a","TimestampEquals":"2020-01-01","Next":"E"}`), false, schema,
			"String does not match RFC3339 timestamp", "/States/S/Choices[0]/TimestampEquals"},
		{"path operand", choice(`{"Variable":"$.a","StringEqualsPath":"b","Next":"E"}`), false, schema,
			"The value for the field 'StringEqualsPath' must be a valid JSONPath", "/States/S/Choices[0]/StringEqualsPath"},
		{"Variable not path", choice(`{"Variable":"a","IsNull":true,"Next":"E"}`), false, schema,
			"The value for the field 'Variable' must be a valid JSONPath", "/States/S/Choices[0]/Variable"},
		{"nested Next", choice(`{"Not":{"Variable":"$.a","IsNull":true,"Next":"E"},"Next":"E"}`), false, schema,
			"Field 'Next' is not supported", "/States/S/Choices[0]/Not"},
		{"empty And", choice(`{"And":[],"Next":"E"}`), false, schema, "Value cannot be empty", "/States/S/Choices[0]/And"},
		{"nested no operator", choice(`{"Or":[{"Variable":"$.a"}],"Next":"E"}`), false, schema, msgOneOperator, "/States/S/Choices[0]/Or[0]"},
		{"Condition in JSONPath", choice(`{"Condition":"{% true %}","Next":"E"}`), false, schema,
			"Field 'Condition' is not supported", "/States/S/Choices[0]"},
		{"JSONata no Condition", jsonata(`{"Type":"Choice","Choices":[{"Next":"E"}],"Default":"E"}`, endPass), false, schema,
			"These fields are required: [Condition]", "/States/S/Choices[0]"},
		{"JSONata Variable", jsonata(`{"Type":"Choice","Choices":[{"Condition":"{% true %}","Variable":"$.a","Next":"E"}]}`, endPass), false, schema,
			"Field 'Variable' is not supported", "/States/S/Choices[0]"},
		{"JSONata Condition string", jsonata(`{"Type":"Choice","Choices":[{"Condition":"true","Next":"E"}]}`, endPass), false, schema,
			"The value for the field 'Condition' must be a JSONata expression or a BOOLEAN", "/States/S/Choices[0]/Condition"},
		{"Default missing target", one(`{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"E"}],"Default":"X"}`, endPass), false,
			CodeMissingTarget, "Missing 'Next' target: X", "/States/S/Default"},
		{"rule missing target", choice(`{"Variable":"$.a","IsNull":true,"Next":"X"}`), false,
			CodeMissingTarget, "Missing 'Next' target: X", "/States/S/Choices[0]/Next"},
	})
}

func TestRules_WaitFail(t *testing.T) {
	wait := func(f string) string { return one(`{"Type":"Wait","End":true` + f + `}`) }
	runRules(t, []ruleCase{
		{"no duration", wait(``), false, schema,
			"Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath]", "/States/S"},
		{"two durations", wait(`,"Seconds":1,"SecondsPath":"$.s"`), false, schema,
			"Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath]", "/States/S"},
		{"negative Seconds", wait(`,"Seconds":-1`), false, schema,
			"The value for the field 'Seconds' must be a non-negative integer", "/States/S/Seconds"},
		{"Seconds string in JSONPath", wait(`,"Seconds":"{% 1 %}"`), false, schema,
			"The value for the field 'Seconds' must be a non-negative integer", "/States/S/Seconds"},
		{"bad date", wait(`,"Timestamp":"2016-02-30T00:00:00Z"`), false, schema, msgRFC3339, "/States/S/Timestamp"},
		{"no zone", wait(`,"Timestamp":"2016-12-05T21:29:29"`), false, schema, msgRFC3339, "/States/S/Timestamp"},
		{"hour 24", wait(`,"Timestamp":"2016-12-05T24:00:00Z"`), false, schema, msgRFC3339, "/States/S/Timestamp"},
		{"expression in JSONPath", wait(`,"Timestamp":"{% '2016-03-14T01:59:00Z' %}"`), false, schema, msgRFC3339, "/States/S/Timestamp"},
		{"Timestamp type", wait(`,"Timestamp":5`), false, schema, "The value for the field 'Timestamp' must be a STRING", "/States/S/Timestamp"},
		{"SecondsPath", wait(`,"SecondsPath":"s"`), false, schema,
			"The value for the field 'SecondsPath' must be a valid ReferencePath", "/States/S/SecondsPath"},
		{"JSONata SecondsPath", jsonata(`{"Type":"Wait","End":true,"SecondsPath":"$.s"}`), false, schema,
			"Field 'SecondsPath' is not supported", "/States/S"},
		{"JSONata empty expr", jsonata(`{"Type":"Wait","End":true,"Seconds":"{%%}"}`), false, schema,
			"The value for the field 'Seconds' must be a valid JSONata expression", "/States/S/Seconds"},
		{"Fail Error and ErrorPath", one(`{"Type":"Fail","Error":"E","ErrorPath":"$.e"}`), false, schema,
			"The fields 'Error' and 'ErrorPath' are mutually exclusive", "/States/S"},
		{"Fail CausePath", one(`{"Type":"Fail","CausePath":"cause"}`), false, schema,
			"The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call", "/States/S/CausePath"},
		{"Fail Error type", one(`{"Type":"Fail","Error":1}`), false, schema, "The value for the field 'Error' must be a STRING", "/States/S/Error"},
		{"Fail InputPath", one(`{"Type":"Fail","InputPath":"$"}`), false, schema, "Field 'InputPath' is not supported", "/States/S"},
		{"Succeed Assign", one(`{"Type":"Succeed","Assign":{}}`), false, schema, "Field 'Assign' is not supported", "/States/S"},
	})
}

func TestRules_ParallelMap(t *testing.T) {
	proc := `{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`
	mapState := func(f string) string { return one(`{"Type":"Map","End":true,"ItemProcessor":` + proc + f + `}`) }
	runRules(t, []ruleCase{
		{"no Branches", one(`{"Type":"Parallel","End":true}`), false, schema, "These fields are required: [Branches]", "/States/S"},
		{"empty Branches", one(`{"Type":"Parallel","End":true,"Branches":[]}`), false, schema,
			"Value cannot be empty", "/States/S/Branches"},
		{"branch missing StartAt", one(`{"Type":"Parallel","End":true,"Branches":[{"States":{"X":{"Type":"Succeed"}}}]}`), false, schema,
			"These fields are required: [StartAt]", "/States/S/Branches[0]"},
		{"branch bad state", one(`{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass"}}}]}`), false, schema,
			"Exactly one of these fields is required: [Next, End]", "/States/S/Branches[0]/States/X"},
		{"branch unreachable", one(`{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"},"Y":{"Type":"Succeed"}}}]}`),
			false, CodeMissingTarget, `State "Y" is not reachable.`, "/States/S/Branches[0]/States/Y"},
		{"branch to outer state", one(`{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","Next":"S"}}}]}`),
			false, CodeMissingTarget, "Missing 'Next' target: S", "/States/S/Branches[0]/States/X/Next"},
		{"no processor", one(`{"Type":"Map","End":true}`), false, schema,
			"Exactly one of these fields is required: [ItemProcessor, Iterator]", "/States/S"},
		{"both processors", mapState(`,"Iterator":` + proc), false, schema,
			"Exactly one of these fields is required: [ItemProcessor, Iterator]", "/States/S"},
		{"processor state", one(`{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Wait","End":true}}}}`), false, schema,
			"Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath]", "/States/S/ItemProcessor/States/X"},
		{"processor StartAt target", one(`{"Type":"Map","End":true,"Iterator":{"StartAt":"Y","States":{"X":{"Type":"Succeed"}}}}`), false,
			CodeMissingTarget, "Missing 'Next' target: Y", "/States/S/Iterator/StartAt"},
		{"bad mode", one(`{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"LOCAL"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}`), false, schema,
			"The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]", "/States/S/ItemProcessor/ProcessorConfig/Mode"},
		{"MaxConcurrency negative", mapState(`,"MaxConcurrency":-1`), false, schema,
			"The value for the field 'MaxConcurrency' must be a non-negative integer", "/States/S/MaxConcurrency"},
		{"MaxConcurrency and path", mapState(`,"MaxConcurrency":1,"MaxConcurrencyPath":"$.m"`), false, schema,
			"The fields 'MaxConcurrency' and 'MaxConcurrencyPath' are mutually exclusive", "/States/S"},
		{"tolerated percentage", mapState(`,"ToleratedFailurePercentage":101`), false, schema,
			"The value for the field 'ToleratedFailurePercentage' must be a number between 0 and 100", "/States/S/ToleratedFailurePercentage"},
		{"tolerated count", mapState(`,"ToleratedFailureCount":1.5`), false, schema,
			"The value for the field 'ToleratedFailureCount' must be a non-negative integer", "/States/S/ToleratedFailureCount"},
		{"ItemsPath", mapState(`,"ItemsPath":"$.a[?(@.x)]"`), false, schema,
			"The value for the field 'ItemsPath' must be a valid ReferencePath", "/States/S/ItemsPath"},
		{"JSONata Items", jsonata(`{"Type":"Map","End":true,"ItemProcessor":` + proc + `,"Items":"$.a"}`), false, schema,
			"The value for the field 'Items' must be an ARRAY", "/States/S/Items"},
		{"JSONPath Items", mapState(`,"Items":[1]`), false, schema, "Field 'Items' is not supported", "/States/S"},
		{"Parameters and ItemSelector", mapState(`,"Parameters":{},"ItemSelector":{}`), false, schema,
			"The fields 'Parameters' and 'ItemSelector' are mutually exclusive", "/States/S"},
		{"label empty", mapState(`,"Label":""`), false, schema, "Label cannot be empty", "/States/S/Label"},
		{"label long", mapState(`,"Label":"` + strings.Repeat("x", 41) + `"`), false, schema, "Label cannot exceed 40 characters", "/States/S/Label"},
		{"label char", mapState(`,"Label":"a b"`), false, schema, "Label contains invalid character: ' '", "/States/S/Label"},
		{"label control", mapState(`,"Label":"a\u0085"`), false, schema, `Label contains invalid character: '\x85'`, "/States/S/Label"},
	})
}

func TestRules_TooDeep(t *testing.T) {
	def, loc := deepMaps(maxNesting + 1)
	runRules(t, []ruleCase{{"too deep", def, false, CodeTooDeeplyNested, "The states are too deeply nested", loc}})
	if def, _ := deepMaps(maxNesting); HasErrors(Definition([]byte(def), Options{})) {
		t.Errorf("nesting of %d rejected: %v", maxNesting, Definition([]byte(def), Options{}))
	}
}

// deepMaps nests n Map states (M0 outermost) and returns the definition and
// the location of the innermost ItemProcessor.
func deepMaps(n int) (def, loc string) {
	def = `{"StartAt":"Z","States":{"Z":{"Type":"Succeed"}}}`
	for i := n - 1; i >= 0; i-- {
		name := "M" + strconv.Itoa(i)
		def = `{"StartAt":"` + name + `","States":{"` + name + `":{"Type":"Map","End":true,"ItemProcessor":` + def + `}}}`
		loc = "/States/" + name + "/ItemProcessor" + loc
	}
	return def, loc
}

package validate

import "testing"

func TestRules_ResultWriter(t *testing.T) {
	proc := `{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`
	dist := func(f string) string { return one(`{"Type":"Map","End":true,"ItemProcessor":` + proc + `,` + f + `}`) }
	dJSONata := func(f string) string {
		return jsonata(`{"Type":"Map","End":true,"ItemProcessor":` + proc + `,` + f + `}`)
	}
	put := `"Resource":"arn:aws:states:::s3:putObject"`
	runRules(t, []ruleCase{
		{"not object", dist(`"ResultWriter":"b"`), false, schema, "The value for the field 'ResultWriter' must be an OBJECT", "/States/S/ResultWriter"},
		{"empty", dist(`"ResultWriter":{}`), false, schema,
			"The ResultWriter requires at least one of these sets of fields: [WriterConfig], [Resource, Parameters]", "/States/S/ResultWriter"},
		{"no Parameters", dist(`"ResultWriter":{` + put + `}`), false, schema,
			"The field 'Parameters' is required but was missing", "/States/S/ResultWriter"},
		{"no Resource", dist(`"ResultWriter":{"Parameters":{"Bucket":"b"}}`), false, schema,
			"The field 'Resource' is required but was missing", "/States/S/ResultWriter"},
		{"other resource", dist(`"ResultWriter":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}}`), false, schema,
			"The field 'Resource' should have one of these values: [arn:aws:states:::s3:putObject]", "/States/S/ResultWriter/Resource"},
		{"Parameters not object", dist(`"ResultWriter":{` + put + `,"Parameters":"b"}`), false, schema,
			"The value for the field 'Parameters' must be an OBJECT", "/States/S/ResultWriter/Parameters"},
		{"bad Bucket path", dist(`"ResultWriter":{` + put + `,"Parameters":{"Bucket.$":"b"}}`), false, schema,
			"The value for the field 'Bucket.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/ResultWriter/Parameters/Bucket.$"},
		{"Arguments in JSONPath", dist(`"ResultWriter":{` + put + `,"Parameters":{"Bucket":"b"},"Arguments":{}}`), false, schema,
			"Field 'Arguments' is not supported", "/States/S/ResultWriter"},
		{"Parameters in JSONata", dJSONata(`"ResultWriter":{` + put + `,"Arguments":{"Bucket":"b"},"Parameters":{}}`), false, schema,
			"Field 'Parameters' is not supported", "/States/S/ResultWriter"},
		{"bad JSONata", dJSONata(`"ResultWriter":{` + put + `,"Arguments":{"Bucket":"{% $states.input. %}"}}`), false, schema,
			"The value for the field 'Bucket' must be a valid JSONata expression", "/States/S/ResultWriter/Arguments/Bucket"},
		{"unknown field", dist(`"ResultWriter":{"WriterConfig":{"OutputType":"JSON"},"Bucket":"b"}`), false, schema,
			"Field 'Bucket' is not supported", "/States/S/ResultWriter"},
		{"WriterConfig not object", dist(`"ResultWriter":{"WriterConfig":1}`), false, schema,
			"The value for the field 'WriterConfig' must be an OBJECT", "/States/S/ResultWriter/WriterConfig"},
		{"bad Transformation", dist(`"ResultWriter":{"WriterConfig":{"Transformation":"flatten"}}`), false, schema,
			"The field 'Transformation' should have one of these values: [NONE, COMPACT, FLATTEN]", "/States/S/ResultWriter/WriterConfig/Transformation"},
		{"bad OutputType", dist(`"ResultWriter":{"WriterConfig":{"OutputType":"CSV"}}`), false, schema,
			"The field 'OutputType' should have one of these values: [JSON, JSONL]", "/States/S/ResultWriter/WriterConfig/OutputType"},
		{"unknown WriterConfig field", dist(`"ResultWriter":{"WriterConfig":{"Compression":"GZIP"}}`), false, schema,
			"Field 'Compression' is not supported", "/States/S/ResultWriter/WriterConfig"},
	})
	for _, def := range []string{
		dist(`"ResultWriter":{` + put + `,"Parameters":{"Bucket":"b","Prefix":"p"}}`),
		dist(`"ResultWriter":{` + put + `,"Parameters":{"Bucket.$":"$.bucket","Prefix.$":"States.Format('runs/{}', $.id)"},"WriterConfig":{"Transformation":"FLATTEN","OutputType":"JSONL"}}`),
		dist(`"ResultWriter":{"WriterConfig":{"Transformation":"COMPACT","OutputType":"JSON"}}`),
		dJSONata(`"ResultWriter":{` + put + `,"Arguments":{"Bucket":"{% $states.input.bucket %}","Prefix":"out"},"WriterConfig":{"OutputType":"JSON"}}`),
		dJSONata(`"ResultWriter":{` + put + `,"Arguments":"{% {'Bucket': $states.input.bucket} %}"}`),
	} {
		if ds := Definition([]byte(def), Options{}); HasErrors(ds) {
			t.Errorf("valid definition refused: %v\n%s", ds, def)
		}
	}
}

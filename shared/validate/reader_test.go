package validate

import "testing"

func TestRules_ItemReaderBatcher(t *testing.T) {
	proc := `{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`
	dist := func(f string) string { return one(`{"Type":"Map","End":true,"ItemProcessor":` + proc + `,` + f + `}`) }
	dJSONata := func(f string) string {
		return jsonata(`{"Type":"Map","End":true,"ItemProcessor":` + proc + `,` + f + `}`)
	}
	get := `"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"}`
	list := `"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"}`
	runRules(t, []ruleCase{
		{"reader not object", dist(`"ItemReader":1`), false, schema, "The value for the field 'ItemReader' must be an OBJECT", "/States/S/ItemReader"},
		{"no resource", dist(`"ItemReader":{"ReaderConfig":{"InputType":"CSV"}}`), false, schema,
			"The field 'Resource' is required but was missing", "/States/S/ItemReader"},
		{"unknown resource", dist(`"ItemReader":{"Resource":"arn:aws:states:::s3:putObject"}`), false, schema,
			"The field 'Resource' should have one of these values: [arn:aws:states:::s3:getObject, arn:aws:states:::s3:listObjectsV2]", "/States/S/ItemReader/Resource"},
		{"getObject without ReaderConfig", dist(`"ItemReader":{` + get + `}`), false, schema,
			"The field 'ReaderConfig' is required but was missing", "/States/S/ItemReader"},
		{"getObject without InputType", dist(`"ItemReader":{` + get + `,"ReaderConfig":{}}`), false, schema,
			"The field 'InputType' is required but was missing", "/States/S/ItemReader/ReaderConfig"},
		{"bad InputType", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"XML"}}`), false, schema,
			"The field 'InputType' should have one of these values: [CSV, JSON, JSONL, MANIFEST, PARQUET]", "/States/S/ItemReader/ReaderConfig/InputType"},
		{"bad delimiter", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","CSVDelimiter":","}}`), false, schema,
			"The field 'CSVDelimiter' should have one of these values: [COMMA, PIPE, SEMICOLON, SPACE, TAB]", "/States/S/ItemReader/ReaderConfig/CSVDelimiter"},
		{"MaxItems and path", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","MaxItems":1,"MaxItemsPath":"$.m"}}`), false, schema,
			"The fields 'MaxItems' and 'MaxItemsPath' are mutually exclusive", "/States/S/ItemReader/ReaderConfig"},
		{"MaxItems negative", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","MaxItems":-1}}`), false, schema,
			"The value for the field 'MaxItems' must be a non-negative integer", "/States/S/ItemReader/ReaderConfig/MaxItems"},
		{"ItemsPointer not a string", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"JSON","ItemsPointer":1}}`), false, schema,
			"The value for the field 'ItemsPointer' must be a STRING", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"ItemsPointer not a pointer", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"JSON","ItemsPointer":"items"}}`), false, schema,
			"The value for the field 'ItemsPointer' must be a valid JSON Pointer", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"ItemsPointer bad escape", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"JSON","ItemsPointer":"/a~2"}}`), false, schema,
			"The value for the field 'ItemsPointer' must be a valid JSON Pointer", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"ItemsPointer expression", dJSONata(`"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Arguments":{"Bucket":"b","Key":"k"},"ReaderConfig":{"InputType":"JSON","ItemsPointer":"{% '/a' %}"}}`), false, schema,
			"The value for the field 'ItemsPointer' must be a valid JSON Pointer", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"ItemsPointer with CSV", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","ItemsPointer":"/a"}}`), false, schema,
			"The field 'ItemsPointer' is only supported when 'InputType' is 'JSON'", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"ItemsPointer with JSONL", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"JSONL","ItemsPointer":"/a"}}`), false, schema,
			"The field 'ItemsPointer' is only supported when 'InputType' is 'JSON'", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"ItemsPointer with listObjectsV2", dist(`"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"},"ReaderConfig":{"ItemsPointer":"/a"}}`), false, schema,
			"The field 'ItemsPointer' is only supported when 'InputType' is 'JSON'", "/States/S/ItemReader/ReaderConfig/ItemsPointer"},
		{"Arguments in JSONPath", dist(`"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Arguments":{}}`), false, schema,
			"Field 'Arguments' is not supported", "/States/S/ItemReader"},
		{"Parameters in JSONata", dJSONata(`"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{}}`), false, schema,
			"Field 'Parameters' is not supported", "/States/S/ItemReader"},
		{"MaxItemsPath in JSONata", dJSONata(`"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","ReaderConfig":{"MaxItemsPath":"$.m"}}`), false, schema,
			"Field 'MaxItemsPath' is not supported", "/States/S/ItemReader/ReaderConfig"},
		{"bad ManifestType", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","ManifestType":"ATHENA"}}`), false, schema,
			"The field 'ManifestType' should have one of these values: [ATHENA_DATA, S3_INVENTORY]", "/States/S/ItemReader/ReaderConfig/ManifestType"},
		{"Athena manifest of JSON", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"JSON","ManifestType":"ATHENA_DATA"}}`), false, schema,
			"The field 'InputType' should have one of these values: [CSV, JSONL, PARQUET]", "/States/S/ItemReader/ReaderConfig/InputType"},
		{"Athena manifest without InputType", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"ManifestType":"ATHENA_DATA"}}`), false, schema,
			"The field 'InputType' is required but was missing", "/States/S/ItemReader/ReaderConfig"},
		{"inventory with InputType", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","ManifestType":"S3_INVENTORY"}}`), false, schema,
			"The field 'InputType' is not supported when 'ManifestType' is S3_INVENTORY", "/States/S/ItemReader/ReaderConfig"},
		{"manifest listed", dist(`"ItemReader":{` + list + `,"ReaderConfig":{"ManifestType":"S3_INVENTORY"}}`), false, schema,
			"The field 'ManifestType' is only supported when 'Resource' is 'arn:aws:states:::s3:getObject'", "/States/S/ItemReader/ReaderConfig"},
		{"bad Transformation", dist(`"ItemReader":{` + list + `,"ReaderConfig":{"Transformation":"FLATTEN"}}`), false, schema,
			"The field 'Transformation' should have one of these values: [NONE, LOAD_AND_FLATTEN]", "/States/S/ItemReader/ReaderConfig/Transformation"},
		{"flatten without InputType", dist(`"ItemReader":{` + list + `,"ReaderConfig":{"Transformation":"LOAD_AND_FLATTEN"}}`), false, schema,
			"The field 'InputType' is required but was missing", "/States/S/ItemReader/ReaderConfig"},
		{"flatten manifests", dist(`"ItemReader":{` + list + `,"ReaderConfig":{"InputType":"MANIFEST","Transformation":"LOAD_AND_FLATTEN"}}`), false, schema,
			"The field 'InputType' should have one of these values: [CSV, JSON, JSONL, PARQUET]", "/States/S/ItemReader/ReaderConfig/InputType"},
		{"flatten getObject", dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","Transformation":"LOAD_AND_FLATTEN"}}`), false, schema,
			"The field 'Transformation' is only supported when 'Resource' is 'arn:aws:states:::s3:listObjectsV2'", "/States/S/ItemReader/ReaderConfig/Transformation"},
		{"batch size zero", dist(`"ItemBatcher":{"MaxItemsPerBatch":0}`), false, schema,
			"The value for the field 'MaxItemsPerBatch' must be a positive integer", "/States/S/ItemBatcher/MaxItemsPerBatch"},
		{"batch bytes and path", dist(`"ItemBatcher":{"MaxInputBytesPerBatch":10,"MaxInputBytesPerBatchPath":"$.b"}`), false, schema,
			"The fields 'MaxInputBytesPerBatch' and 'MaxInputBytesPerBatchPath' are mutually exclusive", "/States/S/ItemBatcher"},
		{"batch path", dist(`"ItemBatcher":{"MaxItemsPerBatchPath":"$.a[?(@.x)]"}`), false, schema,
			"The value for the field 'MaxItemsPerBatchPath' must be a valid ReferencePath", "/States/S/ItemBatcher/MaxItemsPerBatchPath"},
		{"BatchInput not object", dist(`"ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":[1]}`), false, schema,
			"The value for the field 'BatchInput' must be an OBJECT", "/States/S/ItemBatcher/BatchInput"},
	})
	for _, def := range []string{
		dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"PARQUET","ManifestType":"ATHENA_DATA","MaxItems":5}}`),
		dist(`"ItemReader":{` + get + `,"ReaderConfig":{"ManifestType":"S3_INVENTORY"}}`),
		dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"MANIFEST","ManifestType":"S3_INVENTORY"}}`),
		dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"PARQUET"}}`),
		dist(`"ItemReader":{` + list + `,"ReaderConfig":{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"}}`),
		dist(`"ItemReader":{` + list + `,"ReaderConfig":{"Transformation":"NONE"}}`),
		dist(`"ItemReader":{` + get + `,"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a"],"CSVDelimiter":"TAB","MaxItemsPath":"$.m"}},` +
			`"ItemBatcher":{"MaxItemsPerBatchPath":"$.n","MaxInputBytesPerBatch":1024,"BatchInput":{"a.$":"$.a"}}`),
		dJSONata(`"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Arguments":{"Bucket":"{% $states.input.b %}"},` +
			`"ReaderConfig":{"MaxItems":"{% $states.input.m %}"}},"ItemBatcher":{"MaxItemsPerBatch":"{% $states.input.n %}","BatchInput":"{% {'a': 1} %}"}`),
	} {
		if ds := Definition([]byte(def), Options{}); HasErrors(ds) {
			t.Errorf("valid definition refused: %v\n%s", ds, def)
		}
	}
}

// TestItemsPointerAccepted: the pointers a JSON reader can apply pass.
func TestItemsPointerAccepted(t *testing.T) {
	proc := `{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}`
	for _, p := range []string{"", "/items", "/a/0/b", "/~0~1x", "/"} {
		def := one(`{"Type":"Map","End":true,"ItemProcessor":` + proc + `,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject",` +
			`"Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":{"InputType":"JSON","ItemsPointer":"` + p + `"}}}`)
		if ds := Definition([]byte(def), Options{}); HasErrors(ds) {
			t.Errorf("ItemsPointer %q: %v", p, ds)
		}
	}
}

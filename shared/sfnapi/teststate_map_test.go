package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// mapDef is a mocked Map with the given fields before its processor.
func mapDef(fields string) *string {
	return aws.String(`{"Type":"Map",` + fields + `"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},` +
		`"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}`)
}

// TestTestState_MapInspection checks a mocked Map's inspection data: the
// items after ItemSelector and after ItemBatcher (only for a Map that has
// them), the evaluated settings, items read from mapItemReaderData (those
// an ItemsPointer selects), and a failing ItemSelector or read failing the
// state.
func TestTestState_MapInspection(t *testing.T) {
	e := newEnv(t)
	csv := "id,name\n1,a\n2,b\n3,c\n"
	tests := []struct {
		name            string
		def             *string
		input, readData string
		level           types.InspectionLevel
		selector        string // "" = absent
		batcher         string
		pointer         string
		maxConcurrency  int32
		toleratedCount  *int32
		status          types.TestExecutionStatus
		errName         string
	}{
		{name: "no selector or batcher", def: mapDef(`"ItemsPath":"$.items",`), input: `{"items":[1,2]}`, level: types.InspectionLevelDebug,
			status: types.TestExecutionStatusSucceeded},
		{name: "JSONPath selector", def: mapDef(`"ItemsPath":"$.items","MaxConcurrency":2,"ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},`),
			input: `{"items":["a","b"]}`, level: types.InspectionLevelTrace, selector: `[{"v":"a","i":0},{"v":"b","i":1}]`, maxConcurrency: 2,
			status: types.TestExecutionStatusSucceeded},
		{name: "JSONata selector and batcher", def: mapDef(`"QueryLanguage":"JSONata","Items":"{% $states.input.items %}","ToleratedFailureCount":1,` +
			`"ItemSelector":"{% $states.context.Map.Item.Value * 2 %}","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k":"{% $states.input.k %}"}},`),
			input: `{"items":[1,2,3],"k":"x"}`, level: types.InspectionLevelDebug, selector: `[2,4,6]`,
			batcher: `[{"BatchInput":{"k":"x"},"Items":[2,4]},{"BatchInput":{"k":"x"},"Items":[6]}]`, toleratedCount: aws.Int32(1),
			status: types.TestExecutionStatusSucceeded},
		{name: "items read from mapItemReaderData", def: mapDef(`"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},` +
			`"Parameters":{"Bucket":"b","Key":"k.csv"}},"ItemSelector":{"n.$":"$$.Map.Item.Value.name"},"ItemBatcher":{"MaxItemsPerBatch":2},`),
			input: `{}`, readData: csv, level: types.InspectionLevelTrace, selector: `[{"n":"a"},{"n":"b"},{"n":"c"}]`,
			batcher: `[{"Items":[{"n":"a"},{"n":"b"}]},{"Items":[{"n":"c"}]}]`, status: types.TestExecutionStatusSucceeded},
		{name: "items selected by ItemsPointer", def: mapDef(`"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","ItemsPointer":"/data/items"},` +
			`"Parameters":{"Bucket":"b","Key":"k.json"}},"ItemSelector":{"n.$":"$$.Map.Item.Value.n"},`),
			input: `{}`, readData: `{"meta":{"items":[0]},"data":{"items":[{"n":"a"},{"n":"b"}]}}`, level: types.InspectionLevelDebug,
			pointer: `[{"n":"a"},{"n":"b"}]`, selector: `[{"n":"a"},{"n":"b"}]`, status: types.TestExecutionStatusSucceeded},
		{name: "ItemsPointer selecting nothing fails the Map", def: mapDef(`"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON","ItemsPointer":"/none"},` +
			`"Parameters":{"Bucket":"b","Key":"k.json"}},`),
			input: `{}`, readData: `{"data":[]}`, level: types.InspectionLevelDebug, status: types.TestExecutionStatusFailed, errName: "States.ItemReaderFailed"},
		{name: "INFO shows no inspection data", def: mapDef(`"ItemSelector":{"v.$":"$$.Map.Item.Value"},`), input: `[1]`, level: types.InspectionLevelInfo,
			status: types.TestExecutionStatusSucceeded},
		{name: "failing ItemSelector fails the Map", def: mapDef(`"QueryLanguage":"JSONata","Items":"{% $states.input %}","ItemSelector":"{% $error('no') %}",`),
			input: `[1]`, level: types.InspectionLevelDebug, status: types.TestExecutionStatusFailed, errName: "States.QueryEvaluationError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := sfn.TestStateInput{Definition: tc.def, Input: aws.String(tc.input), InspectionLevel: tc.level,
				Mock: &types.MockInput{Result: aws.String(`[1,2,3]`)}}
			if tc.readData != "" {
				in.StateConfiguration = &types.TestStateConfiguration{MapItemReaderData: aws.String(tc.readData)}
			}
			out, err := e.client.TestState(ctx(), &in)
			mustNil(t, err, "test state")
			if out.Status != tc.status || aws.ToString(out.Error) != tc.errName {
				t.Fatalf("status %s error %q (%s), want %s %q", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause), tc.status, tc.errName)
			}
			d := out.InspectionData
			if tc.level == types.InspectionLevelInfo {
				if d != nil {
					t.Fatalf("inspection data at INFO: %+v", d)
				}
				return
			}
			if got := aws.ToString(d.AfterItemSelector); got != tc.selector {
				t.Errorf("afterItemSelector %q, want %q", got, tc.selector)
			}
			if got := aws.ToString(d.AfterItemBatcher); got != tc.batcher {
				t.Errorf("afterItemBatcher %q, want %q", got, tc.batcher)
			}
			if got := aws.ToString(d.AfterItemsPointer); got != tc.pointer {
				t.Errorf("afterItemsPointer %q, want %q", got, tc.pointer)
			}
			if aws.ToInt32(d.MaxConcurrency) != tc.maxConcurrency || aws.ToInt32(d.ToleratedFailureCount) != aws.ToInt32(tc.toleratedCount) {
				t.Errorf("maxConcurrency %d toleratedFailureCount %v", aws.ToInt32(d.MaxConcurrency), d.ToleratedFailureCount)
			}
		})
	}
}

// TestTestState_MapItemReaderDataRules checks where mapItemReaderData is
// accepted: with a mock, on a Map that has an ItemReader.
func TestTestState_MapItemReaderDataRules(t *testing.T) {
	e := newEnv(t)
	reader := mapDef(`"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"b","Key":"k"}},`)
	tests := []struct {
		name string
		def  *string
		mock bool
		msg  string
	}{
		{"without a mock", reader, false, "TestState does not support MapItemReaderData when a mock is not specified."},
		{"on a Map without ItemReader", mapDef(""), true, "TestState supports MapItemReaderData only for a Map state with an ItemReader."},
		{"on a Task", aws.String(lambdaTask), true, "TestState supports MapItemReaderData only for a Map state with an ItemReader."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := sfn.TestStateInput{Definition: tc.def, RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
				StateConfiguration: &types.TestStateConfiguration{MapItemReaderData: aws.String(`[1]`)}}
			if tc.mock {
				in.Mock = &types.MockInput{Result: aws.String(`[1]`), FieldValidationMode: types.MockResponseValidationModeNone}
			}
			_, err := e.client.TestState(ctx(), &in)
			wantCode(t, err, "ValidationException", tc.msg)
		})
	}
}

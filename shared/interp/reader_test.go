package interp

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// distMap is a distributed Map state with extra fields (JSON members).
func distMap(lang, extra string) string {
	return `{"QueryLanguage":"` + lang + `","StartAt":"M","States":{"M":{"Type":"Map",` + extra + `,
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
		"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
}

func TestStep_MapReaderRequest(t *testing.T) {
	for _, tc := range []struct {
		name, def, input string
		want             string // the Invoke's input
		wantErr          string // or the failure's error: cause
	}{
		{name: "JSONPath", def: distMap("JSONPath", `"ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
			"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItemsPath":"$.max"},
			"Parameters":{"Bucket.$":"$.b","Key":"k.csv"}}`), input: `{"b":"bucket","max":"7"}`,
			want: `{"Parameters":{"Bucket":"bucket","Key":"k.csv"},"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":7}}`},
		{name: "JSONata", def: distMap("JSONata", `"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2",
			"ReaderConfig":{"MaxItems":"{% $states.input.max %}"},
			"Arguments":{"Bucket":"{% $states.input.b %}","Prefix":"p/"}}`), input: `{"b":"bucket","max":3}`,
			want: `{"Parameters":{"Bucket":"bucket","Prefix":"p/"},"ReaderConfig":{"MaxItems":3}}`},
		{name: "NoReaderConfig", def: distMap("JSONPath", `"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2",
			"Parameters":{"Bucket":"b"}}`), input: `{}`,
			want: `{"Parameters":{"Bucket":"b"},"ReaderConfig":{}}`},
		{name: "BadMaxItemsPath", def: distMap("JSONPath", `"ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
			"ReaderConfig":{"InputType":"JSON","MaxItemsPath":"$.max"},"Parameters":{"Bucket":"b","Key":"k"}}`), input: `{"max":"x"}`,
			wantErr: `The MaxItemsPath field refers to value "x" which is not a valid integer: $.max`},
		{name: "BadJSONataMaxItems", def: distMap("JSONata", `"ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
			"ReaderConfig":{"InputType":"JSON","MaxItems":"{% -1 %}"},"Arguments":{"Bucket":"b","Key":"k"}}`), input: `{}`,
			wantErr: `The MaxItems field must be a non-negative integer, but was -1`},
		{name: "MissingPath", def: distMap("JSONPath", `"ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
			"ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket.$":"$.nope","Key":"k"}}`), input: `{}`,
			wantErr: `could not be found in the input`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := compile(t, tc.def)
			dec := step(t, m, record(t, m, "", tc.input), Enter{})
			if tc.wantErr != "" {
				f, ok := dec.Action.(Fail)
				if !ok || !strings.Contains(f.Error+": "+f.Cause, tc.wantErr) {
					t.Fatalf("action = %#v, want failure %q", dec.Action, tc.wantErr)
				}
				return
			}
			inv, ok := dec.Action.(Invoke)
			if !ok {
				t.Fatalf("action = %#v, want Invoke", dec.Action)
			}
			if got := jsonval.String(inv.Task.Input); got != tc.want {
				t.Fatalf("reader input = %s\nwant %s", got, tc.want)
			}
			if dec.Record.Phase != PhaseReading {
				t.Fatalf("phase = %d", dec.Record.Phase)
			}
		})
	}
}

func TestStep_MapItemsRead(t *testing.T) {
	def := distMap("JSONPath", `"ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
		"ReaderConfig":{"InputType":"JSONL"},"Parameters":{"Bucket":"b","Key":"k"}},
		"ItemSelector":{"v.$":"$$.Map.Item.Value.n","i.$":"$$.Map.Item.Index","tag.$":"$.tag"},
		"ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"from.$":"$.tag"}}`)
	m := compile(t, def)
	dec := step(t, m, record(t, m, "", `{"tag":"x"}`), Enter{})
	dec = step(t, m, dec.Record, TaskSucceeded{Output: jsonval.MustDecode(`[{"n":1},{"n":2},{"n":3}]`)})
	fork, ok := dec.Action.(Fork)
	if !ok {
		t.Fatalf("action = %#v, want Fork", dec.Action)
	}
	var got []string
	for _, c := range fork.Children {
		got = append(got, jsonval.String(c.Record.Input))
	}
	want := []string{
		`{"BatchInput":{"from":"x"},"Items":[{"v":1,"i":0,"tag":"x"},{"v":2,"i":1,"tag":"x"}]}`,
		`{"BatchInput":{"from":"x"},"Items":[{"v":3,"i":2,"tag":"x"}]}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("children:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ev := eventTypes(dec.Events); ev != "MapStateStarted" {
		t.Fatalf("events = %s", ev)
	}

	failed := step(t, m, record(t, m, "", `{}`), Enter{})
	failed = step(t, m, failed.Record, TaskFailed{Error: "States.TaskFailed", Cause: "read s3://b/k: NoSuchKey"})
	if f, ok := failed.Action.(Fail); !ok || f.Error != asl.ErrorItemReaderFailed || f.Cause != "read s3://b/k: NoSuchKey" {
		t.Fatalf("action = %#v, want States.ItemReaderFailed", failed.Action)
	}
}

func TestStep_MapBatching(t *testing.T) {
	items := `[{"a":"xxxx"},{"a":"y"},{"a":"zzzzzzzz"},{"a":"w"}]` // sizes 12, 9, 16, 9
	for _, tc := range []struct {
		name, lang, batcher, input string
		want                       string // the children's inputs, one per line
		wantErr                    string
	}{
		{name: "Items", lang: "JSONPath", batcher: `{"MaxItemsPerBatch":3}`,
			want: `{"Items":[{"a":"xxxx"},{"a":"y"},{"a":"zzzzzzzz"}]}` + "\n" + `{"Items":[{"a":"w"}]}`},
		{name: "ItemsPath", lang: "JSONPath", batcher: `{"MaxItemsPerBatchPath":"$.n"}`, input: `{"n":"2"}`,
			want: `{"Items":[{"a":"xxxx"},{"a":"y"}]}` + "\n" + `{"Items":[{"a":"zzzzzzzz"},{"a":"w"}]}`},
		// {"Items":[]} is 12 bytes: 12+12+1+9 = 34 fits, +1+16 does not.
		{name: "Bytes", lang: "JSONPath", batcher: `{"MaxInputBytesPerBatch":40}`,
			want: `{"Items":[{"a":"xxxx"},{"a":"y"}]}` + "\n" + `{"Items":[{"a":"zzzzzzzz"},{"a":"w"}]}`},
		{name: "BytesAndItems", lang: "JSONPath", batcher: `{"MaxInputBytesPerBatchPath":"$.b","MaxItemsPerBatch":1}`, input: `{"b":1000}`,
			want: `{"Items":[{"a":"xxxx"}]}` + "\n" + `{"Items":[{"a":"y"}]}` + "\n" + `{"Items":[{"a":"zzzzzzzz"}]}` + "\n" + `{"Items":[{"a":"w"}]}`},
		// With its BatchInput an empty batch is 35 bytes: two items never fit in 55.
		{name: "BytesCountBatchInput", lang: "JSONPath", batcher: `{"MaxInputBytesPerBatch":55,"BatchInput":{"k":"v"}}`,
			want: `{"BatchInput":{"k":"v"},"Items":[{"a":"xxxx"}]}` + "\n" + `{"BatchInput":{"k":"v"},"Items":[{"a":"y"}]}` + "\n" +
				`{"BatchInput":{"k":"v"},"Items":[{"a":"zzzzzzzz"}]}` + "\n" + `{"BatchInput":{"k":"v"},"Items":[{"a":"w"}]}`},
		{name: "ItemTooLarge", lang: "JSONPath", batcher: `{"MaxInputBytesPerBatch":27}`,
			wantErr: "States.Runtime: An error occurred while executing the state 'M' (entered at the event id #2). The item at index 2 is 16 bytes"},
		{name: "ZeroPath", lang: "JSONPath", batcher: `{"MaxItemsPerBatchPath":"$.n"}`, input: `{"n":0}`,
			wantErr: "The MaxItemsPerBatchPath field must refer to a positive integer, but was 0"},
		{name: "JSONataBatchInput", lang: "JSONata", batcher: `{"MaxItemsPerBatch":"{% $states.input.n %}","BatchInput":{"sum":"{% $states.input.n + 1 %}"}}`, input: `{"n":3}`,
			want: `{"BatchInput":{"sum":4},"Items":[{"a":"xxxx"},{"a":"y"},{"a":"zzzzzzzz"}]}` + "\n" + `{"BatchInput":{"sum":4},"Items":[{"a":"w"}]}`},
		{name: "JSONataBatchInputNotObject", lang: "JSONata", batcher: `{"MaxItemsPerBatch":2,"BatchInput":"{% 1 %}"}`,
			wantErr: "States.QueryEvaluationError: An error occurred while executing the state 'M' (entered at the event id #2). The BatchInput field must be an object, but was 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			itemsField := `"ItemsPath":"$.items"`
			if tc.lang == "JSONata" {
				itemsField = `"Items":` + items
			}
			m := compile(t, distMap(tc.lang, itemsField+`,"ItemBatcher":`+tc.batcher))
			in := jsonval.MustDecode(`{}`)
			if tc.input != "" {
				in = jsonval.MustDecode(tc.input)
			}
			in.(*jsonval.Object).Set("items", jsonval.MustDecode(items))
			dec := step(t, m, record(t, m, "", jsonval.String(in)), Enter{})
			if tc.wantErr != "" {
				f, ok := dec.Action.(Fail)
				if !ok || !strings.Contains(f.Error+": "+f.Cause, tc.wantErr) {
					t.Fatalf("action = %#v, want failure %q", dec.Action, tc.wantErr)
				}
				return
			}
			fork, ok := dec.Action.(Fork)
			if !ok {
				t.Fatalf("action = %#v, want Fork", dec.Action)
			}
			var got []string
			for _, c := range fork.Children {
				got = append(got, jsonval.String(c.Record.Input))
			}
			if strings.Join(got, "\n") != tc.want {
				t.Fatalf("batches:\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// TestStep_MapReaderCaught: a read's failure is caught like any other
// state error, and a retried Map reads again.
func TestStep_MapReaderCaught(t *testing.T) {
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,
		"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"b","Key":"k"}},
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
		"Retry":[{"ErrorEquals":["States.ItemReaderFailed"],"MaxAttempts":1,"IntervalSeconds":1}],
		"Catch":[{"ErrorEquals":["States.ItemReaderFailed"],"Next":"Failed","ResultPath":"$.error"}]},
		"Failed":{"Type":"Pass","End":true}}}`
	m := compile(t, def)
	dec := step(t, m, record(t, m, "", `{}`), Enter{})
	dec = step(t, m, dec.Record, TaskFailed{Error: "States.ItemReaderFailed", Cause: "boom"})
	if _, ok := dec.Action.(Sleep); !ok {
		t.Fatalf("action = %#v, want the retry's Sleep", dec.Action)
	}
	dec = step(t, m, dec.Record, Wake{})
	if inv, ok := dec.Action.(Invoke); !ok || inv.Task.Resource != "arn:aws:states:::s3:getObject" {
		t.Fatalf("action = %#v, want the read again", dec.Action)
	}
	dec = step(t, m, dec.Record, TaskFailed{Error: "States.ItemReaderFailed", Cause: "boom"})
	if _, ok := dec.Action.(Next); !ok || dec.Record.State != "Failed" {
		t.Fatalf("action = %#v in %s, want the catcher", dec.Action, dec.Record.State)
	}
	if got := jsonval.String(dec.Record.Input); got != `{"error":{"Error":"States.ItemReaderFailed","Cause":"boom"}}` {
		t.Fatalf("caught input = %s", got)
	}
}

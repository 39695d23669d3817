package main

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestRun_ReaderForms reads one CSV through each way a definition can say
// where and how much: MaxItems, MaxItemsPath, JSONata Arguments and
// MaxItems, GIVEN headers and each delimiter.
func TestRun_ReaderForms(t *testing.T) {
	dir := s3Folder(t, map[string]string{
		"rows.csv":  "id,name\n1,a\n2,b\n3,c\n",
		"rows.tsv":  "1\ta b\n2\tc\n",
		"rows.psv":  "1|a\n2|b\n",
		"rows.ssv":  "1 a\n2 b\n",
		"rows.scsv": "1;a\n2;b\n",
	})
	jsonata := func(reader string) string {
		return `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemReader":` + reader + `,
			"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
			"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	}
	plain := func(reader string) string {
		return `{"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":` + reader + `,
			"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
			"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	}
	given := func(key, delim string) string {
		return plain(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"data","Key":"` + key + `"},
			"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["id","name"],"CSVDelimiter":"` + delim + `"}}`)
	}
	two := `[{"id":"1","name":"a"},{"id":"2","name":"b"}]`
	for _, tc := range []struct{ name, def, input, want, wantErr string }{
		{"MaxItems", plain(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"data","Key":"rows.csv"},
			"ReaderConfig":{"InputType":"CSV","MaxItems":2}}`), `{}`, two, ""},
		{"MaxItemsPath", plain(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket.$":"$.b","Key.$":"$.k"},
			"ReaderConfig":{"InputType":"CSV","MaxItemsPath":"$.max"}}`), `{"b":"data","k":"rows.csv","max":2}`, two, ""},
		{"MaxItemsPathNotInteger", plain(`{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"data","Key":"rows.csv"},
			"ReaderConfig":{"InputType":"CSV","MaxItemsPath":"$.max"}}`), `{"max":"many"}`, "", "States.Runtime"},
		{"JSONata", jsonata(`{"Resource":"arn:aws:states:::s3:getObject","Arguments":{"Bucket":"{% $states.input.b %}","Key":"{% 'rows.' & $states.input.ext %}"},
			"ReaderConfig":{"InputType":"CSV","MaxItems":"{% $states.input.max %}"}}`), `{"b":"data","ext":"csv","max":2}`, two, ""},
		{"Tab", given("rows.tsv", "TAB"), `{}`, `[{"id":"1","name":"a b"},{"id":"2","name":"c"}]`, ""},
		{"Pipe", given("rows.psv", "PIPE"), `{}`, two, ""},
		{"Space", given("rows.ssv", "SPACE"), `{}`, two, ""},
		{"Semicolon", given("rows.scsv", "SEMICOLON"), `{}`, two, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, res, stderr := runCLI(t, "run", "--definition", writeTemp(t, tc.def), "--input", tc.input, "--s3-dir", dir)
			if res == nil {
				t.Fatalf("exit %d, no result: %s", code, stderr)
			}
			if tc.wantErr != "" {
				if field(res, "error") != tc.wantErr {
					t.Fatalf("exit %d: %s, want %s", code, jsonval.String(res), tc.wantErr)
				}
				return
			}
			out, _ := res.Get("output")
			if code != exitOK || jsonval.String(out) != tc.want {
				t.Fatalf("exit %d: %s, want %s (%s)", code, jsonval.String(res), tc.want, strings.TrimSpace(stderr))
			}
		})
	}
}

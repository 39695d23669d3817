package resultwriter_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
)

func TestParseConfig(t *testing.T) {
	const put = `"Resource":"arn:aws:states:::s3:putObject"`
	for _, tc := range []struct{ name, in, want, wantErr string }{
		{"ExportDefaults", `{` + put + `,"Parameters":{"Bucket":"b","Prefix":"p"}}`, "b p NONE JSON", ""},
		{"JSONataArguments", `{` + put + `,"Arguments":{"Bucket":"b"}}`, "b  NONE JSON", ""},
		{"ExportFormatted", `{` + put + `,"Parameters":{"Bucket":"b"},"WriterConfig":{"Transformation":"FLATTEN","OutputType":"JSONL"}}`, "b  FLATTEN JSONL", ""},
		{"ExportOnlyOutputType", `{` + put + `,"Parameters":{"Bucket":"b"},"WriterConfig":{"OutputType":"JSONL"}}`, "b  NONE JSONL", ""},
		{"Preview", `{"WriterConfig":{"Transformation":"FLATTEN","OutputType":"JSON"}}`, "  FLATTEN JSON", ""},
		{"PreviewDefault", `{"WriterConfig":{"OutputType":"JSON"}}`, "  COMPACT JSON", ""},
		{"Empty", `{}`, "", "needs a Resource and Parameters, a WriterConfig, or both"},
		{"OtherResource", `{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}}`, "", "Resource must be arn:aws:states:::s3:putObject"},
		{"NoBucket", `{` + put + `,"Parameters":{"Prefix":"p"}}`, "", "needs a Bucket"},
		{"BucketNotString", `{` + put + `,"Parameters":{"Bucket":1}}`, "", "parameter Bucket must be a string, but was 1"},
		{"ParamsNotObject", `{` + put + `,"Parameters":"b"}`, "", "Parameters must be an object"},
		{"BadTransformation", `{"WriterConfig":{"Transformation":"SQUASH"}}`, "", `Transformation must be one of NONE, COMPACT, FLATTEN, but was "SQUASH"`},
		{"BadOutputType", `{"WriterConfig":{"OutputType":"CSV"}}`, "", `OutputType must be one of JSON, JSONL, but was "CSV"`},
		{"NotObject", `[]`, "", "must be an object, but was array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := resultwriter.ParseConfig(jsonval.MustDecode(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%s %s %s %s", c.Bucket, c.Prefix, c.Transformation, c.OutputType); got != tc.want {
				t.Fatalf("config = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPut_RoundTrip: every action survives the task input.
func TestPut_RoundTrip(t *testing.T) {
	for _, p := range []resultwriter.Put{
		{Action: resultwriter.ActionPutObject, Bucket: "b", Key: "k", Body: "[1]"},
		{Action: resultwriter.ActionCreate, Bucket: "b", Key: "k"},
		{Action: resultwriter.ActionPart, Bucket: "b", Key: "k", UploadID: "u", PartNumber: 3, Body: "x"},
		{Action: resultwriter.ActionComplete, Bucket: "b", Key: "k", UploadID: "u", Parts: []resultwriter.Part{{1, `"e1"`}, {2, `"e2"`}}},
		{Action: resultwriter.ActionAbort, Bucket: "b", Key: "k", UploadID: "u"},
	} {
		got, err := resultwriter.ParsePut(jsonval.MustDecode(jsonval.String(p.Value())))
		if err != nil || fmt.Sprint(got) != fmt.Sprint(p) {
			t.Errorf("%s: got %+v, %v", p.Action, got, err)
		}
	}
	for in, want := range map[string]string{
		`{"Action":"DeleteObject","Bucket":"b","Key":"k"}`:                                       `cannot "DeleteObject"`,
		`{"Action":"PutObject","Bucket":"b"}`:                                                    "needs a Bucket and a Key",
		`{"Action":"UploadPart","Bucket":"b","Key":"k","PartNumber":1}`:                          "UploadPart needs an UploadId",
		`{"Action":"UploadPart","Bucket":"b","Key":"k","UploadId":"u"}`:                          "PartNumber 0 is not within 1..10000",
		`{"Action":"CompleteMultipartUpload","Bucket":"b","Key":"k","UploadId":"u","Parts":[1]}`: "a part must be an object",
	} {
		if _, err := resultwriter.ParsePut(jsonval.MustDecode(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", in, err, want)
		}
	}
}

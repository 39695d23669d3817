package main

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestRun_MockedReader: a test case's response for the Map state answers
// its ItemReader, as items or as the object's content, within MaxItems;
// without --s3-dir nothing reads S3.
func TestRun_MockedReader(t *testing.T) {
	def := writeTemp(t, readerMap(`{"Resource":"arn:aws:states:::s3:getObject",
		"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["id","name"],"CSVDelimiter":"SEMICOLON","MaxItems":3},
		"Parameters":{"Bucket":"data","Key":"rows.csv"}}`))
	mock := writeTemp(t, `{"StateMachines":{"sm":{"TestCases":{
		"Content":{"M":"Rows"},"Items":{"M":"Items"},"Broken":{"M":"NotItems"},"Throws":{"M":"Denied"}}}},
	"MockedResponses":{
		"Rows":{"0":{"Return":"1;a\n2;b\n3;c\n4;d\n"}},
		"Items":{"0":{"Return":[{"id":"x"},{"id":"y"}]}},
		"NotItems":{"0":{"Return":{"id":"x"}}},
		"Denied":{"0":{"Throw":{"Error":"S3.AccessDenied","Cause":"Access Denied"}}}}}`)
	for _, tc := range []struct{ testCase, want, wantErr string }{
		{"Content", `[{"BatchInput":{"run":"r"},"Items":[{"id":"1","name":"a"},{"id":"2","name":"b"},{"id":"3","name":"c"}]}]`, ""},
		{"Items", `[{"BatchInput":{"run":"r"},"Items":[{"id":"x"},{"id":"y"}]}]`, ""},
		{"Broken", "", "States.ItemReaderFailed: The mocked response of an ItemReader must be an array of items or the object's content as a string, but was object."},
		{"Throws", "", "States.ItemReaderFailed: Access Denied"},
	} {
		t.Run(tc.testCase, func(t *testing.T) {
			code, res, stderr := runCLI(t, "run", "--definition", def, "--input", `{"run":"r"}`, "--mock-config", mock, "--test-case", tc.testCase)
			if tc.wantErr != "" {
				if got := field(res, "error") + ": " + field(res, "cause"); got != tc.wantErr {
					t.Fatalf("exit %d: %s, want %s (%s)", code, got, tc.wantErr, strings.TrimSpace(stderr))
				}
				return
			}
			out, _ := res.Get("output")
			if code != exitOK || jsonval.String(out) != tc.want {
				t.Fatalf("exit %d: %s, want %s (%s)", code, jsonval.String(res), tc.want, stderr)
			}
		})
	}
}

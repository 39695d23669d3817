package mocktask

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/task"
)

// TestReader_Pages: a mocked reader answers a paged read page by page, the
// whole read taking one mocked invocation.
func TestReader_Pages(t *testing.T) {
	cfg, err := mockconfig.Parse([]byte(`{"StateMachines":{"sm":{"TestCases":{"T":{"M":"Rows","C":"Csv"}}}},
		"MockedResponses":{"Rows":{"0-1":{"Return":[1,2,3,4,5]}},"Csv":{"0":{"Return":"a\n1\n2\n3\n"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	inv, err := New(cfg, "sm", "T", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ state, config, want string }{
		{"M", `{"InputType":"JSON"}`, `[[1,2],[3,4],[5]]`},
		{"M", `{"InputType":"JSON","MaxItems":4}`, `[[1,2],[3,4]]`},
		{"C", `{"InputType":"CSV"}`, `[[{"a":"1"},{"a":"2"}],[{"a":"3"}]]`},
	} {
		var pages []any
		var cursor jsonval.Value
		for n := 0; n < 5; n++ {
			in := jsonval.MustDecode(`{"Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":` + tc.config + `,"Page":{"Size":2}}`).(*jsonval.Object)
			if cursor != nil {
				pg, _ := in.Get("Page")
				pg.(*jsonval.Object).Set("Cursor", cursor)
			}
			res, err := inv.Invoke(context.Background(), task.Request{State: tc.state, Resource: "arn:aws:states:::s3:getObject", Input: in})
			if err != nil || res.Failed {
				t.Fatalf("%+v %v", res, err)
			}
			out := res.Output.(*jsonval.Object)
			items, _ := out.Get("Items")
			pages = append(pages, items)
			var more bool
			if cursor, more = out.Get("Cursor"); !more {
				break
			}
		}
		if got := jsonval.String(pages); got != tc.want {
			t.Errorf("%s %s: pages %s, want %s", tc.state, tc.config, got, tc.want)
		}
	}
}

// TestReader_TextOnly: a mocked reader's string is one text object's
// content; a manifest, a listing or a Parquet file must be mocked as items.
func TestReader_TextOnly(t *testing.T) {
	get, list := "arn:aws:states:::s3:getObject", "arn:aws:states:::s3:listObjectsV2"
	for _, tc := range []struct {
		resource, config string
		ok               bool
	}{
		{get, `{"InputType":"JSONL"}`, true},
		{get, `{"InputType":"CSV"}`, true},
		{get, `{"InputType":"PARQUET"}`, false},
		{get, `{"InputType":"MANIFEST"}`, false},
		{get, `{"ManifestType":"S3_INVENTORY"}`, false},
		{get, `{"InputType":"JSONL","ManifestType":"ATHENA_DATA"}`, false},
		{list, `{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"}`, false},
	} {
		in := jsonval.MustDecode(`{"Parameters":{"Bucket":"b","Key":"k"},"ReaderConfig":` + tc.config + `}`)
		res := ReaderItems(task.Request{Resource: tc.resource, Input: in}, "{\"a\":1}\n")
		if res.Failed == tc.ok {
			t.Errorf("%s %s: %+v", tc.resource, tc.config, res)
		}
	}
}

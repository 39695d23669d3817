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

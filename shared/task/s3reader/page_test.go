package s3reader

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
)

// TestInvoke_Pages reads every kind of source a page at a time and gets
// what one read gets, MaxItems counted across the pages.
func TestInvoke_Pages(t *testing.T) {
	var csv, jsonl, arr, inv1, inv2 strings.Builder
	csv.WriteString("\xef\xbb\xbfid,name\n")
	arr.WriteString("[")
	for i := range 23 {
		fmt.Fprintf(&csv, "%d,\"row, %d\"\n", i, i)
		fmt.Fprintf(&jsonl, "{\"n\":%d}\n", i)
		if i > 0 {
			arr.WriteString(" ,\n")
		}
		fmt.Fprintf(&arr, `{"n":%d,"s":"]\"}"}`, i)
		fmt.Fprintf([]*strings.Builder{&inv1, &inv2}[i%2], "\"src\",\"k%d\"\n", i)
	}
	arr.WriteString("]")
	files := map[string]string{"in/rows.csv": csv.String(), "in/rows.jsonl": jsonl.String(), "in/rows.json": arr.String(),
		"in/nested.json":    `{"head":[{"n":-1}],"body":{"rows":` + arr.String() + `,"tail":[0]}}`,
		"inv/manifest.json": `{"destinationBucket":"arn:aws:s3:::b","fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"key":"inv/1.csv.gz"},{"key":"inv/2.csv.gz"}]}`,
		"inv/1.csv.gz":      gz(inv1.String()), "inv/2.csv.gz": gz(inv2.String())}
	for i := range 23 {
		files[fmt.Sprintf("list/%02d/x.txt", i)] = "x"
	}
	inv := New(NewDir(bucketDir(t, files)), limits.Limits{})
	get := func(key, cfg string) string {
		return `{"Parameters":{"Bucket":"b","Key":"` + key + `"},"ReaderConfig":` + cfg + `}`
	}
	for _, tc := range []struct{ name, resource, input string }{
		{"CSV", ResourceGetObject, get("in/rows.csv", `{"InputType":"CSV"}`)},
		{"CSVGiven", ResourceGetObject, get("in/rows.csv", `{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","b"]}`)},
		{"JSON", ResourceGetObject, get("in/rows.json", `{"InputType":"JSON"}`)},
		{"ItemsPointer", ResourceGetObject, get("in/nested.json", `{"InputType":"JSON","ItemsPointer":"/body/rows"}`)},
		{"JSONL", ResourceGetObject, get("in/rows.jsonl", `{"InputType":"JSONL"}`)},
		{"Manifest", ResourceGetObject, get("inv/manifest.json", `{"InputType":"MANIFEST"}`)},
		{"List", ResourceListObjectsV2, `{"Parameters":{"Bucket":"b","Prefix":"list/"},"ReaderConfig":{}}`},
		{"MaxItems", ResourceGetObject, get("in/rows.jsonl", `{"InputType":"JSONL","MaxItems":12}`)},
	} {
		for _, size := range []int{1, 5, 23, 50} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, size), func(t *testing.T) {
				whole := invoke(t, inv, tc.resource, tc.input)
				paged := readPages(t, inv, tc.resource, tc.input, size)
				if jsonval.String(paged) != jsonval.String(whole) {
					t.Fatalf("pages %s\nwhole %s", jsonval.String(paged), jsonval.String(whole))
				}
			})
		}
	}
}

// readPages reads input a page of size items at a time, handing each
// page's cursor to the next, and returns every page's items.
func readPages(t *testing.T, inv *Invoker, resource, input string, size int) []any {
	t.Helper()
	paged := []any{}
	var cursor jsonval.Value
	for n := 0; ; n++ {
		in := jsonval.MustDecode(input).(*jsonval.Object)
		pg := jsonval.NewObject(2)
		pg.Set("Size", jsonval.NumberFromInt(int64(size)))
		if cursor != nil {
			pg.Set("Cursor", cursor)
		}
		in.Set("Page", pg)
		out := invoke(t, inv, resource, jsonval.String(in)).(*jsonval.Object)
		items, _ := out.Get("Items")
		if len(items.([]any)) > size || n > 60 {
			t.Fatalf("page %d has %d items", n, len(items.([]any)))
		}
		paged = append(paged, items.([]any)...)
		var more bool
		if cursor, more = out.Get("Cursor"); !more {
			return paged
		}
	}
}

func invoke(t *testing.T, inv *Invoker, resource, input string) jsonval.Value {
	t.Helper()
	res, err := inv.Invoke(context.Background(), task.Request{Resource: resource, Input: jsonval.MustDecode(input)})
	if err != nil || res.Failed {
		t.Fatalf("%s: %+v %v", input, res, err)
	}
	return res.Output
}

func TestInvoke_PageErrors(t *testing.T) {
	inv := New(NewDir(bucketDir(t, map[string]string{"a.jsonl": "1\n"})), limits.Limits{})
	for page, want := range map[string]string{
		`1`:                                   "the reader's Page must be an object",
		`{}`:                                  "needs a positive Size",
		`{"Size":2,"Cursor":[]}`:              "the reader's Cursor must be an object",
		`{"Size":2,"Cursor":{"Offset":-1}}`:   "the reader's Cursor is not valid",
		`{"Size":2,"Cursor":{"Headers":[1]}}`: "has a header that is not a string",
	} {
		in := `{"Parameters":{"Bucket":"b","Key":"a.jsonl"},"ReaderConfig":{"InputType":"JSONL"},"Page":` + page + `}`
		res, _ := inv.Invoke(context.Background(), task.Request{Resource: ResourceGetObject, Input: jsonval.MustDecode(in)})
		if !res.Failed || !strings.Contains(res.Cause, want) {
			t.Errorf("Page %s: %+v, want %q", page, res, want)
		}
	}
	// A cursor past the end reads an empty last page.
	in := `{"Parameters":{"Bucket":"b","Key":"a.jsonl"},"ReaderConfig":{"InputType":"JSONL"},"Page":{"Size":1,"Cursor":{"Read":1,"Offset":99}}}`
	if out := invoke(t, inv, ResourceGetObject, in); jsonval.String(out) != `{"Items":[]}` {
		t.Fatalf("past the end: %s", jsonval.String(out))
	}
}

func taskRequest(resource, input string) task.Request {
	return task.Request{Resource: resource, Input: jsonval.MustDecode(input)}
}

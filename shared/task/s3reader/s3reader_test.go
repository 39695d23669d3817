package s3reader

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/itemreader"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
)

// bucketDir writes files (key → content) under root/b.
func bucketDir(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for k, v := range files {
		p := filepath.Join(root, "b", filepath.FromSlash(k))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func gz(s string) string {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return buf.String()
}

func TestInvoke(t *testing.T) {
	root := bucketDir(t, map[string]string{
		"in/rows.csv":          "id,name\n1,a\n2,b\n3,c\n",
		"in/lines.jsonl":       "{\"n\":1}\n{\"n\":2}\n",
		"in/array.json":        `[{"n":1},{"n":2}]`,
		"in/nested.json":       `{"a":{"b":[{"n":3}]}}`,
		"inv/manifest.json":    `{"destinationBucket":"arn:aws:s3:::b","fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"key":"inv/data/1.csv.gz"}]}`,
		"inv/data/1.csv.gz":    gz("\"src\",\"k1\"\n\"src\",\"k2\"\n"),
		"list/a.txt":           "hello",
		"list/sub/b.txt":       "",
		"listing-not-this.txt": "x",
	})
	get, list := ResourceGetObject, ResourceListObjectsV2
	for _, tc := range []struct {
		name, resource, input string
		lim                   limits.Limits
		want, wantCause       string
	}{
		{name: "CSV", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/rows.csv"},"ReaderConfig":{"InputType":"CSV","MaxItems":2}}`,
			want: `[{"id":"1","name":"a"},{"id":"2","name":"b"}]`},
		{name: "JSONL", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/lines.jsonl"},"ReaderConfig":{"InputType":"JSONL"}}`,
			want: `[{"n":1},{"n":2}]`},
		{name: "JSON", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/array.json"},"ReaderConfig":{"InputType":"JSON"}}`,
			want: `[{"n":1},{"n":2}]`},
		{name: "ItemsPointer", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/nested.json"},"ReaderConfig":{"InputType":"JSON","ItemsPointer":"/a/b"}}`,
			want: `[{"n":3}]`},
		{name: "Manifest", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"inv/manifest.json"},"ReaderConfig":{"InputType":"MANIFEST"}}`,
			want: `[{"Bucket":"src","Key":"k1"},{"Bucket":"src","Key":"k2"}]`},
		{name: "List", resource: list, input: `{"Parameters":{"Bucket":"b","Prefix":"list/"}}`,
			want: `["list/a.txt","list/sub/b.txt"]`},
		{name: "ListMaxItems", resource: list, input: `{"Parameters":{"Bucket":"b","Prefix":"list"},"ReaderConfig":{"MaxItems":1}}`,
			want: `["list/a.txt"]`},
		{name: "NoSuchKey", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"none.csv"},"ReaderConfig":{"InputType":"CSV"}}`,
			wantCause: "read s3://b/none.csv: NoSuchKey: The specified key does not exist"},
		{name: "NoSuchBucket", resource: get, input: `{"Parameters":{"Bucket":"nb","Key":"k"},"ReaderConfig":{"InputType":"CSV"}}`,
			wantCause: "NoSuchBucket"},
		{name: "EscapingKey", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"../b/in/rows.csv"},"ReaderConfig":{"InputType":"CSV"}}`,
			wantCause: "NoSuchKey"},
		{name: "NoInputType", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/rows.csv"}}`,
			wantCause: "needs an InputType"},
		{name: "NoBucket", resource: get, input: `{"Parameters":{"Key":"in/rows.csv"},"ReaderConfig":{"InputType":"CSV"}}`,
			wantCause: "needs a Bucket"},
		{name: "TooManyItems", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/rows.csv"},"ReaderConfig":{"InputType":"CSV"}}`,
			lim: limits.Limits{ReaderItems: 2}, wantCause: "more than 2 items, the most one Map reads (limit reader-items)"},
		{name: "TooManyBytes", resource: get, input: `{"Parameters":{"Bucket":"b","Key":"in/rows.csv"},"ReaderConfig":{"InputType":"CSV"}}`,
			lim: limits.Limits{ReaderBytes: 10}, wantCause: "more than 10 bytes (limit reader-bytes)"},
		{name: "TooManyListed", resource: list, input: `{"Parameters":{"Bucket":"b","Prefix":"list/"}}`,
			lim: limits.Limits{ReaderItems: 1}, wantCause: "more than 1 items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv := New(NewDir(root), tc.lim)
			res, err := inv.Invoke(context.Background(), task.Request{Resource: tc.resource, Input: jsonval.MustDecode(tc.input)})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantCause != "" {
				if !res.Failed || res.Error != "States.ItemReaderFailed" || !strings.Contains(res.Cause, tc.wantCause) {
					t.Fatalf("result = %+v, want States.ItemReaderFailed with %q", res, tc.wantCause)
				}
				return
			}
			if res.Failed {
				t.Fatalf("failed: %s: %s", res.Error, res.Cause)
			}
			got := jsonval.String(res.Output)
			if tc.resource == list {
				got = jsonval.String(keys(res.Output))
			}
			if got != tc.want {
				t.Fatalf("items = %s, want %s", got, tc.want)
			}
		})
	}
}

func keys(v jsonval.Value) []any {
	var out []any
	for _, it := range v.([]any) {
		k, _ := it.(*jsonval.Object).Get("Key")
		out = append(out, k)
	}
	return out
}

func TestDirListShape(t *testing.T) {
	root := bucketDir(t, map[string]string{"p/a.txt": "hello"})
	res, _ := New(NewDir(root), limits.Limits{}).Invoke(context.Background(),
		task.Request{Resource: ResourceListObjectsV2, Input: jsonval.MustDecode(`{"Parameters":{"Bucket":"b"}}`)})
	item := res.Output.([]any)[0].(*jsonval.Object)
	if got := strings.Join(item.Keys(), ","); got != "Etag,Key,LastModified,Size,StorageClass" {
		t.Fatalf("keys = %s", got)
	}
	if etag, _ := item.Get("Etag"); etag != `"5d41402abc4b2a76b9719d911017c592"` {
		t.Fatalf("Etag = %v, want the quoted MD5 of the content", etag)
	}
	if size, _ := item.Get("Size"); size != jsonval.Number("5") {
		t.Fatalf("Size = %v", size)
	}
}

func TestRegister(t *testing.T) {
	m := &task.Mux{}
	New(NewDir(t.TempDir()), limits.Limits{}).Register(m)
	res, _ := m.Invoke(context.Background(), task.Request{Resource: ResourceGetObject, Input: jsonval.MustDecode(`{}`)})
	if res.Error != "States.ItemReaderFailed" {
		t.Fatalf("mux routed the reader resource to %+v", res)
	}
}

// TestDirListOrder: keys come in S3's byte order across folders ("a-b"
// before "a/b"), a page of 1000 at a time.
func TestDirListOrder(t *testing.T) {
	files := map[string]string{"a/b.txt": "", "a-b.txt": "", "a/c/d.txt": "", "a0.txt": "", "ab/x": ""}
	for i := range 1500 {
		files["many/"+strings.Repeat("0", 4-len(strconv.Itoa(i)))+strconv.Itoa(i)] = ""
	}
	root := bucketDir(t, files)
	var keys []string
	pages := 0
	err := NewDir(root).List(context.Background(), "b", "", "", func(objs []itemreader.Object) bool {
		pages++
		for _, o := range objs {
			keys = append(keys, o.Key)
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(keys[:5], " "); got != "a-b.txt a/b.txt a/c/d.txt a0.txt ab/x" || len(keys) != 1505 || !sort.StringsAreSorted(keys) || pages != 2 {
		t.Fatalf("%d keys in %d pages, first %s", len(keys), pages, got)
	}
	n := 0
	_ = NewDir(root).List(context.Background(), "b", "many/", "", func(objs []itemreader.Object) bool { n += len(objs); return false })
	if n != 1000 {
		t.Fatalf("a listing stopped after its first page gave %d objects", n)
	}
}

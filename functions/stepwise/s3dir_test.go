package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/resultwriter"
)

// s3Folder writes bucket "data" under a temporary --s3-dir.
func s3Folder(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for k, v := range files {
		p := filepath.Join(root, "data", filepath.FromSlash(k))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// readerMap is a distributed Map reading with reader (an ItemReader) in
// batches of 10 whose BatchInput names the input's run; each batch's
// result is its input.
func readerMap(reader string) string {
	return `{"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":` + reader + `,
		"ItemBatcher":{"MaxItemsPerBatch":10,"BatchInput":{"run.$":"$.run"}},
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
		"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
}

func TestRun_S3Dir(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("id,name\n")
	for i := range 25 {
		fmt.Fprintf(&csv, "%d,row %d\n", i, i)
	}
	dir := s3Folder(t, map[string]string{"in/rows.csv": csv.String(), "in/rows.jsonl": "{\"id\":\"0\"}\n{\"id\":\"1\"}\n"})
	csvDef := writeTemp(t, readerMap(`{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
		"Parameters":{"Bucket":"data","Key.$":"$.key"}}`))

	code, res, stderr := runCLI(t, "run", "--definition", csvDef, "--input", `{"run":"r1","key":"in/rows.csv"}`, "--s3-dir", dir)
	if code != exitOK || field(res, "status") != "SUCCEEDED" {
		t.Fatalf("exit %d: %s %s", code, jsonval.String(res), stderr)
	}
	out, _ := res.Get("output")
	batches := out.([]any)
	if len(batches) != 3 {
		t.Fatalf("%d batches, want 3: %s", len(batches), jsonval.String(out))
	}
	n := 0
	for _, b := range batches {
		bo := b.(*jsonval.Object)
		if bi, _ := bo.Get("BatchInput"); jsonval.String(bi) != `{"run":"r1"}` {
			t.Fatalf("BatchInput = %s", jsonval.String(bi))
		}
		items, _ := bo.Get("Items")
		for _, it := range items.([]any) {
			if want := fmt.Sprintf(`{"id":"%d","name":"row %d"}`, n, n); jsonval.String(it) != want {
				t.Fatalf("item %d = %s, want %s", n, jsonval.String(it), want)
			}
			n++
		}
	}
	if n != 25 {
		t.Fatalf("%d items, want 25", n)
	}

	// Without --s3-dir nothing can read S3 in-process; a missing object
	// and a read over reader-items fail as AWS fails a read.
	for _, tc := range []struct {
		args  []string
		cause string
	}{
		{[]string{"--input", `{"key":"in/rows.csv"}`}, "No task invoker is configured"},
		{[]string{"--input", `{"key":"in/none.csv"}`, "--s3-dir", dir}, "read s3://data/in/none.csv: NoSuchKey"},
		{[]string{"--input", `{"key":"in/rows.csv"}`, "--s3-dir", dir, "--limits", "reader-items=20"}, "more than 20 items"},
	} {
		code, res, _ := runCLI(t, append([]string{"run", "--definition", csvDef}, tc.args...)...)
		if code != exitOK || field(res, "error") != "States.ItemReaderFailed" || !strings.Contains(field(res, "cause"), tc.cause) {
			t.Errorf("%v: exit %d: %s, want States.ItemReaderFailed with %q", tc.args, code, jsonval.String(res), tc.cause)
		}
	}

	listDef := writeTemp(t, readerMap(`{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"data","Prefix":"in/"}}`))
	code, res, _ = runCLI(t, "run", "--definition", listDef, "--input", `{"run":"r2"}`, "--s3-dir", dir)
	out, _ = res.Get("output")
	got := jsonval.String(out)
	if code != exitOK || !strings.Contains(got, `"Key":"in/rows.csv"`) || !strings.Contains(got, `"Key":"in/rows.jsonl","LastModified":`) ||
		!strings.Contains(got, `"Size":22,"StorageClass":"STANDARD"`) {
		t.Fatalf("exit %d: %s", code, jsonval.String(res))
	}
}

func TestServe_S3DirFlag(t *testing.T) {
	o, err := parseServeFlags([]string{"--s3-dir", "/data/s3"})
	if err != nil || o.s3Dir != "/data/s3" {
		t.Fatalf("parseServeFlags: %+v, %v", o, err)
	}
}

// TestRun_S3DirWrites: the --s3-dir folder takes a map run's result files
// through the same invoker that reads its items.
func TestRun_S3DirWrites(t *testing.T) {
	dir := s3Folder(t, map[string]string{"keep.txt": ""})
	run := resultwriter.Run{MapRunArn: "arn:aws:states:us-east-1:123456789012:mapRun:sm/Map:abc",
		Config: resultwriter.Config{Bucket: "data", Prefix: "out", Transformation: "COMPACT", OutputType: "JSON"}}
	kids := []resultwriter.Child{{Status: "SUCCEEDED", Output: `{"ok":1}`}, {Status: "PENDING", Input: `{}`}}
	inv, err := localInvoker(runOptions{s3Dir: dir}, limits.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := resultwriter.Write(context.Background(), inv, run, resultwriter.Slice(kids))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "data", "out", "abc", "SUCCEEDED_0.json"))
	if err != nil || string(b) != `[{"ok":1}]` || !strings.Contains(jsonval.String(out.Value), `"Key":"out/abc/manifest.json"`) {
		t.Fatalf("SUCCEEDED_0.json = %q (%v), output %s", b, err, jsonval.String(out.Value))
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "out", "abc", "PENDING_0.json")); err != nil {
		t.Fatal(err)
	}
}

package resultwriter_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/task"
)

// watched passes calls to the folder invoker, noting each action and the
// largest body sent.
type watched struct {
	inv     task.Invoker
	actions map[string]int
	maxBody int
}

func (w *watched) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	p, err := resultwriter.ParsePut(req.Input)
	if err != nil {
		return task.Result{}, err
	}
	w.actions[p.Action]++
	w.maxBody = max(w.maxBody, len(p.Body))
	return w.inv.Invoke(ctx, req)
}

// numbered yields n succeeded children with outputs {"i":0}, {"i":1}, …
// built as they are asked for.
func numbered(n int) resultwriter.Source {
	return func(fn func(resultwriter.Child) error) error {
		for i := range n {
			c := docChild("c"+strconv.Itoa(i), `{"i":`+strconv.Itoa(i)+`}`)
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestWrite_SplitAndParts: files past MaxFileBytes continue in the next
// file, and a file's bytes go out in parts of PartBytes, never more.
func TestWrite_SplitAndParts(t *testing.T) {
	root, inv := folder(t)
	w := &watched{inv: inv, actions: map[string]int{}}
	const n = 3000
	run := resultwriter.Run{MapRunArn: runArn, Config: export("COMPACT", "JSON"), PartBytes: 1000, MaxFileBytes: 10000}
	if _, err := resultwriter.Write(context.Background(), w, run, numbered(n)); err != nil {
		t.Fatal(err)
	}
	base := "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/"
	m, err := jsonval.DecodeString(read(t, root, base+"manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	rf, _ := m.(*jsonval.Object).Get("ResultFiles")
	list, _ := rf.(*jsonval.Object).Get("SUCCEEDED")
	next := 0
	for i, ref := range list.([]any) {
		key, _ := ref.(*jsonval.Object).Get("Key")
		if key != fmt.Sprintf("%sSUCCEEDED_%d.json", base, i) {
			t.Fatalf("file %d is %v", i, key)
		}
		body := read(t, root, key.(string))
		if sz, _ := ref.(*jsonval.Object).Get("Size"); sz != jsonval.NumberFromInt(int64(len(body))) || len(body) > 10000 {
			t.Fatalf("%s has %d bytes, manifest says %v", key, len(body), sz)
		}
		arr, err := jsonval.DecodeString(body)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		for _, v := range arr.([]any) {
			if got, _ := v.(*jsonval.Object).Get("i"); got != jsonval.NumberFromInt(int64(next)) {
				t.Fatalf("%s: entry %v, want i=%d", key, got, next)
			}
			next++
		}
	}
	if next != n || len(list.([]any)) < 3 {
		t.Fatalf("%d entries in %d files, want %d", next, len(list.([]any)), n)
	}
	if w.maxBody > 1000+20 || w.actions[resultwriter.ActionPart] == 0 || w.actions[resultwriter.ActionComplete] != len(list.([]any)) {
		t.Fatalf("largest body %d, actions %v", w.maxBody, w.actions)
	}
}

// TestWrite_SourceError stops the write with the source's error.
func TestWrite_SourceError(t *testing.T) {
	_, inv := folder(t)
	boom := fmt.Errorf("store down")
	src := func(fn func(resultwriter.Child) error) error { return boom }
	if _, err := resultwriter.Write(context.Background(), inv, resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON")}, src); err != boom {
		t.Fatalf("err = %v", err)
	}
}

// BenchmarkWrite measures writing 10,000 children to a local folder in
// parts of 1 MiB.
func BenchmarkWrite(b *testing.B) {
	for b.Loop() {
		_, inv := folderB(b)
		run := resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON"), PartBytes: 1 << 20}
		if _, err := resultwriter.Write(context.Background(), inv, run, numbered(10000)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite_Heap writes 100,000 children (about 60 MB of result
// files) to a local folder in parts of 8 MiB, sampling the live heap as
// the children stream in: peak-heap-MB stays near the part buffers, not
// the files' size.
func BenchmarkWrite_Heap(b *testing.B) {
	for b.Loop() {
		_, inv := folderB(b)
		var peak uint64
		src := func(fn func(resultwriter.Child) error) error {
			return numbered(100_000)(func(c resultwriter.Child) error {
				if strings.HasSuffix(c.Name, "000") {
					var ms runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
				}
				return fn(c)
			})
		}
		run := resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON")}
		if _, err := resultwriter.Write(context.Background(), inv, run, src); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	}
}

// TestWrite_AbortsUploads: a source failing midway leaves no multipart
// upload open, and an empty run writes a manifest alone.
func TestWrite_AbortsUploads(t *testing.T) {
	root, inv := folder(t)
	w := &watched{inv: inv, actions: map[string]int{}}
	boom := fmt.Errorf("store down")
	src := func(fn func(resultwriter.Child) error) error {
		if err := numbered(50)(fn); err != nil {
			return err
		}
		return boom
	}
	run := resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON"), PartBytes: 1000}
	if _, err := resultwriter.Write(context.Background(), w, run, src); err != boom {
		t.Fatalf("err = %v", err)
	}
	if w.actions[resultwriter.ActionCreate] != 1 || w.actions[resultwriter.ActionAbort] != 1 || w.actions[resultwriter.ActionComplete] != 0 {
		t.Fatalf("actions %v, want the upload created and aborted", w.actions)
	}
	if _, err := resultwriter.Write(context.Background(), w, run, resultwriter.Slice(nil)); err != nil {
		t.Fatal(err)
	}
	want := `{"DestinationBucket":"results","MapRunArn":"` + runArn + `","ResultFiles":{"FAILED":[],"PENDING":[],"SUCCEEDED":[]}}`
	if got := read(t, root, "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/manifest.json"); got != want {
		t.Fatalf("manifest %s", got)
	}
}

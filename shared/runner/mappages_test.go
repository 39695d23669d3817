package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
)

// pagedDef reads items.json, batches them by 3 with a BatchInput taken
// from the state input, and runs each batch as a Standard child.
const pagedDef = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"pg","MaxConcurrency":4,"End":true,
 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
  "Parameters":{"Bucket":"b","Key":"items.json"}},
 "ItemSelector":{"n.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
 "ItemBatcher":{"MaxItemsPerBatch":3,"BatchInput":{"tag.$":"$.tag"}},
 %s
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
  "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f","End":true}}}}}}`

// pagedRig serves items.json of n numbers through the real reader, and a
// Lambda that echoes its batch, failing the items in failing.
type pagedRig struct {
	reader  *s3reader.Invoker
	pages   int  // page reads
	broken  bool // reads past item 100 fail
	failing map[float64]bool
}

func newPagedRig(t *testing.T, n int) *pagedRig {
	dir := t.TempDir()
	nums := make([]string, n)
	for i := range nums {
		nums[i] = fmt.Sprint(i)
	}
	if err := os.MkdirAll(filepath.Join(dir, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b", "items.json"), []byte("["+strings.Join(nums, ",")+"]"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &pagedRig{reader: s3reader.New(s3reader.NewDir(dir), limits.Limits{ReaderItems: 50}), failing: map[float64]bool{}}
}

func (g *pagedRig) Invoke(ctx context.Context, r task.Request) (task.Result, error) {
	if strings.HasPrefix(r.Resource, "arn:aws:states:::s3:") {
		in := r.Input.(*jsonval.Object)
		if _, paged := in.Get("Page"); paged {
			g.pages++
		}
		if g.broken && readFrom(in) >= 100 {
			return task.Failure("States.ItemReaderFailed", "the bucket went away"), nil
		}
		return g.reader.Invoke(ctx, r)
	}
	items, _ := r.Input.(*jsonval.Object).Get("Items")
	for _, it := range items.([]any) {
		n, _ := it.(*jsonval.Object).Get("n")
		if f, _ := jsonval.ToFloat(n); g.failing[f] {
			return task.Failure("Bad", fmt.Sprint(f)), nil
		}
	}
	return task.Success(r.Input), nil
}

// readFrom is the item a page request starts at.
func readFrom(in *jsonval.Object) int {
	p, _ := in.Get("Page")
	c, ok := p.(*jsonval.Object).Get("Cursor")
	if !ok {
		return 0
	}
	read, _ := c.(*jsonval.Object).Get("Read")
	f, _ := jsonval.ToFloat(read)
	return int(f)
}

// checkEveryItemOnce checks the Map's output: batches of 3 of every item
// once, in order, with its index and the BatchInput.
func checkEveryItemOnce(t *testing.T, output string, n int) {
	t.Helper()
	var batches []struct {
		BatchInput struct{ Tag string }
		Items      []struct{ N, I int }
	}
	if err := json.Unmarshal([]byte(output), &batches); err != nil {
		t.Fatalf("output %.200s: %v", output, err)
	}
	next := 0
	for _, b := range batches {
		if b.BatchInput.Tag != "x" || len(b.Items) == 0 || len(b.Items) > 3 {
			t.Fatalf("batch %+v", b)
		}
		for _, it := range b.Items {
			if it.N != next || it.I != next {
				t.Fatalf("item %d: got n=%d i=%d", next, it.N, it.I)
			}
			next++
		}
	}
	if next != n {
		t.Fatalf("%d items in the output, want %d", next, n)
	}
}

// TestMapRun_PagedRead reads 250 items 9 at a time (ReaderPage 10, batches
// of 3): every item runs once, in order, and no read holds more than a
// page (the reader's limit is 50 items).
func TestMapRun_PagedRead(t *testing.T) {
	g := newPagedRig(t, 250)
	f := newFixture(t, g, func(o *Options) { o.ReaderPage = 10 })
	ex := f.start(fmt.Sprintf(pagedDef, ""), "paged", `{"tag":"x"}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusSucceeded {
		t.Fatalf("%s %s %s", got.Status, got.Error, got.Cause)
	}
	checkEveryItemOnce(t, got.Output, 250)
	if g.pages != 28 {
		t.Errorf("%d page reads, want 28 (250 items, 9 a page)", g.pages)
	}
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if r := runs[0]; r.Status != MapRunSucceeded || r.ItemCounts.Total != 250 || r.ItemCounts.Succeeded != 250 || r.Counts.Total != 84 || r.Counts.Succeeded != 84 {
		t.Fatalf("map run %+v", r)
	}
}

// TestMapRun_PagedReadTolerance: a percentage of failures is measured
// against every item, read or not yet: 8 failed items of 250 pass a 5%
// tolerance although the first pages alone hold more than 5% failures.
func TestMapRun_PagedReadTolerance(t *testing.T) {
	for _, tc := range []struct {
		pct    string
		status string
	}{{"5", StatusSucceeded}, {"1", StatusFailed}} {
		t.Run(tc.pct, func(t *testing.T) {
			g := newPagedRig(t, 250)
			for i := range 8 {
				g.failing[float64(i*3)] = true // 8 batches of the first 24 items
			}
			f := newFixture(t, g, func(o *Options) { o.ReaderPage = 10 })
			ex := f.start(fmt.Sprintf(pagedDef, `"ToleratedFailurePercentage":`+tc.pct+`,`), "tol", `{"tag":"x"}`)
			f.drain()
			if got := f.get(ex.ARN); got.Status != tc.status {
				t.Fatalf("%s %s %s, want %s", got.Status, got.Error, got.Cause, tc.status)
			}
		})
	}
}

// TestMapRun_PagedReadFailsThenRedrives: a page that cannot be read fails
// the run with States.ItemReaderFailed; its redrive reads on from there.
func TestMapRun_PagedReadFailsThenRedrives(t *testing.T) {
	g := newPagedRig(t, 250)
	g.broken = true
	f := newFixture(t, g, func(o *Options) { o.ReaderPage = 10 })
	ex := f.start(fmt.Sprintf(pagedDef, ""), "broken", `{"tag":"x"}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusFailed || got.Error != "States.ItemReaderFailed" || got.Cause != "the bucket went away" {
		t.Fatalf("%s %s %s", got.Status, got.Error, got.Cause)
	}
	if h := f.historyTypes(ex.ARN); !strings.Contains(h, "MapRunFailed MapStateFailed ExecutionFailed") {
		t.Fatalf("history %s", h)
	}
	g.broken = false
	if _, err := f.r.Redrive(context.Background(), ex.ARN); err != nil {
		t.Fatal(err)
	}
	f.drain()
	got = f.get(ex.ARN)
	if got.Status != StatusSucceeded {
		t.Fatalf("after the redrive: %s %s %s", got.Status, got.Error, got.Cause)
	}
	checkEveryItemOnce(t, got.Output, 250)
	runs, _ := f.r.MapRuns(context.Background(), ex.ARN)
	if r := runs[0]; len(runs) != 1 || r.Status != MapRunSucceeded || r.RedriveCount != 1 || r.ItemCounts.Total != 250 {
		t.Fatalf("map run %+v", r)
	}
}

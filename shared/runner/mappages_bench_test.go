package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
	"github.com/stepwise/stepwise/shared/task/s3reader"
)

// BenchmarkMapRun_Fork measures the message that enters a Distributed Map
// of N items read from a JSON file and starts its first 100 children: the
// bytes it allocates and the largest heap seen while it runs, read a page
// at a time (page=1000, the default) or all at once (page=-1).
func BenchmarkMapRun_Fork(b *testing.B) {
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":100,"End":true,
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
	  "Parameters":{"Bucket":"b","Key":"items.json"}},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{
	  "P":{"Type":"Pass","End":true}}}}}}`
	for _, items := range []int{10_000, 100_000} {
		dir := itemsFile(b, items)
		for _, page := range []int{1000, -1} {
			b.Run(fmt.Sprintf("items=%d/page=%d", items, page), func(b *testing.B) {
				lim := limits.Limits{ReaderItems: 1_000_000}
				var alloc, peak uint64
				for range b.N {
					q := &testQueue{}
					r := New(Options{Store: memstore.New(), Queue: q, Invoker: s3reader.New(s3reader.NewDir(dir), lim),
						Clock: clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), ReaderPage: page, Limits: lim})
					sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sm", Name: "sm", Type: "STANDARD"}
					if _, err := r.Start(context.Background(), StartRequest{StateMachine: sm, Definition: def, Name: "fork", Input: "{}"}); err != nil {
						b.Fatal(err)
					}
					a, p := measureHeap(func() {
						if err := r.Handle(context.Background(), q.msgs[0]); err != nil {
							b.Fatal(err)
						}
					})
					alloc, peak = alloc+a, max(peak, p)
				}
				b.ReportMetric(float64(alloc)/float64(b.N)/(1<<20), "MiB-allocated")
				b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
			})
		}
	}
}

// measureHeap runs fn and returns the bytes it allocated and the largest
// live heap sampled (every millisecond) while it ran.
func measureHeap(fn func()) (alloc, peak uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var top atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > top.Load() {
				top.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, top.Load()
}

// itemsFile writes b/items.json, an array of n small objects.
func itemsFile(b *testing.B, n int) string {
	dir := b.TempDir()
	var sb strings.Builder
	sb.WriteString("[")
	for i := range n {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"id":%d,"name":"item %d"}`, i, i)
	}
	sb.WriteString("]")
	if err := os.MkdirAll(filepath.Join(dir, "b"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b", "items.json"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

package s3reader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
)

// BenchmarkRead_100k reads a 100,000-row CSV from a local folder whole and
// in pages of 1,000, reporting items/s and the live heap after each read
// (the read's items still held): paging keeps one page.
func BenchmarkRead_100k(b *testing.B) {
	root := b.TempDir()
	var sb strings.Builder
	sb.WriteString("id,user,movie,rating,timestamp\n")
	for i := range 100_000 {
		fmt.Fprintf(&sb, "%d,%d,%d,%.1f,%d\n", i, i%6000, i%9000, float64(i%10)/2, 1256677221+i)
	}
	if err := os.MkdirAll(filepath.Join(root, "b"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "b", "rows.csv"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	inv := New(NewDir(root), limits.Limits{ReaderItems: 1_000_000})
	base := `{"Parameters":{"Bucket":"b","Key":"rows.csv"},"ReaderConfig":{"InputType":"CSV"}`
	for _, pageSize := range []int{0, 1000} {
		b.Run(fmt.Sprintf("page=%d", pageSize), func(b *testing.B) {
			var heap uint64
			for b.Loop() {
				heap = max(heap, readAll(b, inv, base, pageSize))
			}
			b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "items/s")
			b.ReportMetric(float64(heap)/(1<<20), "live-heap-MB")
		})
	}
}

// readAll reads the whole object, in pages when size > 0, and returns the
// largest live heap seen with a read's items in hand.
func readAll(b *testing.B, inv *Invoker, base string, size int) uint64 {
	var peak uint64
	var cursor jsonval.Value
	for n := 0; ; n++ {
		in := base + "}"
		if size > 0 {
			in = base + `,"Page":{"Size":` + fmt.Sprint(size)
			if cursor != nil {
				in += `,"Cursor":` + jsonval.String(cursor)
			}
			in += "}}"
		}
		res, err := inv.Invoke(context.Background(), task.Request{Resource: ResourceGetObject, Input: jsonval.MustDecode(in)})
		if err != nil || res.Failed {
			b.Fatal(res, err)
		}
		if n%20 == 0 {
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		out, paged := res.Output.(*jsonval.Object)
		if !paged {
			return peak
		}
		var more bool
		if cursor, more = out.Get("Cursor"); !more {
			return peak
		}
	}
}

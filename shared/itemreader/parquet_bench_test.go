package itemreader

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkReadParquet reads a 10,000-row Parquet file (ten columns, row
// groups of 2,500 rows) in pages of 1,000 rows, each page opening the
// file again as a paged read does; items/s is rows read into items per
// second, read/page the bytes a page reads.
func BenchmarkReadParquet(b *testing.B) {
	rows := make([]pqRow, 10_000)
	for i := range rows {
		rows[i] = pqRow{ID: int64(i), Name: fmt.Sprintf("user %d", i%6000), Score: float64(i%10) / 2, Tags: []string{"a"}, M: map[string]int64{"k": int64(i)}}
	}
	data := parquetFile(b, rows, 2_500)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var read int64
	for b.Loop() {
		for skip := 0; skip < len(rows); skip += 1_000 {
			in := &countingReader{r: bytes.NewReader(data)}
			out := &Items{Page: 1_000, Base: skip}
			if err := ReadParquet(in, int64(len(data)), skip, out); err != nil || len(out.List) != 1_000 {
				b.Fatal(err, len(out.List))
			}
			read += in.n
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(read)/float64(10*b.N), "read/page")
}

package itemreader

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReadCSV parses a 10,000-row CSV of five columns; items/s is
// rows parsed into items per second.
func BenchmarkReadCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id,user,movie,rating,timestamp\n")
	for i := range 10_000 {
		fmt.Fprintf(&sb, "%d,%d,%d,%.1f,%d\n", i, i%6000, i%9000, float64(i%10)/2, 1256677221+i)
	}
	data := sb.String()
	cfg := Config{InputType: TypeCSV, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		out := &Items{}
		if err := Read(strings.NewReader(data), cfg, out); err != nil || len(out.List) != 10_000 {
			b.Fatal(err, len(out.List))
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkReadJSONL parses 10,000 JSON Lines.
func BenchmarkReadJSONL(b *testing.B) {
	var sb strings.Builder
	for i := range 10_000 {
		fmt.Fprintf(&sb, "{\"id\":%d,\"user\":\"u%d\",\"rating\":%.1f}\n", i, i%6000, float64(i%10)/2)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		out := &Items{}
		if err := ReadJSONL(strings.NewReader(data), out); err != nil || len(out.List) != 10_000 {
			b.Fatal(err, len(out.List))
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "items/s")
}

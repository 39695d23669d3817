package itemreader

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/stepwise/stepwise/shared/jsonval"
)

type pqInner struct {
	A int32  `parquet:"a"`
	B string `parquet:"b"`
}

type pqRow struct {
	ID    int64            `parquet:"id"`
	Name  string           `parquet:"name"`
	Score float64          `parquet:"score"`
	F32   float32          `parquet:"f32"`
	OK    bool             `parquet:"ok"`
	Opt   *int32           `parquet:"opt,optional"`
	Tags  []string         `parquet:"tags,list"`
	In    pqInner          `parquet:"in"`
	M     map[string]int64 `parquet:"m"`
	Raw   []byte           `parquet:"raw"`
}

// parquetFile writes rows as a Parquet file, rowGroup rows per row group.
func parquetFile(t testing.TB, rows []pqRow, rowGroup int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[pqRow](&buf, parquet.MaxRowsPerRowGroup(rowGroup))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadParquet_Values(t *testing.T) {
	seven := int32(7)
	data := parquetFile(t, []pqRow{
		{ID: 1, Name: "x", Score: 1.5, F32: 0.1, OK: true, Opt: &seven, Tags: []string{"a", "b"}, In: pqInner{2, "c"},
			M: map[string]int64{"z": 1, "k": 3}, Raw: []byte{0xff, 0}},
		{ID: 2, Score: math.Inf(1), F32: float32(math.NaN()), Raw: []byte("text")},
	}, 10)
	out := &Items{}
	if err := ReadParquet(bytes.NewReader(data), int64(len(data)), 0, out); err != nil {
		t.Fatal(err)
	}
	want := `[{"id":1,"name":"x","score":1.5,"f32":0.1,"ok":true,"opt":7,"tags":["a","b"],"in":{"a":2,"b":"c"},"m":{"k":3,"z":1},"raw":"/wA="},` +
		`{"id":2,"name":"","score":"+Inf","f32":"NaN","ok":false,"opt":null,"tags":[],"in":{"a":0,"b":""},"m":{},"raw":"text"}]`
	if got := jsonval.String(out.List); got != want {
		t.Fatalf("items\n got %s\nwant %s", got, want)
	}
}

// TestReadParquet_Pages reads across row groups from any row on, within
// MaxItems and the page size.
func TestReadParquet_Pages(t *testing.T) {
	rows := make([]pqRow, 25)
	for i := range rows {
		rows[i].ID = int64(i)
	}
	data := parquetFile(t, rows, 4)
	for _, tc := range []struct {
		name            string
		skip, page, max int
		first, n        int
	}{
		{"all", 0, 0, 0, 0, 25},
		{"page", 0, 10, 0, 0, 10},
		{"inside a row group", 6, 5, 0, 6, 5},
		{"to the end", 22, 10, 0, 22, 3},
		{"past the end", 25, 10, 0, 0, 0},
		{"MaxItems", 0, 0, 7, 0, 7},
		{"MaxItems counts earlier pages", 5, 10, 8, 5, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := &Items{Page: tc.page, Max: tc.max, Base: tc.skip}
			if err := ReadParquet(bytes.NewReader(data), int64(len(data)), tc.skip, out); err != nil {
				t.Fatal(err)
			}
			if len(out.List) != tc.n {
				t.Fatalf("%d items, want %d", len(out.List), tc.n)
			}
			for i, it := range out.List {
				if id, _ := it.(*jsonval.Object).Get("id"); id != jsonval.NumberFromInt(int64(tc.first+i)) {
					t.Fatalf("item %d has id %v", i, id)
				}
			}
		})
	}
}

func TestReadParquet_Errors(t *testing.T) {
	data := parquetFile(t, make([]pqRow, 3), 10)
	for name, tc := range map[string]struct {
		data  []byte
		limit int
		want  string
	}{
		"not Parquet": {[]byte("id,name\n1,a\n"), 0, "the Parquet file is not valid"},
		"truncated":   {data[:len(data)-20], 0, "the Parquet file is not valid"},
		"too many":    {data, 2, "more than 2 items"},
	} {
		out := &Items{Limit: tc.limit}
		err := ReadParquet(bytes.NewReader(tc.data), int64(len(tc.data)), 0, out)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.ReaderAt
	n int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

// TestReadParquet_SeekReadsLittle: a page deep inside one large row group
// is found through the page index, not by reading the row group up to it
// (a paged read of a big file would otherwise read it again and again).
func TestReadParquet_SeekReadsLittle(t *testing.T) {
	rows := make([]pqRow, 200_000)
	for i := range rows {
		rows[i] = pqRow{ID: int64(i), Name: fmt.Sprintf("row %d with some text to fill the page", i), Score: float64(i)}
	}
	data := parquetFile(t, rows, int64(len(rows)))
	in := &countingReader{r: bytes.NewReader(data)}
	out := &Items{Page: 100, Base: 190_000}
	if err := ReadParquet(in, int64(len(data)), 190_000, out); err != nil {
		t.Fatal(err)
	}
	if id, _ := out.List[0].(*jsonval.Object).Get("id"); len(out.List) != 100 || id != jsonval.Number("190000") {
		t.Fatalf("%d items from %v", len(out.List), id)
	}
	if in.n > int64(len(data))/4 {
		t.Fatalf("a page of 100 rows read %d of the file's %d bytes", in.n, len(data))
	}
	t.Logf("a page of 100 rows at row 190,000 of one row group read %d of the file's %d bytes", in.n, len(data))
}

package s3reader

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

type nRow struct {
	N int64 `parquet:"n"`
}

// parquetRows is a Parquet file of rows n = from … to-1, in row groups of 3.
func parquetRows(t *testing.T, from, to int) string {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[nRow](&buf, parquet.MaxRowsPerRowGroup(3))
	for n := from; n < to; n++ {
		if _, err := w.Write([]nRow{{N: int64(n)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// formatFiles holds items n = 0 … 22 in every format: whole, split across
// the data files of Athena manifests, and across the objects of prefixes.
func formatFiles(t *testing.T) map[string]string {
	text := func(format string, from, to int) string {
		var b strings.Builder
		switch format {
		case "csv":
			b.WriteString("n,s\n")
		case "json":
			b.WriteString("[")
		}
		for n := from; n < to; n++ {
			switch format {
			case "csv":
				fmt.Fprintf(&b, "%d,\"x, %d\"\n", n, n)
			case "jsonl":
				fmt.Fprintf(&b, "{\"n\":%d}\n", n)
			case "json":
				if n > from {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "{\"n\":%d}", n)
			}
		}
		if format == "json" {
			b.WriteString("]")
		}
		return b.String()
	}
	files := map[string]string{"pq/rows.parquet": parquetRows(t, 0, 23), "flat/parquet/0-folder/": ""}
	splits := [][2]int{{0, 7}, {7, 8}, {8, 8}, {8, 23}} // one file holds no item
	for _, format := range []string{"csv", "jsonl", "json", "parquet"} {
		var manifest strings.Builder
		for i, sp := range splits {
			content := ""
			if format == "parquet" {
				content = parquetRows(t, sp[0], sp[1])
			} else {
				content = text(format, sp[0], sp[1])
			}
			key := fmt.Sprintf("athena/%s/%d", format, i)
			files[key] = content
			fmt.Fprintf(&manifest, "s3://b/%s\n", key)
			files[fmt.Sprintf("flat/%s/%d.%s", format, i, format)] = content
		}
		files["athena/"+format+"-manifest.csv"] = manifest.String()
	}
	return files
}

// TestInvoke_Formats reads Parquet, Athena manifests and LOAD_AND_FLATTEN
// listings whole and a page at a time: every item once, in order.
func TestInvoke_Formats(t *testing.T) {
	inv := New(NewDir(bucketDir(t, formatFiles(t))), limits.Limits{})
	get := func(key, cfg string) string {
		return `{"Parameters":{"Bucket":"b","Key":"` + key + `"},"ReaderConfig":` + cfg + `}`
	}
	flat := func(prefix, inputType string) string {
		return `{"Parameters":{"Bucket":"b","Prefix":"flat/` + prefix + `/"},"ReaderConfig":{"InputType":"` + inputType + `","Transformation":"LOAD_AND_FLATTEN"}}`
	}
	for _, tc := range []struct {
		name, resource, input string
		want                  int
	}{
		{"Parquet", ResourceGetObject, get("pq/rows.parquet", `{"InputType":"PARQUET"}`), 23},
		{"ParquetMaxItems", ResourceGetObject, get("pq/rows.parquet", `{"InputType":"PARQUET","MaxItems":10}`), 10},
		{"AthenaCSV", ResourceGetObject, get("athena/csv-manifest.csv", `{"ManifestType":"ATHENA_DATA","InputType":"CSV"}`), 23},
		{"AthenaJSONL", ResourceGetObject, get("athena/jsonl-manifest.csv", `{"ManifestType":"ATHENA_DATA","InputType":"JSONL"}`), 23},
		{"AthenaParquet", ResourceGetObject, get("athena/parquet-manifest.csv", `{"ManifestType":"ATHENA_DATA","InputType":"PARQUET","MaxItems":20}`), 20},
		{"FlattenCSV", ResourceListObjectsV2, flat("csv", "CSV"), 23},
		{"FlattenJSON", ResourceListObjectsV2, flat("json", "JSON"), 23},
		{"FlattenJSONL", ResourceListObjectsV2, flat("jsonl", "JSONL"), 23},
		{"FlattenParquet", ResourceListObjectsV2, flat("parquet", "PARQUET"), 23},
	} {
		for _, size := range []int{0, 1, 4, 23, 50} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, size), func(t *testing.T) {
				var items []any
				if size == 0 {
					items = invoke(t, inv, tc.resource, tc.input).([]any)
				} else {
					items = readPages(t, inv, tc.resource, tc.input, size)
				}
				if len(items) != tc.want {
					t.Fatalf("%d items, want %d: %s", len(items), tc.want, jsonval.String(items))
				}
				for i, it := range items {
					if n, _ := it.(*jsonval.Object).Get("n"); fmt.Sprint(n) != fmt.Sprint(i) {
						t.Fatalf("item %d is %s", i, jsonval.String(it))
					}
				}
			})
		}
	}
}

func TestInvoke_FormatErrors(t *testing.T) {
	inv := New(NewDir(bucketDir(t, map[string]string{
		"bad.parquet": "id,name\n1,a\n", "m.csv": "s3://b/none.jsonl\n", "bad-m.csv": "not a uri\n", "flat/x.json": "{",
	})), limits.Limits{})
	for _, tc := range []struct{ name, resource, input, want string }{
		{"not Parquet", ResourceGetObject, `{"Parameters":{"Bucket":"b","Key":"bad.parquet"},"ReaderConfig":{"InputType":"PARQUET"}}`,
			"read s3://b/bad.parquet: the Parquet file is not valid"},
		{"no Parquet file", ResourceGetObject, `{"Parameters":{"Bucket":"b","Key":"none.parquet"},"ReaderConfig":{"InputType":"PARQUET"}}`,
			"read s3://b/none.parquet: NoSuchKey"},
		{"missing data file", ResourceGetObject, `{"Parameters":{"Bucket":"b","Key":"m.csv"},"ReaderConfig":{"ManifestType":"ATHENA_DATA","InputType":"JSONL"}}`,
			"read s3://b/none.jsonl: NoSuchKey"},
		{"bad manifest", ResourceGetObject, `{"Parameters":{"Bucket":"b","Key":"bad-m.csv"},"ReaderConfig":{"ManifestType":"ATHENA_DATA","InputType":"CSV"}}`,
			`the Athena manifest's line 1: "not a uri" is not an S3 URI`},
		{"bad listed object", ResourceListObjectsV2, `{"Parameters":{"Bucket":"b","Prefix":"flat/"},"ReaderConfig":{"InputType":"JSON","Transformation":"LOAD_AND_FLATTEN"}}`,
			"read s3://b/flat/x.json"},
		{"no InputType", ResourceListObjectsV2, `{"Parameters":{"Bucket":"b"},"ReaderConfig":{"Transformation":"LOAD_AND_FLATTEN"}}`,
			"LOAD_AND_FLATTEN needs the InputType"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := inv.Invoke(t.Context(), taskRequest(tc.resource, tc.input))
			if !res.Failed || res.Error != "States.ItemReaderFailed" || !strings.Contains(res.Cause, tc.want) {
				t.Fatalf("result %+v, want States.ItemReaderFailed with %q", res, tc.want)
			}
		})
	}
}

//go:build integration

package integration

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/parquet-go/parquet-go"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/test/harness"
)

// TestReaderPages_S3 pages through objects on fauxqs S3 (ranged GETs for
// CSV, JSON and JSONL, StartAfter for listObjectsV2) and checks the pages
// add up to one whole read.
func TestReaderPages_S3(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cfg := harness.AWSConfig(t)
	cfg.BaseEndpoint = aws.String(harness.StartSQS(t))
	client := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("pages")}); err != nil {
		t.Fatal(err)
	}
	var csv, jsonl, arr strings.Builder
	csv.WriteString("id,text\n")
	arr.WriteString("[")
	for i := range 1000 {
		fmt.Fprintf(&csv, "%d,\"line\n%d, \"\"quoted\"\"\"\n", i, i)
		fmt.Fprintf(&jsonl, "{\"n\":%d}\n", i)
		fmt.Fprintf(&arr, "%s{\"n\":%d,\"s\":\"é]\"}", map[bool]string{true: "", false: ","}[i == 0], i)
	}
	arr.WriteString("]")
	objects := map[string]string{"rows.csv": csv.String(), "rows.jsonl": jsonl.String(), "rows.json": arr.String()}
	for i := range 250 {
		objects[fmt.Sprintf("list/%03d", i)] = "x"
	}
	objects["pq/rows-0.parquet"], objects["pq/rows-1.parquet"] = parquetRange(t, 0, 600), parquetRange(t, 600, 1000)
	objects["athena-manifest.csv"] = "s3://pages/pq/rows-0.parquet\ns3://pages/pq/rows-1.parquet\n"
	for k, v := range objects {
		if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("pages"), Key: aws.String(k), Body: strings.NewReader(v)}); err != nil {
			t.Fatal(err)
		}
	}
	inv := s3reader.New(s3reader.FromConfig(cfg), limits.Limits{})
	for _, tc := range []struct {
		name, resource, input string
		want                  int
	}{
		{"CSV", s3reader.ResourceGetObject, `{"Parameters":{"Bucket":"pages","Key":"rows.csv"},"ReaderConfig":{"InputType":"CSV"}}`, 1000},
		{"JSON", s3reader.ResourceGetObject, `{"Parameters":{"Bucket":"pages","Key":"rows.json"},"ReaderConfig":{"InputType":"JSON"}}`, 1000},
		{"JSONL", s3reader.ResourceGetObject, `{"Parameters":{"Bucket":"pages","Key":"rows.jsonl"},"ReaderConfig":{"InputType":"JSONL","MaxItems":777}}`, 777},
		{"List", s3reader.ResourceListObjectsV2, `{"Parameters":{"Bucket":"pages","Prefix":"list/"}}`, 250},
		{"Parquet", s3reader.ResourceGetObject, `{"Parameters":{"Bucket":"pages","Key":"pq/rows-0.parquet"},"ReaderConfig":{"InputType":"PARQUET"}}`, 600},
		{"AthenaParquet", s3reader.ResourceGetObject, `{"Parameters":{"Bucket":"pages","Key":"athena-manifest.csv"},"ReaderConfig":{"ManifestType":"ATHENA_DATA","InputType":"PARQUET"}}`, 1000},
		{"FlattenParquet", s3reader.ResourceListObjectsV2, `{"Parameters":{"Bucket":"pages","Prefix":"pq/"},"ReaderConfig":{"InputType":"PARQUET","Transformation":"LOAD_AND_FLATTEN"}}`, 1000},
		{"FlattenJSONL", s3reader.ResourceListObjectsV2, `{"Parameters":{"Bucket":"pages","Prefix":"rows.jsonl"},"ReaderConfig":{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"}}`, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole := readerCall(ctx, t, inv, tc.resource, jsonval.MustDecode(tc.input))
			if n := len(whole.([]any)); n != tc.want {
				t.Fatalf("one read gave %d items, want %d", n, tc.want)
			}
			var paged []any
			var cursor jsonval.Value
			pages := 0
			for more := true; more; pages++ {
				in := jsonval.MustDecode(tc.input).(*jsonval.Object)
				pg := jsonval.NewObject(2)
				pg.Set("Size", jsonval.Number("100"))
				if cursor != nil {
					pg.Set("Cursor", cursor)
				}
				in.Set("Page", pg)
				out := readerCall(ctx, t, inv, tc.resource, in).(*jsonval.Object)
				items, _ := out.Get("Items")
				paged = append(paged, items.([]any)...)
				cursor, more = out.Get("Cursor")
			}
			if jsonval.String(paged) != jsonval.String(whole) || len(paged) == 0 {
				t.Fatalf("%d items in %d pages differ from the %d of one read", len(paged), pages, len(whole.([]any)))
			}
			t.Logf("%d items in %d pages", len(paged), pages)
		})
	}
}

func readerCall(ctx context.Context, t *testing.T, inv task.Invoker, resource string, in jsonval.Value) jsonval.Value {
	t.Helper()
	res, err := inv.Invoke(ctx, task.Request{Resource: resource, Input: in})
	if err != nil || res.Failed {
		t.Fatalf("%+v %v", res, err)
	}
	return res.Output
}

// parquetRange is a Parquet file of rows {"n": from … to-1, "s"}, in row
// groups of 128 rows.
func parquetRange(t *testing.T, from, to int) string {
	t.Helper()
	type row struct {
		N int64  `parquet:"n"`
		S string `parquet:"s"`
	}
	var buf strings.Builder
	w := parquet.NewGenericWriter[row](&buf, parquet.MaxRowsPerRowGroup(128))
	for n := from; n < to; n++ {
		if _, err := w.Write([]row{{N: int64(n), S: fmt.Sprintf("row %d", n)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

//go:build integration

package integration

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/test/harness"
)

// readerCase is one distributed Map reading its items from fauxqs S3.
type readerCase struct {
	name, def, input string
	// want is item i as the Map's ItemSelector shapes it.
	want  func(i int) string
	items int
}

// TestMapReader_FromS3 runs distributed Maps through the durable runner
// (dynalite, fauxqs SQS) whose ItemReader reads a CSV file, a JSONL file,
// a JSON array, an S3 Inventory manifest and a listObjectsV2 prefix from
// fauxqs S3, batching the
// items, and checks every item of every batch.
func TestMapReader_FromS3(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	em := harness.StartAll(t)
	cfg := em.S3Config()
	client := em.S3()
	putObjects(ctx, t, client)

	e := newRTEnv(t, em)
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(cfg), limits.Limits{}).Register(mux)
	r := runner.New(runner.Options{Store: e.raw, Queue: sqsqueue.New(em.SQS(), e.queueURL), Invoker: mux,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	stop := (&Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 2, Visibility: 30 * time.Second, Stepper: r}).Run(ctx)
	t.Cleanup(stop)

	for _, tc := range readerCases() {
		t.Run(tc.name, func(t *testing.T) {
			sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:" + tc.name, Name: tc.name, Type: "STANDARD"}
			ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: tc.def, Name: "run", Input: tc.input})
			if err != nil {
				t.Fatal(err)
			}
			final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
			if err != nil {
				t.Fatal(err)
			}
			got := final[ex.ARN]
			if got.Status != runner.StatusSucceeded {
				t.Fatalf("status %s: %s %s", got.Status, got.Error, got.Cause)
			}
			checkBatches(t, got.Output, tc)
		})
	}
	t.Run("MissingObject", func(t *testing.T) {
		def := readerDef("JSONPath", `{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"items","Key":"none.csv"}}`, `{}`, "")
		sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:missing", Name: "missing", Type: "STANDARD"}
		ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "run", Input: `{}`})
		if err != nil {
			t.Fatal(err)
		}
		final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
		if err != nil {
			t.Fatal(err)
		}
		if got := final[ex.ARN]; got.Error != "States.ItemReaderFailed" || !strings.Contains(got.Cause, "read s3://items/none.csv: NoSuchKey") {
			t.Fatalf("status %s: %s %s", got.Status, got.Error, got.Cause)
		}
	})
}

const (
	csvRows   = 1000
	jsonlRows = 500
	jsonItems = 300
	listed    = 60
	// inventoryRows are listed by the manifest's data files, half in each.
	inventoryRows = 40
)

func gzipped(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func putObjects(ctx context.Context, t *testing.T, c *s3.Client) {
	t.Helper()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("items")}); err != nil {
		t.Fatal(err)
	}
	var csv, jsonl strings.Builder
	csv.WriteString("id;label\n")
	for i := range csvRows {
		fmt.Fprintf(&csv, "%d;\"row %d; quoted\"\n", i, i)
	}
	for i := range jsonlRows {
		fmt.Fprintf(&jsonl, "{\"n\":%d,\"sq\":%d}\n", i, i*i)
	}
	nums := make([]string, jsonItems)
	for i := range nums {
		nums[i] = fmt.Sprint(i)
	}
	objs := map[string]string{"in/rows.csv": csv.String(), "in/lines.jsonl": jsonl.String(), "in/array.json": "[" + strings.Join(nums, ",") + "]"}
	for i := range listed {
		objs[fmt.Sprintf("logs/day-%03d.log", i)] = strings.Repeat("x", i)
	}
	// An S3 Inventory: its manifest names two gzipped CSV data files.
	objs["inv/manifest.json"] = `{"sourceBucket":"src","destinationBucket":"arn:aws:s3:::items","fileFormat":"CSV",
		"fileSchema":"Bucket, Key, Size","files":[{"key":"inv/data/a.csv.gz"},{"key":"inv/data/b.csv.gz"}]}`
	for f, from := range map[string]int{"a": 0, "b": inventoryRows / 2} {
		var rows strings.Builder
		for i := from; i < from+inventoryRows/2; i++ {
			fmt.Fprintf(&rows, "\"src\",\"obj/%d\",\"%d\"\n", i, i)
		}
		objs["inv/data/"+f+".csv.gz"] = gzipped(t, rows.String())
	}
	for k, v := range objs {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("items"), Key: aws.String(k), Body: strings.NewReader(v)}); err != nil {
			t.Fatalf("put %s: %v", k, err)
		}
	}
}

// readerDef is a distributed Map with reader, selector and a batcher of
// 7 items per batch whose BatchInput carries batch; the processor's
// output is its batch.
func readerDef(lang, reader, selector, batchInput string) string {
	batcher := `{"MaxItemsPerBatch":7}`
	if batchInput != "" {
		batcher = `{"MaxItemsPerBatch":7,"BatchInput":` + batchInput + `}`
	}
	sel := ""
	if selector != `{}` {
		sel = `"ItemSelector":` + selector + `,`
	}
	return `{"QueryLanguage":"` + lang + `","StartAt":"M","States":{"M":{"Type":"Map","ItemReader":` + reader + `,` + sel + `
		"ItemBatcher":` + batcher + `,"MaxConcurrency":5,
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
		"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
}

func readerCases() []readerCase {
	return []readerCase{
		{name: "CSV", items: csvRows, input: `{"key":"in/rows.csv","tag":"t1"}`,
			def: readerDef("JSONPath", `{"Resource":"arn:aws:states:::s3:getObject",
				"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","CSVDelimiter":"SEMICOLON"},
				"Parameters":{"Bucket":"items","Key.$":"$.key"}}`,
				`{"i.$":"$$.Map.Item.Index","row.$":"$$.Map.Item.Value"}`, `{"tag.$":"$.tag"}`),
			want: func(i int) string { return fmt.Sprintf(`{"i":%d,"row":{"id":"%d","label":"row %d; quoted"}}`, i, i, i) }},
		{name: "JSONL", items: jsonlRows, input: `{"key":"in/lines.jsonl","tag":"t2"}`,
			def: readerDef("JSONPath", `{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
				"Parameters":{"Bucket":"items","Key.$":"$.key"}}`,
				`{"sq.$":"$$.Map.Item.Value.sq"}`, `{"tag.$":"$.tag"}`),
			want: func(i int) string { return fmt.Sprintf(`{"sq":%d}`, i*i) }},
		{name: "JSONata", items: jsonItems, input: `{"key":"in/array.json","tag":"t3"}`,
			def: readerDef("JSONata", `{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
				"Arguments":{"Bucket":"items","Key":"{% $states.input.key %}"}}`,
				`{"double":"{% $states.context.Map.Item.Value * 2 %}"}`, `{"tag":"{% $states.input.tag %}"}`),
			want: func(i int) string { return fmt.Sprintf(`{"double":%d}`, 2*i) }},
		{name: "Manifest", items: inventoryRows, input: `{"tag":"t5"}`,
			def: readerDef("JSONPath", `{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"MANIFEST"},
				"Parameters":{"Bucket":"items","Key":"inv/manifest.json"}}`, `{}`, `{"tag.$":"$.tag"}`),
			want: func(i int) string { return fmt.Sprintf(`{"Bucket":"src","Key":"obj/%d","Size":"%d"}`, i, i) }},
		{name: "ListObjectsV2", items: listed, input: `{"tag":"t4"}`,
			def: readerDef("JSONPath", `{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"items","Prefix":"logs/"}}`,
				`{"Key.$":"$$.Map.Item.Value.Key","Size.$":"$$.Map.Item.Value.Size","Class.$":"$$.Map.Item.Value.StorageClass"}`, `{"tag.$":"$.tag"}`),
			want: func(i int) string {
				return fmt.Sprintf(`{"Key":"logs/day-%03d.log","Size":%d,"Class":"STANDARD"}`, i, i)
			}},
	}
}

// checkBatches checks that output holds the batches of 7 in order, each
// with its BatchInput, and every item as tc wants it.
func checkBatches(t *testing.T, output string, tc readerCase) {
	t.Helper()
	out, err := jsonval.DecodeString(output)
	if err != nil {
		t.Fatal(err)
	}
	batches, _ := out.([]any)
	if want := (tc.items + 6) / 7; len(batches) != want {
		t.Fatalf("%d batches, want %d", len(batches), want)
	}
	n := 0
	for b, batch := range batches {
		o := batch.(*jsonval.Object)
		if bi, _ := o.Get("BatchInput"); !strings.HasPrefix(jsonval.String(bi), `{"tag":"t`) {
			t.Fatalf("batch %d: BatchInput %s", b, jsonval.String(bi))
		}
		items, _ := o.Get("Items")
		for _, it := range items.([]any) {
			if got, want := jsonval.String(it), tc.want(n); got != want {
				t.Fatalf("item %d = %s, want %s", n, got, want)
			}
			n++
		}
	}
	if n != tc.items {
		t.Fatalf("%d items, want %d", n, tc.items)
	}
}

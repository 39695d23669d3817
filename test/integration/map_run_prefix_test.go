//go:build integration

package integration

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/parallel"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
	"github.com/stepwise/stepwise/test/harness"
)

// prefixObjects is how many objects the prefix test lists.
const prefixObjects = 10_000

// TestMapRun_Prefix lists a 10,000-object prefix on S3 (fauxqs) with
// listObjectsV2, a page of 1,000 at a time, runs batches of 100 as child
// executions through the durable runner on dynalite and SQS, writes the
// results back as JSONL, and checks every object was processed exactly
// once (objects outside the prefix not at all).
func TestMapRun_Prefix(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	em := harness.StartAll(t)
	cfg := em.S3Config()
	client := em.S3()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("many")}); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	errs := make([]error, 16)
	parallel.Do(16, func(w int) {
		for i := w; i < prefixObjects+50 && errs[w] == nil; i += 16 {
			key := fmt.Sprintf("objs/%05d.txt", i)
			if i >= prefixObjects {
				key = fmt.Sprintf("other/%05d.txt", i) // outside the prefix
			}
			_, errs[w] = client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("many"), Key: aws.String(key), Body: strings.NewReader(key)})
		}
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d objects put in %s", prefixObjects+50, time.Since(began).Round(time.Second))

	e := newRTEnv(t, em)
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(cfg), limits.Limits{}).Register(mux)
	s3writer.New(s3reader.FromConfig(cfg)).Register(mux)
	r := runner.New(runner.Options{Store: e.raw, Queue: sqsqueue.New(em.SQS(), e.queueURL), Invoker: mux,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	stop := (&Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 4, Visibility: 60 * time.Second, Stepper: r}).Run(ctx)
	t.Cleanup(stop)

	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":20,
	  "ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"many","Prefix.$":"$.prefix"}},
	  "ItemBatcher":{"MaxItemsPerBatch":100},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"many","Prefix":"out"},
	    "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{
	    "P":{"Type":"Pass","Parameters":{"keys.$":"$.Items[*].Key","sizes.$":"$.Items[*].Size"},"End":true}}}}}}`
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:prefix", Name: "prefix", Type: "STANDARD"}
	began = time.Now()
	ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "run", Input: `{"prefix":"objs/"}`})
	if err != nil {
		t.Fatal(err)
	}
	final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
	if err != nil {
		t.Fatal(err)
	}
	if got := final[ex.ARN]; got.Status != runner.StatusSucceeded {
		t.Fatalf("status %s: %s %s", got.Status, got.Error, got.Cause)
	}
	t.Logf("%d objects in %d child executions: %.0f objects/s", prefixObjects, prefixObjects/100, prefixObjects/time.Since(began).Seconds())

	runs, err := r.MapRuns(ctx, ex.ARN)
	if err != nil || len(runs) != 1 {
		t.Fatalf("map runs %+v %v", runs, err)
	}
	if c := runs[0].ItemCounts; c.Total != prefixObjects || c.Succeeded != prefixObjects {
		t.Fatalf("item counts %+v", c)
	}
	id := runs[0].ARN[strings.LastIndexByte(runs[0].ARN, ':')+1:]
	checkPrefixResults(ctx, t, client, "out/"+id+"/SUCCEEDED_0.jsonl")
}

// checkPrefixResults reads the JSONL results: one line per batch, every
// object of the prefix once, each with its size.
func checkPrefixResults(ctx context.Context, t *testing.T, client *s3.Client, key string) {
	t.Helper()
	out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("many"), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	seen := make([]int, prefixObjects)
	lines := 0
	sc := bufio.NewScanner(out.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines++
		var res struct {
			Keys  []string `json:"keys"`
			Sizes []int    `json:"sizes"`
		}
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil || len(res.Keys) != 100 || len(res.Sizes) != 100 {
			t.Fatalf("line %d %.200s: %v", lines, sc.Text(), err)
		}
		for j, k := range res.Keys {
			var n int
			if _, err := fmt.Sscanf(k, "objs/%05d.txt", &n); err != nil || n < 0 || n >= prefixObjects || res.Sizes[j] != len(k) {
				t.Fatalf("object %q (size %d) in line %d", k, res.Sizes[j], lines)
			}
			seen[n]++
		}
	}
	if err := sc.Err(); err != nil || lines != prefixObjects/100 {
		t.Fatalf("%d lines: %v", lines, err)
	}
	for n, c := range seen {
		if c != 1 {
			t.Fatalf("object %d processed %d times", n, c)
		}
	}
}

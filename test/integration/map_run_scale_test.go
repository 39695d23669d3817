//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
	"github.com/stepwise/stepwise/test/harness"
)

// scaleRows is the size of the CSV the scale test reads.
const scaleRows = 100_000

// TestMapRun_Scale reads a 100,000-row CSV from S3 (fauxqs) in batches of
// 100, runs each batch as a child execution through the durable runner on
// dynalite and SQS, writes the results back to S3, and checks that every
// row was processed exactly once.
func TestMapRun_Scale(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	em := harness.StartAll(t)
	cfg := em.S3Config()
	client := em.S3()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("big")}); err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("id,name\n")
	for i := range scaleRows {
		fmt.Fprintf(&csv, "%d,row %d\n", i, i)
	}
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("big"), Key: aws.String("rows.csv"), Body: strings.NewReader(csv.String())}); err != nil {
		t.Fatal(err)
	}

	e := newRTEnv(t, em)
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(cfg), limits.Limits{}).Register(mux)
	s3writer.New(s3reader.FromConfig(cfg)).Register(mux)
	r := runner.New(runner.Options{Store: e.raw, Queue: sqsqueue.New(em.SQS(), e.queueURL), Invoker: mux,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	stop := (&Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 4, Visibility: 60 * time.Second, Stepper: r}).Run(ctx)
	t.Cleanup(stop)

	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":100,
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"big","Key":"rows.csv"}},
	  "ItemBatcher":{"MaxItemsPerBatch":100,"BatchInput":{"source.$":"$.source"}},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"big","Prefix":"out"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{
	    "P":{"Type":"Pass","Parameters":{"ids.$":"$.Items[*].id","source.$":"$.BatchInput.source"},"End":true}}}}}}`
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:scale", Name: "scale", Type: "STANDARD"}
	began := time.Now()
	ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "run", Input: `{"source":"rows.csv"}`})
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
	t.Logf("%d rows in %d child executions: %.0f rows/s; the test process (the stepper's runner) peaked at %s resident",
		scaleRows, scaleRows/100, scaleRows/time.Since(began).Seconds(), peakResident())

	runs, err := r.MapRuns(ctx, ex.ARN)
	if err != nil || len(runs) != 1 {
		t.Fatalf("map runs %+v %v", runs, err)
	}
	if c := runs[0].ItemCounts; c.Total != scaleRows || c.Succeeded != scaleRows || c.ResultsWritten != scaleRows {
		t.Fatalf("item counts %+v", c)
	}
	id := runs[0].ARN[strings.LastIndexByte(runs[0].ARN, ':')+1:]
	var entries []struct{ Status, Output string }
	out, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("big"), Key: aws.String("out/" + id + "/SUCCEEDED_0.json")})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	if err := json.NewDecoder(out.Body).Decode(&entries); err != nil || len(entries) != scaleRows/100 {
		t.Fatalf("SUCCEEDED_0.json: %d entries, %v", len(entries), err)
	}
	seen := make([]int, scaleRows)
	for _, en := range entries {
		var res struct {
			IDs    []string `json:"ids"`
			Source string   `json:"source"`
		}
		if err := json.Unmarshal([]byte(en.Output), &res); err != nil || res.Source != "rows.csv" || en.Status != runner.StatusSucceeded {
			t.Fatalf("entry %+v: %v", en, err)
		}
		for _, s := range res.IDs {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n >= scaleRows {
				t.Fatalf("row id %q in %s", s, en.Output)
			}
			seen[n]++
		}
	}
	for n, c := range seen {
		if c != 1 {
			t.Fatalf("row %d processed %d times", n, c)
		}
	}
}

// peakResident is this process's peak resident set (Linux's VmHWM).
func peakResident() string {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

//go:build integration

package integration

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
	"github.com/stepwise/stepwise/test/harness"
)

const writerRun = "arn:aws:states:us-east-1:000000000000:mapRun:orders/Map:2c81e9b6-3d3f-3c6a-9d53-0e4c8f0c9a11"

// TestResultWriter_S3 writes a map run's results to fauxqs S3 through the
// task port and reads them back: 12,000 succeeded children (over 5 MiB,
// so multipart uploads, split into two SUCCEEDED files), failed and
// pending ones, JSON and JSONL; then a write to a missing bucket.
func TestResultWriter_S3(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	em := harness.Emulators{SQSEndpoint: harness.StartSQS(t), Config: harness.AWSConfig(t)}
	sink := s3reader.FromConfig(em.S3Config())
	client := em.S3()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("results")}); err != nil {
		t.Fatal(err)
	}
	mux := &task.Mux{}
	s3writer.New(sink).Register(mux)

	const succeeded, failed, pending = 12000, 3, 2
	run := resultwriter.Run{MapRunArn: writerRun, Config: resultwriter.Config{Bucket: "results", Prefix: "jobs",
		Transformation: "NONE", OutputType: "JSON"}, PartBytes: 5 << 20, MaxFileBytes: 6 << 20}
	out, err := resultwriter.Write(ctx, mux, run, writerChildren(succeeded, failed, pending))
	if err != nil {
		t.Fatal(err)
	}
	base := "jobs/2c81e9b6-3d3f-3c6a-9d53-0e4c8f0c9a11/"
	want := `{"MapRunArn":"` + writerRun + `","ResultWriterDetails":{"Bucket":"results","Key":"` + base + `manifest.json"}}`
	if got := jsonval.String(out.Value); got != want || out.ResultsWritten != succeeded+failed {
		t.Fatalf("output %s (%d written), want %s", got, out.ResultsWritten, want)
	}
	counts := readBack(ctx, t, client, base+"manifest.json", false)
	if counts["SUCCEEDED"] != succeeded || counts["FAILED"] != failed || counts["PENDING"] != pending || counts["files/SUCCEEDED"] != 2 {
		t.Fatalf("read back %v", counts)
	}

	run.Config.Prefix, run.Config.OutputType, run.Config.Transformation = "lines/", "JSONL", "COMPACT"
	if _, err := resultwriter.Write(ctx, mux, run, writerChildren(5, 1, 0)); err != nil {
		t.Fatal(err)
	}
	if counts := readBack(ctx, t, client, "lines/2c81e9b6-3d3f-3c6a-9d53-0e4c8f0c9a11/manifest.json", true); counts["SUCCEEDED"] != 5 || counts["FAILED"] != 1 {
		t.Fatalf("JSONL read back %v", counts)
	}
	listed, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("results")})
	if err != nil || len(listed.Contents) != 5+3 {
		t.Fatalf("%d objects in the bucket, want 8 (no leftovers): %v", len(listed.Contents), err)
	}

	run.Config.Bucket = "no-such-bucket"
	_, err = resultwriter.Write(ctx, mux, run, writerChildren(1, 0, 0))
	var f *resultwriter.Failure
	if !errors.As(err, &f) || !strings.Contains(f.Cause, "write s3://no-such-bucket/lines/") || !strings.Contains(f.Cause, "NoSuchBucket") {
		t.Fatalf("write to a missing bucket: %v", err)
	}
}

// writerChildren yields the children of a run; succeeded ones return
// {"i":n,"pad":…} (about 500 bytes each as entries).
func writerChildren(succeeded, failed, pending int) resultwriter.Source {
	start := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	return func(fn func(resultwriter.Child) error) error {
		for i := range succeeded + failed + pending {
			c := resultwriter.Child{Name: fmt.Sprint(i), ExecutionArn: "arn:aws:states:us-east-1:000000000000:execution:orders/Map:" + fmt.Sprint(i),
				StateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:orders/Map", Status: "SUCCEEDED",
				Input: fmt.Sprintf(`{"i":%d}`, i), Output: fmt.Sprintf(`{"i":%d,"pad":"%s"}`, i, strings.Repeat("x", 100)),
				StartDate: start, StopDate: start.Add(time.Second)}
			switch {
			case i >= succeeded+failed:
				c = resultwriter.Child{Status: "PENDING", Input: c.Input}
			case i >= succeeded:
				c.Status, c.Output, c.Error, c.Cause = "FAILED", "", "Boom", "it broke"
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// readBack reads a manifest and its files, checking each file's size and
// that entries come in item order; it counts entries (and files) per kind.
func readBack(ctx context.Context, t *testing.T, c *s3.Client, key string, jsonl bool) map[string]int {
	t.Helper()
	m, err := jsonval.DecodeString(getObject(ctx, t, c, "results", key))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	rf, _ := m.(*jsonval.Object).Get("ResultFiles")
	rf.(*jsonval.Object).Range(func(kind string, files jsonval.Value) bool {
		for _, f := range files.([]any) {
			fk, _ := f.(*jsonval.Object).Get("Key")
			size, _ := f.(*jsonval.Object).Get("Size")
			body := getObject(ctx, t, c, "results", fk.(string))
			if size != jsonval.NumberFromInt(int64(len(body))) {
				t.Fatalf("%s: %d bytes, manifest says %v", fk, len(body), size)
			}
			counts["files/"+kind]++
			counts[kind] += countEntries(t, body, jsonl)
		}
		return true
	})
	return counts
}

func countEntries(t *testing.T, body string, jsonl bool) int {
	t.Helper()
	if jsonl {
		if !strings.HasSuffix(body, "\n") {
			t.Fatalf("a JSONL file does not end its last line")
		}
		return strings.Count(body, "\n")
	}
	v, err := jsonval.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	return len(v.([]any))
}

//go:build integration

package integration

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// resultEntry is one child in a ResultWriter's result file.
type resultEntry struct {
	ExecutionArn, Name, Status, Input, Output, Error, Cause string
	StartDate, StopDate                                     string
}

func (m *mapServe) put(ctx context.Context, t *testing.T, key, body string) {
	t.Helper()
	if _, err := m.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("mr"), Key: aws.String(key), Body: strings.NewReader(body)}); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func (m *mapServe) get(ctx context.Context, t *testing.T, key string) string {
	t.Helper()
	out, err := m.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mr"), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// run creates a state machine and starts an execution of it.
func (m *mapServe) run(ctx context.Context, t *testing.T, name, def, input string) string {
	t.Helper()
	sm, err := m.sfn.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(roleARN)})
	if err != nil {
		t.Fatalf("CreateStateMachine: %v", err)
	}
	ex, err := m.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(input)})
	if err != nil {
		t.Fatalf("StartExecution: %v", err)
	}
	return aws.ToString(ex.ExecutionArn)
}

// await polls an execution until it is no longer running.
func (m *mapServe) await(ctx context.Context, t *testing.T, arn string) *sfn.DescribeExecutionOutput {
	t.Helper()
	for {
		d, err := m.sfn.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
		if err != nil {
			t.Fatalf("DescribeExecution: %v", err)
		}
		if d.Status != types.ExecutionStatusRunning {
			return d
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// mapRun is the one map run of an execution, as DescribeMapRun answers.
func (m *mapServe) mapRun(ctx context.Context, t *testing.T, exec string) *sfn.DescribeMapRunOutput {
	t.Helper()
	runs, err := m.sfn.ListMapRuns(ctx, &sfn.ListMapRunsInput{ExecutionArn: aws.String(exec)})
	if err != nil || len(runs.MapRuns) != 1 {
		t.Fatalf("ListMapRuns: %+v %v", runs, err)
	}
	d, err := m.sfn.DescribeMapRun(ctx, &sfn.DescribeMapRunInput{MapRunArn: runs.MapRuns[0].MapRunArn})
	if err != nil {
		t.Fatalf("DescribeMapRun: %v", err)
	}
	return d
}

// results reads a ResultWriter's manifest, named by the Map's output,
// and its files (each of the size the manifest gives, named as AWS names
// them), returning the map run and the entries of each kind.
func (m *mapServe) results(ctx context.Context, t *testing.T, output, ext string) (*sfn.DescribeMapRunOutput, map[string][]resultEntry) {
	t.Helper()
	var out struct {
		MapRunArn           string
		ResultWriterDetails struct{ Bucket, Key string }
	}
	if err := json.Unmarshal([]byte(output), &out); err != nil || out.ResultWriterDetails.Bucket != "mr" {
		t.Fatalf("output %s: %v", output, err)
	}
	d, err := m.sfn.DescribeMapRun(ctx, &sfn.DescribeMapRunInput{MapRunArn: aws.String(out.MapRunArn)})
	if err != nil {
		t.Fatalf("DescribeMapRun: %v", err)
	}
	var manifest struct {
		DestinationBucket, MapRunArn string
		ResultFiles                  map[string][]struct {
			Key  string
			Size int
		}
	}
	base := strings.TrimSuffix(out.ResultWriterDetails.Key, "manifest.json")
	if err := json.Unmarshal([]byte(m.get(ctx, t, out.ResultWriterDetails.Key)), &manifest); err != nil ||
		manifest.DestinationBucket != "mr" || manifest.MapRunArn != out.MapRunArn || !strings.HasSuffix(base, "/"+out.MapRunArn[strings.LastIndexByte(out.MapRunArn, ':')+1:]+"/") {
		t.Fatalf("manifest at %s: %+v %v", out.ResultWriterDetails.Key, manifest, err)
	}
	res := map[string][]resultEntry{}
	for kind, files := range manifest.ResultFiles {
		for i, f := range files {
			if want := base + kind + "_" + strconv.Itoa(i) + "." + ext; f.Key != want {
				t.Fatalf("result file %s, want %s", f.Key, want)
			}
			body := m.get(ctx, t, f.Key)
			if len(body) != f.Size {
				t.Fatalf("%s: %d bytes, manifest says %d", f.Key, len(body), f.Size)
			}
			res[kind] = append(res[kind], decodeEntries(t, body, ext)...)
		}
	}
	return d, res
}

// itemCounts is a map run's items: total, succeeded, failed, aborted,
// pending and results written.
func itemCounts(d *sfn.DescribeMapRunOutput) [6]int64 {
	c := d.ItemCounts
	return [6]int64{c.Total, c.Succeeded, c.Failed, c.Aborted, c.Pending, c.ResultsWritten}
}

func decodeEntries(t *testing.T, body, ext string) []resultEntry {
	t.Helper()
	var entries []resultEntry
	if ext == "json" {
		if err := json.Unmarshal([]byte(body), &entries); err != nil {
			t.Fatalf("result file: %v", err)
		}
		return entries
	}
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var en resultEntry
		if err := json.Unmarshal(sc.Bytes(), &en); err != nil {
			t.Fatalf("JSONL line %.200s: %v", sc.Text(), err)
		}
		entries = append(entries, en)
	}
	return entries
}

//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
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

// mapRunDef reads in/rows.csv (1,000 rows) in batches of 10, runs each
// batch as a child execution, fails the batch starting at row 70, and
// writes the results to s3://items/<prefix>.
func mapRunDef(tolerated, processor string) string {
	return `{"StartAt":"M","States":{"M":` + mapRunState(tolerated, processor) + `}}`
}

// mapRunState is mapRunDef's Map state.
func mapRunState(tolerated, processor string) string {
	return `{"Type":"Map","End":true,"Label":"rows","MaxConcurrency":20,` + tolerated + `
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVDelimiter":"SEMICOLON"},
	    "Parameters":{"Bucket":"items","Key":"in/rows.csv"}},
	  "ItemBatcher":{"MaxItemsPerBatch":10},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"items","Prefix.$":"$.prefix"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},` + processor + `}}`
}

const failSeventy = `"StartAt":"C","States":{
  "C":{"Type":"Choice","Choices":[{"Variable":"$.Items[0].id","StringEquals":"70","Next":"F"}],"Default":"P"},
  "F":{"Type":"Fail","Error":"Seventy","Cause":"row 70"},
  "P":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.Items)"},"End":true}}`

// TestMapRun_Durable runs map runs of child executions through the
// durable runner on dynalite and fauxqs (SQS, and S3 for the reader and
// the writer): a failure under the tolerated threshold and over it, and a
// stop mid-run.
func TestMapRun_Durable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	em := harness.StartAll(t)
	cfg := em.S3Config()
	client := em.S3()
	putObjects(ctx, t, client)

	e := newRTEnv(t, em)
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(cfg), limits.Limits{}).Register(mux)
	s3writer.New(s3reader.FromConfig(cfg)).Register(mux)
	r := runner.New(runner.Options{Store: e.raw, Queue: sqsqueue.New(em.SQS(), e.queueURL), Invoker: mux,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	stop := (&Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 2, Visibility: 30 * time.Second, Stepper: r}).Run(ctx)
	t.Cleanup(stop)
	start := func(t *testing.T, name, def string) store.Execution {
		t.Helper()
		sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:" + name, Name: name, Type: "STANDARD"}
		ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "run", Input: `{"prefix":"` + name + `"}`})
		if err != nil {
			t.Fatal(err)
		}
		return ex
	}
	for _, tc := range []struct {
		name, tolerated, status, errName string
	}{
		{"under", `"ToleratedFailureCount":1,`, runner.StatusSucceeded, ""},
		{"over", `"ToleratedFailurePercentage":0,`, runner.StatusFailed, "States.ExceedToleratedFailureThreshold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := start(t, tc.name, mapRunDef(tc.tolerated, failSeventy))
			final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
			if err != nil {
				t.Fatal(err)
			}
			got := final[ex.ARN]
			if got.Status != tc.status || got.Error != tc.errName {
				t.Fatalf("status %s: %s %s", got.Status, got.Error, got.Cause)
			}
			runs, err := r.MapRuns(ctx, ex.ARN)
			if err != nil || len(runs) != 1 {
				t.Fatalf("map runs %+v %v", runs, err)
			}
			id := runs[0].ARN[strings.LastIndexByte(runs[0].ARN, ':')+1:]
			manifest := getObject(ctx, t, client, "items", tc.name+"/"+id+"/manifest.json")
			if !strings.Contains(manifest, `"Key":"`+tc.name+`/`+id+`/FAILED_0.json"`) {
				t.Fatalf("manifest %s", manifest)
			}
			var failed []struct{ Error, Cause, Input, Status string }
			if err := json.Unmarshal([]byte(getObject(ctx, t, client, "items", tc.name+"/"+id+"/FAILED_0.json")), &failed); err != nil ||
				len(failed) == 0 || failed[0].Error != "Seventy" || !strings.Contains(failed[0].Input, `"id":"70"`) {
				t.Fatalf("FAILED entries %+v %v", failed, err)
			}
			// A run that fails stops its running children: they are written
			// as ABORTED; a run that goes on has only the one failure.
			for _, f := range failed[1:] {
				if tc.status == runner.StatusSucceeded || f.Status != runner.StatusAborted {
					t.Fatalf("FAILED entry %+v", f)
				}
			}
			if tc.status != runner.StatusSucceeded {
				return
			}
			var out struct{ MapRunArn string }
			if err := json.Unmarshal([]byte(got.Output), &out); err != nil || out.MapRunArn != runs[0].ARN {
				t.Fatalf("output %s", got.Output)
			}
			var succeeded []struct{ Output string }
			if err := json.Unmarshal([]byte(getObject(ctx, t, client, "items", tc.name+"/"+id+"/SUCCEEDED_0.json")), &succeeded); err != nil || len(succeeded) != 99 {
				t.Fatalf("SUCCEEDED: %d entries, %v", len(succeeded), err)
			}
			if c := runs[0].Counts; c.Total != 100 || c.Succeeded != 99 || c.Failed != 1 || c.ResultsWritten != 100 {
				t.Fatalf("counts %+v", c)
			}
			kids, _, err := e.raw.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: runs[0].StateMachineARN, MapRunARN: runs[0].ARN}, store.Page{Limit: 1000})
			if err != nil || len(kids) != 100 {
				t.Fatalf("children listed: %d %v", len(kids), err)
			}
		})
	}
	t.Run("nestedRedrive", func(t *testing.T) { testNestedRedrive(ctx, t, r, e, start) })
	t.Run("stop", func(t *testing.T) {
		ex := start(t, "stop", mapRunDef("", `"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}`))
		var run runner.MapRun
		for run.Counts.Running < 20 {
			if ctx.Err() != nil {
				t.Fatalf("children never started: %+v", run)
			}
			time.Sleep(100 * time.Millisecond)
			if runs, _ := r.MapRuns(ctx, ex.ARN); len(runs) == 1 {
				run = runs[0]
			}
		}
		if _, err := r.Stop(ctx, ex.ARN, "", ""); err != nil {
			t.Fatal(err)
		}
		kids, _, err := e.raw.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: run.StateMachineARN, MapRunARN: run.ARN}, store.Page{Limit: 1000})
		if err != nil || len(kids) != 20 {
			t.Fatalf("children %d %v", len(kids), err)
		}
		for _, k := range kids {
			if got, _ := e.raw.GetExecution(ctx, k.ARN); got.Status != runner.StatusAborted {
				t.Fatalf("child %s is %s", k.ARN, got.Status)
			}
		}
		if runs, _ := r.MapRuns(ctx, ex.ARN); runs[0].Status != runner.MapRunAborted {
			t.Fatalf("map run %+v", runs[0])
		}
	})
}

// getObject reads an object whole.
func getObject(ctx context.Context, t *testing.T, c *s3.Client, bucket, key string) string {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
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

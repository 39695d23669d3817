//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// redriveDef runs the JSONL items in batches of 20, five at a time; the
// batch starting at item 500 reads s3://mr/gate first, which fails until
// the test puts it, and no failure is tolerated. A redriven child resumes
// at its failed Task (as AWS redrives), so it succeeds once the gate is
// there. A child's output carries its redrive count and when it passed,
// so a child that ran again shows it.
const redriveDef = `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":5,
  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},"Parameters":{"Bucket":"mr","Key":"in/items.jsonl"}},
  "ItemBatcher":{"MaxItemsPerBatch":20},
  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"mr","Prefix":"redrive-out"}},
  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
    "C":{"Type":"Choice","Choices":[{"Variable":"$.Items[0].n","NumericEquals":500,"Next":"Gate"}],"Default":"P"},
    "Gate":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:headObject","Parameters":{"Bucket":"mr","Key":"gate"},"ResultPath":null,"Next":"P"},
    "P":{"Type":"Pass","Parameters":{"ns.$":"$.Items[*].n","redrives.$":"$$.Execution.RedriveCount","at.$":"$$.State.EnteredTime"},"End":true}}}}}}`

// testMapRunRedrive fails a map run over its threshold, redrives the
// parent with RedriveExecution, and checks that only the failed, aborted
// and pending items ran again: every item succeeds once, the children
// that had succeeded keep their results, and no child was added twice.
func testMapRunRedrive(ctx context.Context, t *testing.T, m *mapServe) {
	began := time.Now()
	exec := m.run(ctx, t, "redrive", redriveDef, `{}`)
	d := m.await(ctx, t, exec)
	if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("first run %s: %s %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	if run := m.mapRun(ctx, t, exec); run.Status != types.MapRunStatusFailed || run.ItemCounts.Failed != 20 {
		t.Fatalf("map run after the first run: %s %+v", run.Status, itemCounts(run))
	}
	// The failed run's results: the output of a failure names no map run,
	// so the manifest is found by the run's ARN.
	first := m.mapRun(ctx, t, exec)
	id := aws.ToString(first.MapRunArn)
	id = id[strings.LastIndexByte(id, ':')+1:]
	_, before := m.results(ctx, t, `{"MapRunArn":"`+aws.ToString(first.MapRunArn)+`","ResultWriterDetails":{"Bucket":"mr","Key":"redrive-out/`+id+`/manifest.json"}}`, "json")
	// AWS starts no child once the threshold is exceeded: only those the
	// other four running children's ends started while the failure's end
	// was on its way may start after it.
	late, failedAt := 0, ""
	for _, en := range before["FAILED"] {
		if en.Status == "FAILED" {
			failedAt = en.StopDate
		}
	}
	for _, en := range before["SUCCEEDED"] {
		if en.StartDate > failedAt {
			late++
		}
	}
	if late > 5 || len(before["PENDING"]) == 0 {
		t.Errorf("%d children started after the failure (%s), %d pending", late, failedAt, len(before["PENDING"]))
	}
	kept := map[string]string{} // child ARN → output, of the children that succeeded
	for _, en := range before["SUCCEEDED"] {
		kept[en.ExecutionArn] = en.Output
	}
	if len(before["FAILED"]) == 0 || len(kept) == 0 {
		t.Fatalf("first run wrote %d failed and %d succeeded children", len(before["FAILED"]), len(kept))
	}
	t.Logf("first run: %d batches succeeded (%d started after the failure), %d failed or aborted, %d pending (%s)",
		len(kept), late, len(before["FAILED"]), len(before["PENDING"]), time.Since(began).Round(time.Millisecond))

	m.put(ctx, t, "gate", "open")
	if _, err := m.sfn.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: aws.String(exec)}); err != nil {
		t.Fatalf("RedriveExecution: %v", err)
	}
	began = time.Now()
	d = m.await(ctx, t, exec)
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("after redrive %s: %s %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	t.Logf("redrive: %s", time.Since(began).Round(time.Millisecond))
	run, after := m.results(ctx, t, aws.ToString(d.Output), "json")
	if c := itemCounts(run); c != [6]int64{serveItems, serveItems, 0, 0, 0, serveItems} || run.Status != types.MapRunStatusSucceeded || aws.ToInt32(run.RedriveCount) != 1 {
		t.Fatalf("map run after redrive: %s %+v, redrive count %d", run.Status, c, aws.ToInt32(run.RedriveCount))
	}
	checkRedriven(t, after, kept)
	kids, err := m.sfn.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: run.MapRunArn, MaxResults: 1000})
	if err != nil || len(kids.Executions) != serveItems/20 {
		t.Fatalf("ListExecutions(mapRunArn): %d children, %v", len(kids.Executions), err)
	}
}

// checkRedriven checks the results after the redrive: every item once,
// the children kept from the first run unchanged, the failed batch's
// child redriven once.
func checkRedriven(t *testing.T, after map[string][]resultEntry, kept map[string]string) {
	t.Helper()
	if len(after["FAILED"]) != 0 || len(after["PENDING"]) != 0 || len(after["SUCCEEDED"]) != serveItems/20 {
		t.Fatalf("after redrive: %d succeeded, %d failed, %d pending", len(after["SUCCEEDED"]), len(after["FAILED"]), len(after["PENDING"]))
	}
	seen, unchanged := make([]int, serveItems), 0
	for _, en := range after["SUCCEEDED"] {
		var out struct {
			Ns       []int `json:"ns"`
			Redrives int   `json:"redrives"`
		}
		if err := json.Unmarshal([]byte(en.Output), &out); err != nil || len(out.Ns) != 20 {
			t.Fatalf("entry %+v: %v", en, err)
		}
		for _, n := range out.Ns {
			seen[n]++
		}
		if was, ok := kept[en.ExecutionArn]; ok {
			if was != en.Output {
				t.Fatalf("child %s ran again: %s, was %s", en.ExecutionArn, en.Output, was)
			}
			unchanged++
		}
		if out.Ns[0] == 500 && out.Redrives != 1 {
			t.Fatalf("the failed batch's child: %s", en.Output)
		}
	}
	everyOnce(t, seen)
	if unchanged != len(kept) {
		t.Fatalf("%d of the %d children that succeeded first kept their results", unchanged, len(kept))
	}
}

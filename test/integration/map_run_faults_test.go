//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"errors"
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
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/test/harness"
)

// faultMapItems is the size of the map run under faults: sized for CI,
// or STEPWISE_FAULT_MAP_ITEMS (the proof runs 10,000).
var faultMapItems = envInt("STEPWISE_FAULT_MAP_ITEMS", 1000)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// TestMapRun_Faults runs a map run of faultMapItems child executions (each
// a Lambda task) under the runtime's fault rigs: duplicated messages, a
// stepper killed after an I/O call of each batch, throttled DynamoDB and
// SQS. Every item runs in exactly one child and its result comes back once.
// The items come from the state input, and from a JSON object on fauxqs S3
// read 97 at a time (pages that end inside a chunk of stored children).
func TestMapRun_Faults(t *testing.T) {
	em := harness.StartAll(t)
	for _, src := range []mapFaultSource{{name: "Input"}, {name: "PagedReader", page: 97}} {
		t.Run(src.name, func(t *testing.T) { runMapRunFaultCases(t, em, src) })
	}
}

// mapFaultSource is where a fault case's map run reads its items: its
// input, or an ItemReader read page items at a time.
type mapFaultSource struct {
	name string
	page int
}

const mapFaultReader = `"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
	  "Parameters":{"Bucket":"faults","Key":"items.json"}},`

// invoker routes the reader to S3 (fauxqs), everything else to inv.
func (src mapFaultSource) invoker(ctx context.Context, t *testing.T, em harness.Emulators, items string, inv task.Invoker) task.Invoker {
	if src.page == 0 {
		return inv
	}
	cfg := em.S3Config()
	client := em.S3()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("faults")}); err != nil && !strings.Contains(err.Error(), "BucketAlready") {
		t.Fatal(err)
	}
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("faults"), Key: aws.String("items.json"), Body: strings.NewReader(items)}); err != nil {
		t.Fatal(err)
	}
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(cfg), limits.Limits{}).Register(mux)
	mux.Handle("arn:aws:lambda:", inv)
	return mux
}

func runMapRunFaultCases(t *testing.T, em harness.Emulators, src mapFaultSource) {
	for _, fc := range faultCases() {
		fc.check = func(t *testing.T, st *faultStats) {
			if fc.name == "KilledAfterEachIO" && len(st.kills) == 0 {
				t.Error("no stepper was killed")
			}
			if fc.name == "Throttled" && st.throttle.Injected.Load() == 0 {
				t.Error("no throttling error was injected")
			}
		}
		t.Run(fc.name, func(t *testing.T) { runMapRunFaultCase(t, em, fc, src) })
	}
}

func runMapRunFaultCase(t *testing.T, em harness.Emulators, fc faultCase, src mapFaultSource) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 60*time.Second+time.Duration(faultMapItems)*120*time.Millisecond, errors.New("fault case timed out"))
	defer cancel()
	e := newRTEnv(t, em)
	stats := &faultStats{kills: map[string]int{}, throttle: &Throttle{Every: 7}}
	ports := fc.ports
	if ports == nil {
		ports = throttledPorts(stats)
	}
	items := make([]string, faultMapItems)
	want := make([]string, faultMapItems)
	for i := range items {
		items[i], want[i] = fmt.Sprint(i), fmt.Sprintf(`{"v":%d}`, i)
	}
	input := "[" + strings.Join(items, ",") + "]"
	st, q, inv := ports(e)
	r := runner.New(runner.Options{Store: st, Queue: q, Invoker: src.invoker(ctx, t, em, input, inv), ReaderPage: src.page,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	stop := (&Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 8, Visibility: time.Second, Stepper: fc.stepper(r, stats)}).Run(ctx)
	defer stop()

	reader := ""
	if src.page > 0 {
		reader, input = mapFaultReader, "{}"
	}
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":50,"End":true,` + reader + `
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Echo","States":{
	    "Echo":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","Parameters":{"v.$":"$"},"End":true}}}}}}`
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:faults", Name: "faults", Type: "STANDARD"}
	var ex store.Execution
	var err error
	for ex, err = r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "run", Input: input}); err != nil; {
		if ctx.Err() != nil {
			t.Fatal(err)
		}
		ex, err = r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: "run", Input: input})
	}
	final, err := WaitFinished(ctx, e.raw, []string{ex.ARN})
	if err != nil {
		cur, _ := e.raw.GetExecution(context.Background(), ex.ARN)
		var stuck struct {
			Frames map[string]struct {
				Fork *struct {
					Next, Running int
					Slots         json.RawMessage
				}
			}
		}
		_ = json.Unmarshal(cur.State, &stuck)
		for id, f := range stuck.Frames { // the map run's fork: its running children's slots
			if f.Fork != nil {
				t.Logf("frame %s: next %d, running %d, slots (index, items) %.300s", id, f.Fork.Next, f.Fork.Running, f.Fork.Slots)
			}
		}
		t.Fatalf("%v (%v); %d deliveries", err, context.Cause(ctx), stats.handled.Load())
	}
	got := final[ex.ARN]
	if got.Status != runner.StatusSucceeded || got.Output != "["+strings.Join(want, ",")+"]" {
		t.Fatalf("status %s %s %s, output %.200s", got.Status, got.Error, got.Cause, got.Output)
	}
	runs, err := runner.New(runner.Options{Store: e.raw}).MapRuns(ctx, ex.ARN)
	if err != nil || len(runs) != 1 {
		t.Fatalf("map runs %+v %v", runs, err)
	}
	if c := runs[0].Counts; c.Total != int64(faultMapItems) || c.Succeeded != int64(faultMapItems) || c.Failed != 0 || c.Running != 0 {
		t.Fatalf("counts %+v", c)
	}
	if n, err := countChildren(ctx, e.raw, runs[0]); err != nil || n != faultMapItems {
		t.Fatalf("%d children for %d items: %v", n, faultMapItems, err)
	}
	if fc.check != nil {
		fc.check(t, stats)
	}
	t.Logf("%d items: %d deliveries handled (%d failed), kills %v, throttles %d", faultMapItems, stats.handled.Load(),
		stats.failed.Load(), sortedCounts(stats.kills), stats.throttle.Injected.Load())
}

// countChildren counts a map run's child executions, page by page.
func countChildren(ctx context.Context, st store.Executions, run runner.MapRun) (int, error) {
	n, page := 0, store.Page{Limit: 1000}
	for {
		kids, next, err := st.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: run.StateMachineARN, MapRunARN: run.ARN}, page)
		if err != nil {
			return n, err
		}
		n += len(kids)
		if next == "" {
			return n, nil
		}
		page.Token = next
	}
}

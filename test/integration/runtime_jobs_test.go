//go:build integration

package integration

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/jobtask"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
	"github.com/stepwise/stepwise/test/harness"
)

// jobsDefinition runs an Athena query and a Batch job to completion, then
// a query that fails and is caught; "slow" executions run a query that
// only ends when stopped, "timeout" ones a Batch job that outlives the
// state's TimeoutSeconds.
const jobsDefinition = `{"StartAt":"Route","States":{
 "Route":{"Type":"Choice","Choices":[
   {"Variable":"$.kind","StringEquals":"slow","Next":"Slow"},
   {"Variable":"$.kind","StringEquals":"timeout","Next":"Late"}],"Default":"Query"},
 "Query":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution.sync",
   "Parameters":{"QueryString.$":"States.Format('SELECT {}', $.n)","WorkGroup":"primary"},
   "ResultSelector":{"state.$":"$.QueryExecution.Status.State","query.$":"$.QueryExecution.Query"},"ResultPath":"$.query","Next":"Submit"},
 "Submit":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob.sync",
   "Parameters":{"JobName.$":"States.Format('job-{}', $.n)","JobQueue":"q","JobDefinition":"d"},
   "ResultSelector":{"status.$":"$.Status","name.$":"$.JobName"},"ResultPath":"$.job","Next":"Bad"},
 "Bad":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution.sync",
   "Parameters":{"QueryString.$":"States.Format('FAIL {}', $.n)"},
   "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.caught","Next":"Done"}],"End":true},
 "Done":{"Type":"Pass","End":true},
 "Slow":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution.sync",
   "Parameters":{"QueryString.$":"States.Format('SLOW {}', $.n)"},"End":true},
 "Late":{"Type":"Task","Resource":"arn:aws:states:::batch:submitJob.sync","TimeoutSeconds":3,
   "Parameters":{"JobName.$":"States.Format('SLOW job {}', $.n)","JobQueue":"q","JobDefinition":"d"},"End":true}}}`

const (
	jobsRuns     = 30 // executions that run their jobs to the end
	jobsStopped  = 5  // executions stopped while their query runs
	jobsTimedOut = 5  // executions whose Batch job outlives the state
)

func TestRuntime_SyncJobsUnderFaults(t *testing.T) {
	em := harness.StartAll(t)
	for _, fc := range faultCases() {
		t.Run(fc.name, func(t *testing.T) { runJobsCase(t, em, fc) })
	}
}

func runJobsCase(t *testing.T, em harness.Emulators, fc faultCase) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 120*time.Second, errors.New("jobs case timed out"))
	defer cancel()
	e := newRTEnv(t, em)
	book := newJobBook(300 * time.Millisecond)
	sdk := sdktask.New(em.Config, sdktask.Options{Endpoints: map[string]string{
		"athena": athenaServer(t, book), "batch": batchServer(t, book)}}, builtin.Services()...)
	mux := &task.Mux{}
	jobtask.New(sdk, jobtask.Options{FirstPoll: 200 * time.Millisecond, MaxPoll: time.Second}).Register(mux)
	stats := &faultStats{kills: map[string]int{}, throttle: &Throttle{Every: 7}}
	st, q, inv := jobsPorts(e, fc, stats, mux)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := runner.New(runner.Options{Store: st, Queue: q, Invoker: inv, Logger: quiet})
	pool := &Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 8, Visibility: time.Second, Stepper: fc.stepper(r, stats)}
	stopPool := pool.Run(ctx)
	defer stopPool()

	began := time.Now()
	runs := startJobs(ctx, t, r, "run", jobsRuns)
	slow := startJobs(ctx, t, r, "slow", jobsStopped)
	late := startJobs(ctx, t, r, "timeout", jobsTimedOut)
	stopWhenStarted(ctx, t, r, book, slow)
	final, err := WaitFinished(ctx, e.raw, append(append(append([]string{}, runs...), slow...), late...))
	if err != nil {
		t.Fatalf("after %v: %v; %d deliveries handled", time.Since(began), err, stats.handled.Load())
	}
	checkJobRuns(t, ctx, e.raw, runs, final)
	checkEnds(t, slow, final, runner.StatusAborted, "")
	checkEnds(t, late, final, runner.StatusFailed, "States.Timeout")
	starts, stops := book.counts()
	_, crashing := inv.(CrashInvoker)
	checkJobCounts(t, starts, stops, crashing)
	if fc.check != nil {
		fc.check(t, stats)
	}
	t.Logf("%d executions in %v: %d deliveries (%d failed), kills %v, throttles %d, job starts %d, stops %d",
		len(final), time.Since(began).Round(time.Millisecond), stats.handled.Load(), stats.failed.Load(),
		sortedCounts(stats.kills), stats.throttle.Injected.Load(), sum(starts), sum(stops))
}

// jobsPorts are the fault case's ports with the job invoker in place of
// the sample's.
func jobsPorts(e *rtEnv, fc faultCase, stats *faultStats, inv task.Invoker) (store.Store, queue.Sender, task.Invoker) {
	if fc.ports == nil { // Throttled: every 7th DynamoDB and SQS request attempt is refused
		db := dynamodb.NewFromConfig(e.em.Config, harness.DynamoEndpoint(e.em.DynamoEndpoint), stats.throttle.Dynamo)
		q := sqs.NewFromConfig(e.em.Config, harness.SQSEndpoint(e.em.SQSEndpoint), stats.throttle.SQS)
		return dynamostore.New(db, e.table), sqsqueue.New(q, e.queueURL), inv
	}
	st, q, sample := fc.ports(e)
	if _, crashing := sample.(CrashInvoker); crashing {
		inv = CrashInvoker{inv}
	}
	return st, q, inv
}

func startJobs(ctx context.Context, t *testing.T, r *runner.Runner, kind string, n int) []string {
	t.Helper()
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:jobs", Name: "jobs", Type: "STANDARD"}
	arns := make([]string, n)
	for i := range n {
		req := runner.StartRequest{StateMachine: sm, Definition: jobsDefinition, Name: fmt.Sprintf("%s-%d", kind, i),
			Input: fmt.Sprintf(`{"kind":%q,"n":%d}`, kind, i)}
		var err error
		for try := 0; try < 20; try++ {
			var ex store.Execution
			if ex, err = r.Start(ctx, req); err == nil {
				arns[i] = ex.ARN
				break
			}
		}
		if err != nil {
			t.Fatalf("start %s: %v", req.Name, err)
		}
	}
	return arns
}

// stopWhenStarted stops each slow execution once its query is polled.
func stopWhenStarted(ctx context.Context, t *testing.T, r *runner.Runner, b *jobBook, arns []string) {
	t.Helper()
	for i, a := range arns {
		for ctx.Err() == nil {
			if b.looked(fmt.Sprintf("SLOW %d", i)) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		for try := 0; ; try++ {
			_, err := r.Stop(ctx, a, "Bored", "stopped by the test")
			if err == nil {
				break
			}
			if try > 20 {
				t.Fatalf("stop %s: %v", a, err)
			}
		}
	}
}

// checkJobRuns checks the outputs and histories of the executions that ran
// their jobs to the end.
func checkJobRuns(t *testing.T, ctx context.Context, raw store.Store, arns []string, final map[string]store.Execution) {
	t.Helper()
	reader := runner.New(runner.Options{Store: raw, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	want := map[string]int{"TaskScheduled": 3, "TaskStarted": 3, "TaskSubmitted": 3, "TaskSucceeded": 2, "TaskFailed": 1}
	for i, a := range arns {
		ex := final[a]
		if ex.Status != runner.StatusSucceeded {
			t.Fatalf("%s: %s %s %s", a, ex.Status, ex.Error, ex.Cause)
		}
		out := jsonval.MustDecode(ex.Output)
		wantOut := fmt.Sprintf(`{"query":{"state":"SUCCEEDED","query":"SELECT %d"},"job":{"status":"SUCCEEDED","name":"job-%d"}}`, i, i)
		for _, k := range []string{"query", "job"} {
			if got := jfield(out, k); !jsonval.Equal(got, jfield(jsonval.MustDecode(wantOut), k)) {
				t.Errorf("%s: %s is %s; want %s", a, k, jsonval.String(got), wantOut)
			}
		}
		caught := jfield(out, "caught")
		cause, _ := jsonval.DecodeString(fmt.Sprint(jfield(caught, "Cause")))
		if jfield(caught, "Error") != "States.TaskFailed" || jfield(jfield(jfield(cause, "QueryExecution"), "Status"), "State") != "FAILED" {
			t.Errorf("%s: caught %s", a, jsonval.String(caught))
		}
		evs, err := reader.History(ctx, a)
		if err != nil {
			t.Fatalf("history of %s: %v", a, err)
		}
		if err := CheckHistory(evs); err != nil {
			t.Errorf("%s: %v", a, err)
		}
		shape := HistoryShape(evs)
		for k, n := range want {
			if shape[k] != n {
				t.Errorf("%s: %d %s events, want %d", a, shape[k], k, n)
			}
		}
	}
}

func checkEnds(t *testing.T, arns []string, final map[string]store.Execution, status, errName string) {
	t.Helper()
	for _, a := range arns {
		if ex := final[a]; ex.Status != status || (errName != "" && ex.Error != errName) {
			t.Errorf("%s: %s %s, want %s %s", a, ex.Status, ex.Error, status, errName)
		}
	}
}

// checkJobCounts: every Athena query started once (its idempotency token
// makes a repeated start find it), every job left running stopped. Batch
// has no idempotency token: a duplicate step running beside its original
// submits a second job, which the runner stops; one repeated after a
// stepper died is not known to anyone (crashing).
func checkJobCounts(t *testing.T, starts, stops map[string]int, crashing bool) {
	t.Helper()
	dupBatch := 0
	for text, n := range starts {
		switch {
		case strings.HasPrefix(text, "job-") || strings.HasPrefix(text, "SLOW job"):
			dupBatch += n - 1
			if !crashing && stops[text] < n-1 {
				t.Errorf("Batch job %q submitted %d times, stopped %d times", text, n, stops[text])
			}
		case n != 1:
			t.Errorf("query %q started %d times", text, n)
		}
	}
	for i := range jobsStopped {
		if text := fmt.Sprintf("SLOW %d", i); stops[text] == 0 {
			t.Errorf("query %q was never stopped", text)
		}
	}
	for i := range jobsTimedOut {
		if text := fmt.Sprintf("SLOW job %d", i); stops[text] == 0 {
			t.Errorf("Batch job %q was never terminated", text)
		}
	}
	if dupBatch > 0 {
		t.Logf("%d Batch jobs submitted again by a repeated step (Batch has no idempotency token)", dupBatch)
	}
}

func jfield(v jsonval.Value, k string) jsonval.Value {
	o, _ := v.(*jsonval.Object)
	if o == nil {
		return nil
	}
	x, _ := o.Get(k)
	return x
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/stepbatch"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/test/harness"
)

var faultExecutions = flag.Int("faults.n", 200, "executions of the sample workflow per injected fault")

// rtEnv is one fault case's table, queue and ports over the emulators.
type rtEnv struct {
	em       harness.Emulators
	table    string
	queueURL string
	raw      *dynamostore.Store // unfaulted, for checking
	inv      *Invoker
}

var rtSeq atomic.Int64

func newRTEnv(t *testing.T, em harness.Emulators) *rtEnv {
	t.Helper()
	ctx := context.Background()
	n := rtSeq.Add(1)
	table := fmt.Sprintf("rt-%d", n)
	if err := dynamostore.CreateTable(ctx, em.DynamoDB(), table); err != nil {
		t.Fatal(err)
	}
	url, _, err := sqsqueue.CreateQueues(ctx, em.SQS(), fmt.Sprintf("rt-steps-%d", n))
	if err != nil {
		t.Fatal(err)
	}
	return &rtEnv{em: em, table: table, queueURL: url, raw: dynamostore.New(em.DynamoDB(), table), inv: NewInvoker()}
}

// faultCase wires one kind of fault into the runner's ports and the
// event source mapping's handler.
type faultCase struct {
	name string
	// ports returns the store, sender and invoker the stepper runs on.
	ports func(e *rtEnv) (store.Store, queue.Sender, task.Invoker)
	// stepper wraps the runner for the stepper's batch handler.
	stepper func(r *runner.Runner, stats *faultStats) stepbatch.Stepper
	check   func(t *testing.T, stats *faultStats)
}

type faultStats struct {
	mu       sync.Mutex
	kills    map[string]int // I/O call the stepper died after → count
	handled  atomic.Int64
	failed   atomic.Int64
	throttle *Throttle
}

// plainStepper is the runner, counting deliveries.
type plainStepper struct {
	*runner.Runner
	stats *faultStats
}

func newPlainStepper(r *runner.Runner, st *faultStats) stepbatch.Stepper { return plainStepper{r, st} }

func (p plainStepper) HandleBatch(ctx context.Context, msgs []queue.Message) []error {
	p.stats.handled.Add(int64(len(msgs)))
	return p.stats.countFailed(p.Runner.HandleBatch(ctx, msgs))
}

func (st *faultStats) countFailed(errs []error) []error {
	for _, err := range errs {
		if err != nil {
			st.failed.Add(1)
		}
	}
	return errs
}

// crashPoint spreads the kills over every I/O position of every message.
func crashPoint(m queue.Message) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(m.Execution + "|" + m.Frame + "|" + strconv.FormatInt(m.Version, 10) + "|" + m.Kind))
	return int(h.Sum32()%8) + 1
}

// crashStepper kills the stepper after an I/O call of each group of
// messages on their first delivery: the group's records all fail and come
// back.
type crashStepper struct {
	*runner.Runner
	stats *faultStats
}

func newCrashStepper(r *runner.Runner, st *faultStats) stepbatch.Stepper { return crashStepper{r, st} }

func (c crashStepper) HandleBatch(ctx context.Context, msgs []queue.Message) []error {
	c.stats.handled.Add(int64(len(msgs)))
	for _, m := range msgs {
		if m.ReceiveCount > 1 {
			return c.stats.countFailed(c.Runner.HandleBatch(ctx, msgs))
		}
	}
	return c.stats.handleKillable(ctx, c.Runner, &CrashPlan{After: crashPoint(msgs[0])}, msgs)
}

// handleKillable runs a batch that dies after the I/O call plan names:
// the kill is counted and every message of the batch fails, so that it
// comes back as a dead Lambda instance's batch does.
func (st *faultStats) handleKillable(ctx context.Context, r *runner.Runner, plan *CrashPlan, msgs []queue.Message) []error {
	var errs []error
	killed, _ := RunKillable(func() error { errs = r.HandleBatch(WithCrashPlan(ctx, plan), msgs); return nil })
	if killed != nil {
		st.mu.Lock()
		st.kills[killed.Op]++
		st.mu.Unlock()
		errs = make([]error, len(msgs))
		for i := range errs {
			errs[i] = fmt.Errorf("stepper killed after %s (I/O call %d)", killed.Op, killed.N)
		}
	}
	return st.countFailed(errs)
}

// maxDeliveriesPerExecution bounds the messages one sample execution may
// take: it needs about 36 without faults (72 when each is sent twice), and
// a runaway multiplication of messages is a failure, not just slowness.
const maxDeliveriesPerExecution = 250

// watchDeliveries aborts the case when the deliveries exceed the bound.
func watchDeliveries(ctx context.Context, abort context.CancelCauseFunc, st *faultStats, n int) {
	limit := int64(n * maxDeliveriesPerExecution)
	for ctx.Err() == nil {
		if got := st.handled.Load(); got > limit {
			abort(fmt.Errorf("%d deliveries for %d executions: more than %d each; messages multiply", got, n, maxDeliveriesPerExecution))
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func faultCases() []faultCase {
	sender := func(e *rtEnv) queue.Sender { return sqsqueue.New(e.em.SQS(), e.queueURL) }
	return []faultCase{
		{name: "DuplicateDelivery", stepper: newPlainStepper,
			ports: func(e *rtEnv) (store.Store, queue.Sender, task.Invoker) {
				return e.raw, DupSender{sender(e)}, e.inv
			}},
		{name: "KilledAfterEachIO", stepper: newCrashStepper,
			ports: func(e *rtEnv) (store.Store, queue.Sender, task.Invoker) {
				return CrashStore{e.raw}, CrashSender{sender(e)}, CrashInvoker{e.inv}
			},
			check: func(t *testing.T, st *faultStats) {
				for _, op := range []string{"GetExecution", "UpdateExecution", "PutEvents", "Send", "Invoke", "PutToken"} {
					if st.kills[op] == 0 {
						t.Errorf("no stepper was killed right after %s: kills %v", op, st.kills)
					}
				}
			}},
		{name: "Throttled", stepper: newPlainStepper,
			ports: nil, // set per run: needs the stats' throttle
			check: func(t *testing.T, st *faultStats) {
				if st.throttle.Injected.Load() == 0 {
					t.Error("no throttling error was injected")
				}
			}},
	}
}

func TestRuntime_Faults(t *testing.T) {
	em := harness.StartAll(t)
	for _, fc := range faultCases() {
		t.Run(fc.name, func(t *testing.T) { runFaultCase(t, em, fc) })
	}
}

func runFaultCase(t *testing.T, em harness.Emulators, fc faultCase) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 150*time.Second, errors.New("fault case timed out"))
	defer cancel()
	ctx, abort := context.WithCancelCause(ctx)
	defer abort(nil)
	e := newRTEnv(t, em)
	stats := &faultStats{kills: map[string]int{}, throttle: &Throttle{Every: 7}}
	ports := fc.ports
	if ports == nil {
		ports = throttledPorts(stats)
	}
	st, q, inv := ports(e)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := runner.New(runner.Options{Store: st, Queue: q, Invoker: inv, Logger: quiet})
	began := time.Now()
	pool := &Pool{SQS: em.SQS(), QueueURL: e.queueURL, Workers: 8, Visibility: time.Second, Stepper: fc.stepper(r, stats)}
	stopPool := pool.Run(ctx)
	defer stopPool()
	approver := &Approver{Send: r.SendTaskSuccess, GiveUp: 20 * time.Second}
	stopApprover := approver.Run(ctx, e.inv.Callbacks)
	defer stopApprover()

	go watchDeliveries(ctx, abort, stats, *faultExecutions)
	arns := startSamples(ctx, t, r, *faultExecutions)
	final, err := WaitFinished(ctx, e.raw, arns)
	elapsed := time.Since(began)
	if err != nil {
		for _, ex := range final {
			if ex.Status == runner.StatusRunning {
				t.Logf("stuck %s: version %d, last event %d, state %s", ex.ARN, ex.Version, ex.LastEventID, stateSummary(ex.State))
				break
			}
		}
		t.Fatalf("after %v: %v (%v); %d deliveries handled", elapsed, err, context.Cause(ctx), stats.handled.Load())
	}
	checkSamples(t, ctx, e.raw, arns, final)
	if fc.check != nil {
		fc.check(t, stats)
	}
	t.Logf("%d executions in %v: %d deliveries handled (%d failed), kills %v, throttles injected %d, callbacks accepted %d, task attempts %d",
		len(arns), elapsed.Round(time.Millisecond), stats.handled.Load(), stats.failed.Load(), sortedCounts(stats.kills),
		stats.throttle.Injected.Load(), approver.Accepted, e.inv.Calls())
}

// startSamples starts n sample executions, retrying each start until it is
// accepted (a retried StartExecution with the same name and input is
// idempotent).
func startSamples(ctx context.Context, t *testing.T, r *runner.Runner, n int) []string {
	t.Helper()
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:sample", Name: "sample", Type: "STANDARD"}
	def := SampleDefinition("https://sqs.us-east-1.amazonaws.com/000000000000/approvals")
	arns := make([]string, n)
	errs := make(chan error, n)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			req := runner.StartRequest{StateMachine: sm, Definition: def, Name: fmt.Sprintf("x-%04d", i), Input: SampleInput(i)}
			var err error
			for try := 0; try < 20; try++ {
				var ex store.Execution
				if ex, err = r.Start(ctx, req); err == nil {
					arns[i] = ex.ARN
					return
				}
			}
			errs <- fmt.Errorf("start %s: %w", req.Name, err)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return arns
}

// checkSamples checks every execution's status, output and history.
func checkSamples(t *testing.T, ctx context.Context, raw store.Store, arns []string, final map[string]store.Execution) {
	t.Helper()
	reader := runner.New(runner.Options{Store: raw, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	bad := 0
	for i, a := range arns {
		if bad >= 5 {
			t.Fatalf("stopping after %d bad executions", bad)
		}
		ex := final[a]
		if ex.Status != runner.StatusSucceeded {
			bad++
			t.Errorf("%s: %s %s %s", a, ex.Status, ex.Error, ex.Cause)
			continue
		}
		if got, want := jsonval.MustDecode(ex.Output), jsonval.MustDecode(SampleOutput(i)); !jsonval.Equal(got, want) {
			bad++
			t.Errorf("%s: output %s, want %s", a, ex.Output, SampleOutput(i))
		}
		evs, err := reader.History(ctx, a)
		if err != nil {
			t.Fatalf("history of %s: %v", a, err)
		}
		if err := CheckHistory(evs); err != nil {
			bad++
			t.Errorf("%s: %v", a, err)
		}
		if d := ShapeDiff(HistoryShape(evs), sampleShape); d != "" {
			bad++
			t.Errorf("%s: history differs from the sample's: %s", a, d)
		}
	}
}

func sortedCounts(m map[string]int) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s:%d", k, v))
	}
	sort.Strings(parts)
	return fmt.Sprint(parts)
}

// sampleShape is the history of one sample execution as a multiset: the
// Risky task runs twice (one retry, then caught), the Map three
// iterations, and the callback task is submitted once.
var sampleShape = map[string]int{
	"ExecutionStarted": 1, "ExecutionSucceeded": 1,
	"PassStateEntered/Init": 1, "PassStateExited/Init": 1,
	"TaskStateEntered/Add": 1, "TaskStateExited/Add": 1,
	"TaskScheduled": 2, "TaskStarted": 2, "TaskSucceeded": 2, // Add, Approve
	"TaskStateEntered/Risky": 1, "TaskStateExited/Risky": 1,
	"LambdaFunctionScheduled": 5, "LambdaFunctionStarted": 5, // Risky ×2, Echo ×3
	"LambdaFunctionFailed": 2, "LambdaFunctionSucceeded": 3,
	"ParallelStateEntered/Fan": 1, "ParallelStateStarted": 1, "ParallelStateSucceeded": 1, "ParallelStateExited/Fan": 1,
	"MapStateEntered/Double": 1, "MapStateStarted": 1, "MapStateSucceeded": 1, "MapStateExited/Double": 1,
	"MapIterationStarted": 3, "MapIterationSucceeded": 3,
	"TaskStateEntered/Echo": 3, "TaskStateExited/Echo": 3,
	"WaitStateEntered/Pause": 1, "WaitStateExited/Pause": 1,
	"PassStateEntered/AfterPause": 1, "PassStateExited/AfterPause": 1,
	"TaskStateEntered/Approve": 1, "TaskSubmitted": 1, "TaskStateExited/Approve": 1,
	"PassStateEntered/Done": 1, "PassStateExited/Done": 1,
}

// stateSummary is the runner state of a record without its definition, for
// diagnosing a stuck execution.
func stateSummary(state []byte) string {
	var doc map[string]any
	if err := json.Unmarshal(state, &doc); err != nil {
		return err.Error()
	}
	delete(doc, "definition")
	b, _ := json.Marshal(doc)
	return string(b)
}

// throttledPorts refuse every 7th DynamoDB and SQS request attempt.
func throttledPorts(stats *faultStats) func(e *rtEnv) (store.Store, queue.Sender, task.Invoker) {
	return func(e *rtEnv) (store.Store, queue.Sender, task.Invoker) {
		db := dynamodb.NewFromConfig(e.em.Config, harness.DynamoEndpoint(e.em.DynamoEndpoint), stats.throttle.Dynamo)
		q := sqs.NewFromConfig(e.em.Config, harness.SQSEndpoint(e.em.SQSEndpoint), stats.throttle.SQS)
		return dynamostore.New(db, e.table), sqsqueue.New(q, e.queueURL), e.inv
	}
}

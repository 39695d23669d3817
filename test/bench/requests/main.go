//go:build integration

// Command requests measures what a state transition costs the durable
// runtime in AWS requests: it starts dynalite and fauxqs, runs a task-chain,
// a map-fanout and a distributed-map workload through the runner on the DynamoDB and SQS
// adapters with 8 concurrent steppers (the event source mapping of
// test/integration), counts the SDK requests with client middleware, and
// prints requests, write/read units and transitions per second, and the
// cost per million transitions (and per million items of a map run) at AWS
// list prices.
//
//	go run -tags integration ./test/bench/requests [-chain 40] [-fanout 4] [-large 1] [-dmap 100000] [-dmap-batch 100]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/test/harness"
	"github.com/stepwise/stepwise/test/integration"
)

// AWS list prices (us-east-1, USD per million), as of this writing:
// SQS standard requests (each 64 KB chunk of a payload is one request),
// DynamoDB on-demand write and read request units.
const (
	priceSQS = 0.40
	priceWRU = 0.625
	priceRRU = 0.125
)

const steppers = 8

func main() {
	chain := flag.Int("chain", 40, "executions of the task-chain workload (10 Task states each)")
	fanout := flag.Int("fanout", 4, "executions of the map-fanout workload (Map of 100 items)")
	large := flag.Int("large", 1, "executions of the large-map workload (Map of 10,000 items, a 50 KB input)")
	dmap := flag.Int("dmap", 100_000, "rows of the distributed-map workload's CSV (0: skip it)")
	batch := flag.Int("dmap-batch", 100, "rows per child execution of the distributed-map workload")
	flag.Parse()
	tb := &cleanupTB{}
	defer tb.cleanup()
	em := harness.StartAll(tb)
	for _, w := range []workload{taskChain(*chain), mapFanout(*fanout), largeMap(*large), distributedMap(*dmap, *batch)} {
		if len(w.inputs) == 0 {
			continue
		}
		if err := run(em, w); err != nil {
			tb.cleanup()
			log.Fatalf("%s: %v", w.name, err)
		}
	}
}

type workload struct {
	name       string
	definition string
	inputs     []string
	// items, for a map run, is its item count: figures are also given
	// per item. invoker, when set, is the workload's task invoker.
	items   int
	invoker func(ctx context.Context, em harness.Emulators, c *counter) (task.Invoker, error)
}

func taskChain(n int) workload {
	var states []string
	for i := range 10 {
		next := fmt.Sprintf(`"Next":"T%d"`, i+1)
		if i == 9 {
			next = `"End":true`
		}
		states = append(states, fmt.Sprintf(`"T%d":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo",%s}`, i, next))
	}
	return workload{name: "task-chain", definition: `{"StartAt":"T0","States":{` + strings.Join(states, ",") + `}}`,
		inputs: repeat(n, `{"order":"o-1","amount":42,"note":"a task chain of ten echo tasks"}`)}
}

func mapFanout(n int) workload {
	items := make([]string, 100)
	for i := range items {
		items[i] = fmt.Sprintf(`{"sku":"SKU-%03d","qty":%d}`, i, i%7+1)
	}
	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":40,"End":true,
	  "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","End":true}}}}}}`
	return workload{name: "map-fanout", definition: def, inputs: repeat(n, `{"items":[`+strings.Join(items, ",")+`]}`)}
}

func largeMap(n int) workload {
	nums := make([]string, 10000)
	for i := range nums {
		nums[i] = fmt.Sprint(i)
	}
	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.n","End":true,
	  "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","End":true}}}}}}`
	return workload{name: "large-map", definition: def, inputs: repeat(n, `{"n":[`+strings.Join(nums, ",")+`]}`)}
}

func repeat(n int, s string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

var runSeq int

// run executes one workload on fresh table and queue and prints its figures.
func run(em harness.Emulators, w workload) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	runSeq++
	table, qname := fmt.Sprintf("bench-%d", runSeq), fmt.Sprintf("bench-steps-%d", runSeq)
	if err := dynamostore.CreateTable(ctx, em.DynamoDB(), table); err != nil {
		return err
	}
	url, _, err := sqsqueue.CreateQueues(ctx, em.SQS(), qname)
	if err != nil {
		return err
	}
	c := newCounter()
	db := dynamodb.NewFromConfig(em.Config, harness.DynamoEndpoint(em.DynamoEndpoint), c.Dynamo)
	sq := sqs.NewFromConfig(em.Config, harness.SQSEndpoint(em.SQSEndpoint), c.SQS)
	st := dynamostore.New(db, table)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	// The 10,000-item inline Map records about 40,000 events, past AWS's
	// 25,000-event quota (on AWS it would be a distributed Map); the
	// benchmark raises the quota as a deployment can (STEPWISE_LIMITS).
	quotas := limits.Limits{HistoryEvents: 100_000}
	var inv task.Invoker = integration.NewInvoker()
	if w.invoker != nil {
		if inv, err = w.invoker(ctx, em, c); err != nil {
			return err
		}
	}
	r := runner.New(runner.Options{Store: st, Queue: sqsqueue.New(sq, url), Invoker: inv, Logger: quiet, Limits: quotas})
	pool := &integration.Pool{SQS: sq, QueueURL: url, Workers: steppers, Visibility: 30 * time.Second, Stepper: r}
	c.reset()
	began := time.Now()
	arns, err := start(ctx, r, w)
	if err != nil {
		return err
	}
	stop := pool.Run(ctx)
	reader := dynamostore.New(em.DynamoDB(), table) // uncounted: the harness's own reads
	final, err := integration.WaitFinished(ctx, reader, arns)
	elapsed := time.Since(began)
	stop()
	if err != nil {
		return err
	}
	snap := c.snapshot()
	transitions, err := countTransitions(ctx, runner.New(runner.Options{Store: reader, Logger: quiet}), arns, final)
	if err != nil {
		return err
	}
	if w.items > 0 { // a map run's children's transitions are billed too
		kids, err := childTransitions(ctx, runner.New(runner.Options{Store: reader, Logger: quiet}), reader, arns)
		if err != nil {
			return err
		}
		transitions += kids
	}
	report(w, len(arns), transitions, elapsed, snap)
	if w.items > 0 {
		reportItems(w, transitions, snap)
	}
	return nil
}

func start(ctx context.Context, r *runner.Runner, w workload) ([]string, error) {
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:" + w.name, Name: w.name, Type: "STANDARD"}
	var arns []string
	for i, in := range w.inputs {
		ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: w.definition, Name: fmt.Sprintf("e-%d", i), Input: in})
		if err != nil {
			return nil, err
		}
		arns = append(arns, ex.ARN)
	}
	return arns, nil
}

// countTransitions counts state transitions as AWS bills them: one per
// state entered (the workloads have no retries).
func countTransitions(ctx context.Context, r *runner.Runner, arns []string, final map[string]store.Execution) (int, error) {
	n := 0
	for _, a := range arns {
		ex := final[a]
		if ex.Status != runner.StatusSucceeded {
			return 0, fmt.Errorf("%s ended %s: %s %s", a, ex.Status, ex.Error, ex.Cause)
		}
		evs, err := r.History(ctx, a)
		if err != nil {
			return 0, err
		}
		for _, e := range evs {
			if strings.HasSuffix(e.Type, "StateEntered") {
				n++
			}
		}
	}
	return n, nil
}

func report(w workload, executions, transitions int, elapsed time.Duration, s snapshot) {
	per := func(n float64) float64 { return n / float64(transitions) }
	send := s.sum("sqs:", "SendMessage") + s.sum("sqs:", "SendMessageBatch")
	sqsAll := s.sum("sqs:")
	dbWrites := s.sum("dynamodb:", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")
	dbReads := s.sum("dynamodb:", "GetItem", "Query")
	cost := per(float64(sqsAll))*priceSQS + per(s.wcu)*priceWRU + per(s.rcu)*priceRRU
	fmt.Printf("\n== %s: %d executions, %d transitions in %v (%.0f transitions/s, %d steppers)\n",
		w.name, executions, transitions, elapsed.Round(time.Millisecond), float64(transitions)/elapsed.Seconds(), steppers)
	fmt.Printf("requests: %s\n", s)
	fmt.Printf("per transition: SQS send %.3f, receive %.3f, delete %.3f (all SQS %.3f); DynamoDB writes %.3f (%.3f WRU), reads %.3f (%.3f RRU)\n",
		per(float64(send)), per(float64(s.sum("sqs:", "ReceiveMessage"))), per(float64(s.sum("sqs:", "DeleteMessage", "DeleteMessageBatch"))),
		per(float64(sqsAll)), per(float64(dbWrites)), per(s.wcu), per(float64(dbReads)), per(s.rcu))
	fmt.Printf("cost per million transitions: $%.3f (SQS $%.3f + DynamoDB writes $%.3f + reads $%.3f) at $%.2f/M SQS requests, $%.3f/M WRU, $%.3f/M RRU\n",
		cost, per(float64(sqsAll))*priceSQS, per(s.wcu)*priceWRU, per(s.rcu)*priceRRU, priceSQS, priceWRU, priceRRU)
}

// cleanupTB lets the test harness start emulators outside a test: it
// collects their cleanups and turns a fatal error into an exit after them.
type cleanupTB struct {
	testing.TB // nil: only the methods below are called
	fns        []func()
}

func (t *cleanupTB) Cleanup(f func()) { t.fns = append(t.fns, f) }

func (t *cleanupTB) cleanup() {
	for i := len(t.fns) - 1; i >= 0; i-- {
		t.fns[i]()
	}
	t.fns = nil
}

func (t *cleanupTB) Helper() {}

func (t *cleanupTB) Fatalf(format string, args ...any) {
	t.cleanup()
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func (t *cleanupTB) Fatal(args ...any) { t.Fatalf("%s", fmt.Sprint(args...)) }

func (t *cleanupTB) Logf(format string, args ...any) { log.Printf(format, args...) }

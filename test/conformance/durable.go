package conformance

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/mocktask"
)

// Faults injected while pumping messages through the durable runner.
type Faults struct {
	Duplicate bool       // deliver every message twice
	Shuffle   *rand.Rand // deliver pending messages in random order
	// Batches delivers the due messages in batches of up to 10, as the
	// stepper receives them from SQS (with Shuffle, of random sizes).
	Batches bool
}

// pumpQueue is a queue.Sender whose messages the test delivers itself.
type pumpQueue struct{ msgs []queue.Message }

func (q *pumpQueue) Send(_ context.Context, m queue.Message, _ time.Duration) error {
	q.msgs = append(q.msgs, m)
	return nil
}

// RunDurable executes a case on the durable runner over memstore and a
// test-driven queue, with a fake clock and the case's mocks.
func RunDurable(ctx context.Context, c Case, faults Faults) (inproc.Result, error) {
	clk := clock.NewFake(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	st := memstore.New()
	q := &pumpQueue{}
	inv, err := caseInvoker(c)
	if err != nil {
		return inproc.Result{}, err
	}
	r := runner.New(runner.Options{Store: st, Queue: q, Invoker: inv, Clock: clk, Random: rand.New(rand.NewPCG(1, 2)).Float64})
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:Case", Name: "Case", Type: "STANDARD"}
	ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: jsonval.String(c.Definition), Input: jsonval.String(c.Input), RoleARN: "arn:aws:iam::000000000000:role/StepwiseRole"})
	if err != nil {
		return inproc.Result{}, fmt.Errorf("start: %w", err)
	}
	for steps := 0; len(q.msgs) > 0; steps++ {
		if steps > 200000 {
			return inproc.Result{}, fmt.Errorf("no end after %d messages", steps)
		}
		i := 0
		if faults.Shuffle != nil {
			i = faults.Shuffle.IntN(len(q.msgs))
		}
		m := q.msgs[i]
		q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
		if m.Due.After(clk.Now()) {
			_ = clk.SleepUntil(ctx, m.Due)
		}
		if faults.Batches {
			if err := handleBatch(ctx, r, q, m, clk.Now(), faults); err != nil {
				return inproc.Result{}, err
			}
			continue
		}
		if err := r.Handle(ctx, m); err != nil {
			return inproc.Result{}, fmt.Errorf("handle %+v: %w", m, err)
		}
		if faults.Duplicate {
			if err := r.Handle(ctx, m); err != nil {
				return inproc.Result{}, fmt.Errorf("handle duplicate %+v: %w", m, err)
			}
		}
	}
	final, err := st.GetExecution(ctx, ex.ARN)
	if err != nil {
		return inproc.Result{}, err
	}
	hist, err := r.History(ctx, ex.ARN)
	if err != nil {
		return inproc.Result{}, err
	}
	res := inproc.Result{Status: final.Status, Error: final.Error, Cause: final.Cause, History: inproc.HistoryOf(hist)}
	if final.Status == runner.StatusSucceeded {
		if res.Output, err = jsonval.DecodeString(final.Output); err != nil {
			return inproc.Result{}, err
		}
	}
	return res, nil
}

// handleBatch delivers first with other due messages, up to 10 (a random
// number with Shuffle), in one HandleBatch; with Duplicate, each twice.
func handleBatch(ctx context.Context, r *runner.Runner, q *pumpQueue, first queue.Message, now time.Time, faults Faults) error {
	size := 10
	if faults.Shuffle != nil {
		size = 1 + faults.Shuffle.IntN(10)
	}
	batch := []queue.Message{first}
	for i := 0; i < len(q.msgs) && len(batch) < size; {
		if q.msgs[i].Due.After(now) {
			i++
			continue
		}
		batch = append(batch, q.msgs[i])
		q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
	}
	if faults.Duplicate {
		batch = append(batch, batch...)
	}
	if faults.Shuffle != nil {
		faults.Shuffle.Shuffle(len(batch), func(i, j int) { batch[i], batch[j] = batch[j], batch[i] })
	}
	for i, err := range r.HandleBatch(ctx, batch) {
		if err != nil {
			return fmt.Errorf("handle %+v in a batch: %w", batch[i], err)
		}
	}
	return nil
}

func caseInvoker(c Case) (task.Invoker, error) {
	if c.MockConfig == nil {
		return nil, nil
	}
	cfg, err := mockconfig.Parse(jsonval.Marshal(c.MockConfig))
	if err != nil {
		return nil, fmt.Errorf("mock config: %w", err)
	}
	return mocktask.New(cfg, mockStateMachine, mockTestCase, nil)
}

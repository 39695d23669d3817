package conformance

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/task/mocktask"
)

// Mock configuration names fixed by the corpus.
const (
	mockStateMachine = "Case"
	mockTestCase     = "Default"
)

// Run executes one case with the embedded engine, a fake clock and the
// case's mocked task responses.
func Run(ctx context.Context, c Case) (inproc.Result, error) {
	def, err := asl.FromValue(c.Definition)
	if err != nil {
		return inproc.Result{}, fmt.Errorf("parse definition: %w", err)
	}
	m, err := interp.Compile(def)
	if err != nil {
		return inproc.Result{}, fmt.Errorf("compile: %w", err)
	}
	opts := inproc.Options{
		StateMachineName: "Case",
		Clock:            clock.NewFake(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)),
		Random:           rand.New(rand.NewPCG(1, 2)).Float64,
	}
	if c.MockConfig != nil {
		cfg, err := mockconfig.Parse(jsonval.Marshal(c.MockConfig))
		if err != nil {
			return inproc.Result{}, fmt.Errorf("mock config: %w", err)
		}
		inv, err := mocktask.New(cfg, mockStateMachine, mockTestCase, nil)
		if err != nil {
			return inproc.Result{}, err
		}
		opts.Invoker = inv
	}
	return inproc.Run(ctx, m, c.Input, opts)
}

package main

import (
	"context"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/local"
	"github.com/stepwise/stepwise/shared/task"
)

// hasDistributedMap tells whether a state machine or one nested in it has
// a Map in DISTRIBUTED mode.
func hasDistributedMap(sm *asl.StateMachine) bool {
	if sm == nil {
		return false
	}
	for _, s := range sm.States {
		if s.Processor != nil && (s.Processor.ProcessorMode == "DISTRIBUTED" || hasDistributedMap(s.Processor)) {
			return true
		}
		for _, b := range s.Branches {
			if hasDistributedMap(b) {
				return true
			}
		}
	}
	return false
}

// runDistributed runs a definition with a Distributed Map on the durable
// runner over in-memory adapters (local.RunOnce), so that its map runs
// are the ones `serve` and AWS run: child executions, MapRun events,
// ResultWriter output, tolerated failures.
func runDistributed(ctx context.Context, o runOptions, data []byte, input jsonval.Value, inv task.Invoker, smName string, lim limits.Limits) (inproc.Result, error) {
	return local.RunOnce(ctx, string(data), input, local.RunOnceOptions{
		StateMachineName: smName, ExecutionName: o.name, Type: o.typ,
		Invoker: inv, Clock: waitClock(o.waitScale), Limits: lim,
	})
}

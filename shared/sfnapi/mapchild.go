package sfnapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// mapChildMachine answers DescribeStateMachineForExecution for a child
// execution of a Distributed Map: as AWS does, the machine is the map
// run's (<machine>/<label>, the Map's item processor), with the run's ARN
// and label; logging, tracing and encryption are the parent machine's.
func (a *API) mapChildMachine(ctx context.Context, ex store.Execution, included string) (smForExecutionOut, error) {
	rd, ok := a.rt.(runner.MapChildReader)
	if !ok {
		return smForExecutionOut{}, errStateMachineDoesNotExist(ex.StateMachineARN)
	}
	m, err := rd.MapChildMachine(ctx, ex)
	if errors.Is(err, store.ErrNotFound) {
		return smForExecutionOut{}, errStateMachineDoesNotExist(ex.StateMachineARN)
	}
	if err != nil {
		return smForExecutionOut{}, fmt.Errorf("describe map run child %s: %w", ex.ARN, err)
	}
	out := smForExecutionOut{
		StateMachineArn: m.MapRun.StateMachineARN, Name: arnName(m.MapRun.StateMachineARN),
		Definition: m.Definition, RoleArn: m.RoleARN, UpdateDate: ts(m.MapRun.StartDate),
		LoggingConfiguration: rawText(defaultLogging), TracingConfiguration: rawText(defaultTracing),
		EncryptionConfiguration: encryptionOf(""), MapRunArn: m.MapRun.ARN, Label: m.Label,
		VariableReferences: variableReferences(m.Definition),
	}
	if sm, err := a.parentMachine(ctx, m.MapRun.ExecutionARN); err == nil {
		out.LoggingConfiguration = rawText(orDefault(sm.LoggingConfiguration, defaultLogging))
		out.TracingConfiguration = rawText(orDefault(sm.TracingConfiguration, defaultTracing))
		out.EncryptionConfiguration = encryptionOf(sm.EncryptionConfiguration)
	} else if !errors.Is(err, store.ErrNotFound) {
		return smForExecutionOut{}, err
	}
	if included == "METADATA_ONLY" {
		out.Definition = metadataOnly
	}
	return out, nil
}

// arnName is the last part of an ARN: a map run's machine <machine>/<label>.
func arnName(arn string) string { return arn[strings.LastIndexByte(arn, ':')+1:] }

// parentMachine loads the state machine of a map run's parent execution.
func (a *API) parentMachine(ctx context.Context, executionARN string) (store.StateMachine, error) {
	parent, err := a.st.GetExecution(ctx, executionARN)
	if err != nil {
		return store.StateMachine{}, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	sm, err := a.st.GetStateMachine(ctx, parent.StateMachineARN)
	if err != nil {
		return store.StateMachine{}, fmt.Errorf("load state machine %s: %w", parent.StateMachineARN, err)
	}
	return sm, nil
}

// countChildItems gives a map run's listed children their map run ARN and
// item count: one item each, or the batch in a batched child's input.
func (a *API) countChildItems(ctx context.Context, mapRunARN string, children []executionItem) error {
	run, err := a.loadMapRun(ctx, mapRunARN)
	if err != nil {
		return err
	}
	for i := range children {
		n := 1
		if run.Batched {
			ex, err := a.st.GetExecution(ctx, children[i].ExecutionArn)
			if err != nil {
				return fmt.Errorf("load child execution %s: %w", children[i].ExecutionArn, err)
			}
			n = batchSize(ex.Input)
		}
		children[i].MapRunArn, children[i].ItemCount = run.ARN, &n
	}
	return nil
}

// batchSize counts the items of a batched child's input {"Items": [...]}.
func batchSize(input string) int {
	var batch struct{ Items []json.RawMessage }
	if json.Unmarshal([]byte(input), &batch) != nil {
		return 0
	}
	return len(batch.Items)
}

// loadDescribable loads an execution to describe: as AWS does, an Express
// execution can be described only when a map run dispatched it (its ARN
// names the run's machine, <machine>/<label>); any other Express ARN is
// not valid here.
func (a *API) loadDescribable(ctx context.Context, s string) (store.Execution, error) {
	p, err := arn.Parse(s)
	if err != nil || p.Type != "express" || !strings.Contains(p.Resource[0], "/") {
		return a.loadExecution(ctx, s)
	}
	ex, err := a.st.GetExecution(ctx, s)
	if err != nil {
		return ex, notFound(err, errExecutionDoesNotExist(s), "load execution")
	}
	if ex.MapRunARN == "" {
		return a.loadExecution(ctx, s) // answers InvalidArn
	}
	return ex, nil
}

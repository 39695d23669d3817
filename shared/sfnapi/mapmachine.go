package sfnapi

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// describeMapMachine describes the state machine of a map run
// (<machine>/<label>, the ARN ListMapRuns answers): the Map's item
// processor, with its label, as AWS answers a qualified ARN naming a
// Distributed Map. Logging, tracing and encryption are the parent's.
func (a *API) describeMapMachine(ctx context.Context, in describeStateMachineIn) (describeStateMachineOut, error) {
	rd, ok := a.rt.(runner.MapMachineReader)
	if !ok {
		return describeStateMachineOut{}, errStateMachineDoesNotExist(in.StateMachineArn)
	}
	m, err := rd.MapMachine(ctx, in.StateMachineArn)
	if errors.Is(err, store.ErrNotFound) {
		return describeStateMachineOut{}, errStateMachineDoesNotExist(in.StateMachineArn)
	}
	if err != nil {
		return describeStateMachineOut{}, fmt.Errorf("describe map run machine: %w", err)
	}
	out := describeStateMachineOut{
		StateMachineArn: m.ARN, Name: m.Name, Status: "ACTIVE", Definition: m.Definition, RoleArn: m.RoleARN,
		Type: orDefault(m.Type, "STANDARD"), CreationDate: ts(m.CreationDate),
		LoggingConfiguration: rawText(defaultLogging), TracingConfiguration: rawText(defaultTracing),
		EncryptionConfiguration: encryptionOf(""), VariableReferences: variableReferences(m.Definition), Label: m.Label,
	}
	parentARN := strings.TrimSuffix(m.ARN, "/"+m.Label)
	if sm, err := a.st.GetStateMachine(ctx, parentARN); err == nil {
		out.LoggingConfiguration = rawText(orDefault(sm.LoggingConfiguration, defaultLogging))
		out.TracingConfiguration = rawText(orDefault(sm.TracingConfiguration, defaultTracing))
		out.EncryptionConfiguration = encryptionOf(sm.EncryptionConfiguration)
	} else if !errors.Is(err, store.ErrNotFound) {
		return describeStateMachineOut{}, fmt.Errorf("load state machine %s: %w", parentARN, err)
	}
	if in.IncludedData == "METADATA_ONLY" {
		out.Definition = metadataOnly
	}
	return out, nil
}

package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// A map run's children run the state machine <machine>/<label>, whose ARN
// ListMapRuns and DescribeExecution answer. DescribeStateMachine describes
// it from a record its latest run leaves (a payload keyed by the ARN).

// mapMachineKey names the payload describing a map run's state machine.
func mapMachineKey(stateMachineARN string) string { return "mapsm#" + stateMachineARN }

type mapMachineRecord struct {
	DefKey   string    `json:"defKey"`
	ExecType string    `json:"execType"`
	RoleARN  string    `json:"roleArn"`
	Created  time.Time `json:"created"`
}

// MapMachine is the state machine of a map run, as DescribeStateMachine
// shows it.
type MapMachine struct {
	ARN, Name, Label    string
	Definition, RoleARN string
	Type                string // the children's execution type
	CreationDate        time.Time
}

// MapMachineReader is what the API reads of map runs' state machines.
type MapMachineReader interface {
	// MapMachine describes one by its ARN; store.ErrNotFound when no map
	// run ran it.
	MapMachine(ctx context.Context, stateMachineARN string) (MapMachine, error)
}

var _ MapMachineReader = (*Runner)(nil)

// indexMapMachine records the state machine a new map run's children run.
func (t *tx) indexMapMachine(ctx context.Context, run *mapRun) error {
	rec, err := json.Marshal(mapMachineRecord{DefKey: run.DefKey, ExecType: run.ExecType, RoleARN: t.st.RoleARN, Created: t.now})
	if err != nil {
		return fmt.Errorf("encode map run machine: %w", err)
	}
	arn := t.r.opts.Scope.StateMachine(run.SMName)
	if err := t.r.opts.Store.PutPayload(ctx, mapMachineKey(arn), rec); err != nil {
		return fmt.Errorf("index map run machine %s: %w", arn, err)
	}
	return nil
}

// MapMachine reads a map run's state machine from its record.
func (r *Runner) MapMachine(ctx context.Context, stateMachineARN string) (MapMachine, error) {
	data, err := r.opts.Store.GetPayload(ctx, mapMachineKey(stateMachineARN))
	if err != nil {
		return MapMachine{}, err
	}
	var rec mapMachineRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return MapMachine{}, fmt.Errorf("decode map run machine %s: %w", stateMachineARN, err)
	}
	def, err := r.payload(ctx, rec.DefKey)
	if err != nil {
		return MapMachine{}, fmt.Errorf("load definition of %s: %w", stateMachineARN, err)
	}
	name := stateMachineARN[strings.LastIndexByte(stateMachineARN, ':')+1:]
	_, label, _ := strings.Cut(name, "/")
	return MapMachine{ARN: stateMachineARN, Name: name, Label: label, Definition: string(def), RoleARN: rec.RoleARN,
		Type: rec.ExecType, CreationDate: rec.Created}, nil
}

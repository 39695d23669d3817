package interp

import (
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// A Map in DISTRIBUTED mode runs each item (or batch) as a child execution
// of a map run. The core only describes the run (distributed); the runner
// starts the executions and joins their results as it joins inline ones.

// distributed describes the map run of the Map st is entering, or nil for
// an inline Map.
func (st *stepper) distributed(input jsonval.Value) (*Distributed, error) {
	p := st.n.st.Processor
	if p == nil || p.ProcessorMode != "DISTRIBUTED" {
		return nil, nil
	}
	d := &Distributed{Label: st.n.st.Label, ExecutionType: p.ExecutionType, Definition: childDefinition(p), Batched: st.n.st.ItemBatcher != nil}
	if d.ExecutionType == "" {
		d.ExecutionType = "STANDARD"
	}
	if st.hasField("ToleratedFailureCount", "ToleratedFailureCountPath") {
		n, err := st.toleratedCount(input)
		if err != nil {
			return nil, err
		}
		d.ToleratedFailureCount = n
	}
	pct, _, err := st.toleratedPercentage(input)
	if err != nil {
		return nil, err
	}
	d.ToleratedFailurePercentage = pct
	if d.ResultWriter, err = st.resultWriter(input); err != nil {
		return nil, err
	}
	return d, nil
}

func (st *stepper) hasField(names ...string) bool {
	for _, n := range names {
		if _, ok := st.n.fields[n]; ok {
			return true
		}
	}
	return false
}

// childDefinition is the processor as a state machine of its own: without
// its ProcessorConfig, and with the query language it inherits.
func childDefinition(p *asl.StateMachine) string {
	if p.Raw == nil {
		return ""
	}
	o := jsonval.NewObject(p.Raw.Len() + 1)
	if _, ok := p.Raw.Get("QueryLanguage"); !ok && p.QueryLanguage == asl.JSONata {
		o.Set("QueryLanguage", asl.JSONata)
	}
	for _, k := range p.Raw.Keys() {
		if k != "ProcessorConfig" {
			v, _ := p.Raw.Get(k)
			o.Set(k, v)
		}
	}
	return jsonval.String(o)
}

package interp

import (
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// A distributed Map's ResultWriter is I/O done by the runner at the end of
// the map run (see resultwriter). The core resolves it when the Map
// starts: the Parameters (JSONPath) or Arguments (JSONata) and the
// WriterConfig are evaluated against the state's input into
//
//	{"Resource": …, "Parameters": {"Bucket", "Prefix"}, "WriterConfig": {…}}
//
// and the runner's write comes back in Joined (Written, Output or
// WriteFailure).

// Field names of the compiled writer templates.
const (
	fieldWriterParams = "ResultWriter.Parameters"
	fieldWriterConfig = "ResultWriter.WriterConfig"
)

func (n *node) compileWriter() {
	w := n.st.ResultWriter
	if w == nil {
		return
	}
	key := "Parameters"
	if n.jsonata {
		key = "Arguments"
	}
	if params, ok := w.Get(key); ok {
		if n.jsonata {
			n.fields[fieldWriterParams] = compileJSONataTemplate(params, key)
		} else {
			n.fields[fieldWriterParams] = compilePathTemplate(params, key)
		}
	}
	if cfg, ok := w.Get("WriterConfig"); ok {
		if n.jsonata {
			n.fields[fieldWriterConfig] = compileJSONataTemplate(cfg, "WriterConfig")
		} else {
			n.fields[fieldWriterConfig] = tLiteral{cfg}
		}
	}
}

// resultWriter resolves the Map's ResultWriter, nil when it has none.
func (st *stepper) resultWriter(input jsonval.Value) (jsonval.Value, error) {
	w := st.n.st.ResultWriter
	if w == nil {
		return nil, nil
	}
	out := jsonval.NewObject(3)
	if res, ok := w.Get("Resource"); ok {
		out.Set("Resource", res)
	}
	if t, ok := st.n.fields[fieldWriterParams]; ok {
		v, err := t.eval(&st.scope, input)
		if err != nil {
			return nil, err
		}
		out.Set("Parameters", v)
	}
	if t, ok := st.n.fields[fieldWriterConfig]; ok {
		v, err := t.eval(&st.scope, input)
		if err != nil {
			return nil, err
		}
		out.Set("WriterConfig", v)
	}
	return out, nil
}

// written ends a Map whose map run's results the runner wrote: the
// writer's output is the Map's result, or its failure the Map's.
func (st *stepper) written(j Joined) error {
	if j.WriteFailure != "" {
		st.emit(history.MapStateFailed)
		return &Failure{Name: asl.ErrorResultWriterFailed, Cause: j.WriteFailure}
	}
	return nil
}

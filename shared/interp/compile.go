package interp

import (
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

func (n *node) compileJSONPath() {
	st := n.st
	n.inputPath = compilePathField(st.InputPath, "InputPath")
	n.outputPath = compilePathField(st.OutputPath, "OutputPath")
	n.resultPath = compilePathField(st.ResultPath, "ResultPath")
	if st.Parameters.Set {
		n.parameters = compilePathTemplate(st.Parameters.Value, "Parameters")
	}
	if st.ResultSelector.Set {
		n.resultSelector = compilePathTemplate(st.ResultSelector.Value, "ResultSelector")
	}
	n.result, n.hasResult = st.Result.Value, st.Result.Set
	n.assign = compileAssign(st.Assign, false)
	for field, text := range map[string]string{
		"SecondsPath": st.SecondsPath, "TimestampPath": st.TimestampPath,
		"ErrorPath": st.ErrorPath, "CausePath": st.CausePath,
		"TimeoutSecondsPath": st.TimeoutPath, "HeartbeatSecondsPath": st.HeartbeatPath,
		"MaxConcurrencyPath": st.MaxConcurrencyPath, "ItemsPath": st.ItemsPath.Path,
		"ToleratedFailurePercentagePath": st.ToleratedFailurePctPath,
		"ToleratedFailureCountPath":      st.ToleratedFailureCountPath,
	} {
		if text != "" {
			n.fields[field] = compileExpr(text, field)
		}
	}
	n.literalFields()
	if st.ItemSelector.Set {
		n.fields["ItemSelector"] = compilePathTemplate(st.ItemSelector.Value, "ItemSelector")
	}
	if st.Credentials != nil {
		n.fields["Credentials"] = compilePathTemplate(st.Credentials, "Credentials")
	}
}

// literalFields keeps plain values of fields that JSONata may also compute.
func (n *node) literalFields() {
	st := n.st
	for field, v := range map[string]jsonval.Value{
		"Seconds": st.Seconds, "Timestamp": st.Timestamp, "Error": st.Error, "Cause": st.Cause,
		"TimeoutSeconds": st.TimeoutSeconds, "HeartbeatSeconds": st.HeartbeatSeconds,
		"MaxConcurrency": st.MaxConcurrency, "ToleratedFailurePercentage": st.ToleratedFailurePct,
		"ToleratedFailureCount": st.ToleratedFailureCount,
	} {
		if v == nil {
			continue
		}
		if n.jsonata {
			n.fields[field] = compileJSONataTemplate(v, field)
		} else {
			n.fields[field] = tLiteral{v}
		}
	}
}

func (n *node) compileJSONata() {
	st := n.st
	if st.Arguments.Set {
		n.arguments = compileJSONataTemplate(st.Arguments.Value, "Arguments")
	}
	if st.Output.Set {
		n.output = compileJSONataTemplate(st.Output.Value, "Output")
	}
	n.assign = compileAssign(st.Assign, true)
	n.literalFields()
	if st.Items.Set {
		n.fields["Items"] = compileJSONataTemplate(st.Items.Value, "Items")
	}
	if st.ItemSelector.Set {
		n.fields["ItemSelector"] = compileJSONataTemplate(st.ItemSelector.Value, "ItemSelector")
	}
	if st.Credentials != nil {
		n.fields["Credentials"] = compileJSONataTemplate(st.Credentials, "Credentials")
	}
}

func compilePathField(f asl.PathField, name string) *pathField {
	if !f.Set {
		return nil
	}
	if f.Null {
		return &pathField{null: true}
	}
	p, err := jsonpath.Parse(f.Path)
	if err != nil {
		return &pathField{err: runtimeFailure("Invalid path '%s' for the field '%s': %v", f.Path, name, err)}
	}
	return &pathField{path: p}
}

// compileAssign compiles an Assign block into an object template whose keys
// are variable names.
func compileAssign(o *jsonval.Object, jsonata bool) *tObject {
	if o == nil {
		return nil
	}
	var t template
	if jsonata {
		t = compileJSONataTemplate(o, "Assign")
	} else {
		t = compilePathTemplate(o, "Assign")
	}
	obj, _ := t.(*tObject)
	return obj
}

func (n *node) compileCatchers() {
	for _, c := range n.st.Catch {
		cc := &catcher{c: c}
		if n.jsonata {
			if c.Output.Set {
				cc.output = compileJSONataTemplate(c.Output.Value, "Output")
			}
		} else {
			cc.resultPath = compilePathField(c.ResultPath, "ResultPath")
		}
		cc.assign = compileAssign(c.Assign, n.jsonata)
		n.catch = append(n.catch, cc)
	}
}

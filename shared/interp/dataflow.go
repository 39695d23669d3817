package interp

import (
	"errors"

	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// The data-flow pipeline. JSONPath: InputPath → Parameters → (work) →
// ResultSelector → ResultPath → OutputPath, with Assign beside it. JSONata:
// Arguments → (work) → Output, with Assign beside it. Each stage returns its
// value or a Failure carrying AWS's error name.

// inputStage applies InputPath to the raw state input.
func (st *stepper) inputStage() (jsonval.Value, error) {
	return st.inspect("afterInputPath")(st.applySelect(st.n.inputPath, st.rec.Input))
}

// inspect reports a stage's value to Env.Inspect and passes it on.
func (st *stepper) inspect(stage string) func(jsonval.Value, error) (jsonval.Value, error) {
	return func(v jsonval.Value, err error) (jsonval.Value, error) {
		if err == nil && st.env.Inspect != nil {
			st.env.Inspect(stage, v)
		}
		return v, err
	}
}

// parametersStage applies Parameters (JSONPath) to the effective input.
func (st *stepper) parametersStage(effective jsonval.Value) (jsonval.Value, error) {
	if st.n.parameters == nil {
		return effective, nil
	}
	return st.inspect("afterParameters")(st.n.parameters.eval(&st.scope, effective))
}

// argumentsStage evaluates Arguments (JSONata); without it the input passes.
func (st *stepper) argumentsStage() (jsonval.Value, error) {
	if st.n.arguments == nil {
		return st.rec.Input, nil
	}
	return st.inspect("afterArguments")(st.n.arguments.eval(&st.scope, st.rec.Input))
}

// resultSelectorStage applies ResultSelector to a raw result.
func (st *stepper) resultSelectorStage(result jsonval.Value) (jsonval.Value, error) {
	st.inspect("result")(result, nil)
	if st.n.resultSelector == nil {
		return result, nil
	}
	return st.inspect("afterResultSelector")(st.n.resultSelector.eval(&st.scope, result))
}

// resultPathStage merges result into the raw input.
func (st *stepper) resultPathStage(pf *pathField, result jsonval.Value) (jsonval.Value, error) {
	return st.inspect("afterResultPath")(st.mergeResult(pf, result))
}

func (st *stepper) mergeResult(pf *pathField, result jsonval.Value) (jsonval.Value, error) {
	switch {
	case pf == nil:
		return result, nil
	case pf.err != nil:
		return nil, pf.err
	case pf.null:
		return st.rec.Input, nil
	}
	if pf.path.Root() != jsonpath.RootInput {
		return nil, runtimeFailure("Invalid path '%s': ResultPath must reference the state input", pf.path.String())
	}
	out, err := pf.path.Set(st.rec.Input, result)
	if err != nil {
		if errors.Is(err, jsonpath.ErrNotSettable) {
			return nil, runtimeFailure("Invalid path '%s' : %s", pf.path.String(), missingProperty(pf.path, st.rec.Input))
		}
		return nil, runtimeFailure("Invalid path '%s' : %v", pf.path.String(), err)
	}
	return out, nil
}

// outputStage applies OutputPath.
func (st *stepper) outputStage(v jsonval.Value) (jsonval.Value, error) {
	return st.applySelect(st.n.outputPath, v)
}

// applySelect applies an InputPath/OutputPath-like field.
func (st *stepper) applySelect(pf *pathField, v jsonval.Value) (jsonval.Value, error) {
	switch {
	case pf == nil:
		return v, nil
	case pf.err != nil:
		return nil, pf.err
	case pf.null:
		return jsonval.NewObject(0), nil
	}
	return st.scope.selectPath(pf.path, v)
}

// jsonataOutput evaluates Output (JSONata) with $states.result bound;
// without Output the state's output is def.
func (st *stepper) jsonataOutput(out template, def jsonval.Value) (jsonval.Value, error) {
	if out == nil {
		return def, nil
	}
	return out.eval(&st.scope, st.rec.Input)
}

// bindResult makes $states.result visible to Output and Assign.
func (st *stepper) bindResult(result jsonval.Value) {
	st.scope.result, st.scope.hasResult = result, true
}

// assignStage evaluates Assign against the variables as they were on entry
// and returns the new assignments. JSONPath "$" is dollar.
func (st *stepper) assignStage(a *tObject, dollar jsonval.Value) (map[string]jsonval.Value, error) {
	if a == nil {
		return nil, nil
	}
	out := make(map[string]jsonval.Value, len(a.keys))
	for i, k := range a.keys {
		v, err := a.elems[i].eval(&st.scope, dollar)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

// finish runs the common tail of a state: Assign, then output, then exit.
// For JSONPath, result is merged by ResultPath and filtered by OutputPath;
// for JSONata, Output (default def) decides.
func (st *stepper) finish(result jsonval.Value, def jsonval.Value, next string) error {
	var (
		out     jsonval.Value
		assigns map[string]jsonval.Value
		err     error
	)
	if st.n.jsonata {
		st.inspect("result")(result, nil)
		st.bindResult(result)
		if assigns, err = st.assignStage(st.n.assign, nil); err != nil {
			return err
		}
		if out, err = st.jsonataOutput(st.n.output, def); err != nil {
			return err
		}
	} else {
		if assigns, err = st.assignStage(st.n.assign, result); err != nil {
			return err
		}
		if out, err = st.resultPathStage(st.n.resultPath, result); err != nil {
			return err
		}
		if out, err = st.outputStage(out); err != nil {
			return err
		}
	}
	st.rec.Vars = st.rec.Vars.With(assigns)
	return st.exitTo(out, next)
}

// missingProperty renders Jayway's message for a ResultPath that cannot be set.
func missingProperty(p *jsonpath.Path, root jsonval.Value) string {
	return "Missing property in path " + p.String()
}

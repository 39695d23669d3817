package interp

import (
	"math"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// mapEnter resolves the items, from the input or through the ItemReader,
// and starts one child per item (or batch).
func (st *stepper) mapEnter() error {
	input, err := st.forkInput()
	if err != nil {
		return err
	}
	if st.n.st.ItemReader != nil {
		return st.mapRead(input)
	}
	items, err := st.mapItems(input)
	if err != nil {
		return err
	}
	return st.mapStart(input, items, nil)
}

// mapStart applies ItemSelector to each item, then ItemBatcher, and forks.
// more, for a distributed Map whose reader pages, is the rest of the read:
// its children come page by page (see pages.go).
func (st *stepper) mapStart(input jsonval.Value, items []any, more *PagedRead) error {
	maxConc, err := st.mapInt("MaxConcurrency", "MaxConcurrencyPath", input)
	if err != nil {
		return err
	}
	tolerated, err := st.tolerance(input, len(items))
	if err != nil {
		return err
	}
	dist, err := st.distributed(input)
	if err != nil {
		return err
	}
	if dist != nil && tolerated < 0 {
		tolerated = 0 // a map run fails with States.ExceedToleratedFailureThreshold
	}
	selected, err := st.mapInputs(input, items, 0, dist != nil)
	if err != nil {
		return err
	}
	st.emit(history.MapStateStarted, "length", jsonval.NumberFromInt(int64(len(selected))))
	children, err := st.mapChildren(selected, 0, dist != nil)
	if err != nil {
		return err
	}
	if more != nil {
		more.Items = len(items)
	}
	st.rec.Phase = PhaseForked
	st.action = Fork{Children: children, MaxConcurrency: int(maxConc), ToleratedFailures: tolerated, Distributed: dist, Reader: more}
	return nil
}

// mapInputs applies ItemSelector to items (the first at index base of the
// whole read), then ItemBatcher: the children's inputs.
func (st *stepper) mapInputs(input jsonval.Value, items []any, base int, distributed bool) ([]any, error) {
	selected := make([]any, len(items))
	var err error
	for i, item := range items {
		if selected[i], err = st.itemInput(input, base+i, item); err != nil {
			return nil, err
		}
	}
	if st.hasItemSelector() {
		st.inspect("afterItemSelector")(selected, nil)
	}
	if selected, err = st.batch(selected, input); err != nil {
		return nil, err
	}
	if st.n.st.ItemBatcher != nil {
		st.inspect("afterItemBatcher")(selected, nil)
	}
	if err := st.checkFanOut(len(selected), distributed); err != nil {
		return nil, err
	}
	return selected, nil
}

// mapChildren starts a child record per input, the first as child base.
func (st *stepper) mapChildren(selected []any, base int, distributed bool) ([]Child, error) {
	outer := st.rec.Vars.Flatten()
	children := make([]Child, len(selected))
	for i, itemInput := range selected {
		rec, err := st.m.StartRecord(st.n.processor, itemInput, Vars{Outer: outer})
		if err != nil {
			return nil, err
		}
		rec.LastEventID = st.rec.LastEventID
		children[i] = Child{Record: rec, Index: base + i, MapName: st.n.st.Name, Items: st.batchSize(itemInput)}
		if !distributed {
			children[i].StartEvent, children[i].SuccessEvent, children[i].FailEvent = history.MapIterationStarted, history.MapIterationSucceeded, history.MapIterationFailed
		}
	}
	return children, nil
}

// mapItems evaluates ItemsPath (JSONPath) or Items (JSONata).
func (st *stepper) mapItems(input jsonval.Value) ([]any, error) {
	var v jsonval.Value = input
	if t, ok := st.n.fields["Items"]; ok {
		iv, err := t.eval(&st.scope, input)
		if err != nil {
			return nil, err
		}
		arr, ok := iv.([]any)
		if !ok {
			if j, ok := t.(*tJSONata); ok {
				return nil, queryFailure("The JSONata expression '%s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s", j.src, jsonval.TypeName(iv), jsonval.String(iv))
			}
			return nil, queryFailure("The field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s", jsonval.TypeName(iv), jsonval.String(iv))
		}
		return arr, nil
	}
	if t, ok := st.n.fields["ItemsPath"].(*tPath); ok {
		iv, err := st.scope.selectPath(t.path, input)
		if err != nil {
			return nil, err
		}
		if _, isArr := iv.([]any); !isArr {
			return nil, runtimeFailure("Reference path \"%s\" must point to array.", referencePath(t.path))
		}
		v = iv
	}
	arr, ok := v.([]any)
	if !ok {
		if st.n.jsonata {
			return nil, queryFailure("Map state input must be an array but was: %s", jsonval.String(v))
		}
		return nil, runtimeFailure("Map state input must be an array but was: %s", jsonval.String(v))
	}
	st.inspect("afterItemsPath")(arr, nil)
	return arr, nil
}

// hasItemSelector tells a Map that shapes its items: ItemSelector, or the
// legacy Parameters.
func (st *stepper) hasItemSelector() bool {
	_, ok := st.n.fields["ItemSelector"]
	return ok || st.n.parameters != nil
}

// itemInput applies ItemSelector (or the legacy Parameters) to one item.
func (st *stepper) itemInput(input jsonval.Value, i int, item jsonval.Value) (jsonval.Value, error) {
	t, ok := st.n.fields["ItemSelector"]
	if !ok {
		t = st.n.parameters
	}
	if t == nil {
		return item, nil
	}
	st.scope.mapItem = &MapItem{Index: i, Value: item}
	st.scope.ctx = nil
	defer func() { st.scope.mapItem, st.scope.ctx = nil, nil }()
	return t.eval(&st.scope, input)
}

// mapInt evaluates an integer field or its Path form (MaxConcurrency...).
func (st *stepper) mapInt(field, pathField string, input jsonval.Value) (int64, error) {
	if t, ok := st.n.fields[field]; ok {
		v, err := t.eval(&st.scope, input)
		if err != nil {
			return 0, err
		}
		n, ok := wholeSeconds(v)
		if !ok || n < 0 {
			return 0, st.waitFieldFailure("The %s field must be a non-negative integer, but was %s", field, jsonval.String(v))
		}
		return n, nil
	}
	p, ok := st.n.fields[pathField].(*tPath)
	if !ok {
		return 0, nil
	}
	v, err := st.scope.selectPath(p.path, input)
	if err != nil {
		return 0, err
	}
	n, ok := lenientInt(v)
	if !ok {
		return 0, runtimeFailure("The %s field refers to value \"%s\" which is not a valid integer: %s", pathField, plain(v), p.path.String())
	}
	return n, nil
}

// tolerance is how many failed items the Map tolerates; -1 means none
// configured (the first failure fails the Map).
func (st *stepper) tolerance(input jsonval.Value, total int) (int, error) {
	count, hasCount := -1, false
	if _, ok := st.n.fields["ToleratedFailureCount"]; ok {
		hasCount = true
	}
	if _, ok := st.n.fields["ToleratedFailureCountPath"]; ok {
		hasCount = true
	}
	if hasCount {
		c, err := st.toleratedCount(input)
		if err != nil {
			return 0, err
		}
		count = int(c)
	}
	pct, hasPct, err := st.toleratedPercentage(input)
	if err != nil {
		return 0, err
	}
	if hasPct {
		byPct := int(math.Floor(pct / 100 * float64(total)))
		if count < 0 || byPct < count {
			count = byPct
		}
	}
	return count, nil
}

func (st *stepper) toleratedCount(input jsonval.Value) (int64, error) {
	if t, ok := st.n.fields["ToleratedFailureCount"]; ok {
		v, err := t.eval(&st.scope, input)
		if err != nil {
			return 0, err
		}
		return checkCount(v)
	}
	p := st.n.fields["ToleratedFailureCountPath"].(*tPath)
	v, err := st.scope.selectPath(p.path, input)
	if err != nil {
		return 0, err
	}
	n, ok := lenientInt(v)
	if !ok {
		return 0, runtimeFailure("The ToleratedFailureCountPath field refers to value \"%s\" which is not a valid integer: %s", plain(v), p.path.String())
	}
	return checkCount(jsonval.NumberFromInt(n))
}

func checkCount(v jsonval.Value) (int64, error) {
	n, ok := wholeSeconds(v)
	if !ok {
		return 0, runtimeFailure("ToleratedFailureCount must be an integer, but was %s", jsonval.String(v))
	}
	if n < 0 {
		return 0, runtimeFailure("ToleratedFailureCount cannot be negative.")
	}
	return n, nil
}

func (st *stepper) toleratedPercentage(input jsonval.Value) (float64, bool, error) {
	var v jsonval.Value
	if t, ok := st.n.fields["ToleratedFailurePercentage"]; ok {
		var err error
		if v, err = t.eval(&st.scope, input); err != nil {
			return 0, false, err
		}
	} else if p, ok := st.n.fields["ToleratedFailurePercentagePath"].(*tPath); ok {
		var err error
		if v, err = st.scope.selectPath(p.path, input); err != nil {
			return 0, false, err
		}
		f, ok := lenientFloat(v)
		if !ok {
			return 0, false, runtimeFailure("The ToleratedFailurePercentagePath field refers to value \"%s\" which is not a valid float: %s", plain(v), p.path.String())
		}
		v = jsonval.NumberFromFloat(f)
	} else {
		return 0, false, nil
	}
	f, ok := jsonval.ToFloat(v)
	if !ok || f < 0 || f > 100 {
		return 0, false, runtimeFailure("ToleratedFailurePercentage must be between 0 and 100.")
	}
	return f, true, nil
}

// mapJoined collects item results, failing when too many items failed.
func (st *stepper) mapJoined(j Joined) error {
	if j.Failed != nil {
		st.emit(history.MapStateFailed)
		return j.Failed
	}
	results := j.Results
	tolerated, err := st.tolerance(st.rec.Input, len(results))
	if err != nil {
		return err
	}
	if tolerated < 0 && st.n.st.Processor.ProcessorMode == "DISTRIBUTED" {
		tolerated = 0
	}
	if j.Tolerated != nil {
		tolerated = *j.Tolerated
	}
	out := make([]any, len(results))
	failed := 0
	if j.Failures != nil {
		failed = *j.Failures
	}
	var first *ChildResult
	for i := range results {
		r := &results[i]
		if r.Failed {
			failed++
			if first == nil {
				first = r
			}
			out[i] = errorOutput(r.Error, r.Cause)
			continue
		}
		out[i] = r.Output
	}
	if failed > 0 && failed > tolerated {
		st.emit(history.MapStateFailed)
		if tolerated >= 0 || first == nil {
			return &Failure{Name: asl.ErrorExceedToleratedFailure, Cause: "The specified tolerated failure threshold was exceeded"}
		}
		return &Failure{Name: first.Error, Cause: first.Cause}
	}
	if j.WriteFailure != "" {
		return st.written(j)
	}
	st.emit(history.MapStateSucceeded)
	if j.Written {
		return st.finishResult(j.Output)
	}
	return st.finishResult(out)
}

// lenientInt reads an integer from a number or a numeric string, as AWS
// does for the *Path fields of a Map.
func lenientInt(v jsonval.Value) (int64, bool) {
	if s, ok := v.(string); ok {
		i, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		return i, err == nil
	}
	return wholeSeconds(v)
}

// lenientFloat reads a number from a number or a numeric string.
func lenientFloat(v jsonval.Value) (float64, bool) {
	if s, ok := v.(string); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return f, err == nil
	}
	return jsonval.ToFloat(v)
}

// referencePath is a path as AWS names it in "must point to array":
// as written, but a context path with a single "$" (recorded: ItemsPath
// "$$.Execution.Input" is reported as "$.Execution.Input").
func referencePath(p *jsonpath.Path) string {
	if p.Root() == jsonpath.RootContext {
		return strings.TrimPrefix(p.String(), "$")
	}
	return p.String()
}

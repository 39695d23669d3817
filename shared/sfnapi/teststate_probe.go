package sfnapi

import (
	"context"
	"fmt"
	"regexp"

	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/mocktask"
)

// itemStages are the Map stages the probe reports: the mocked Map itself
// never runs its items through ItemSelector and ItemBatcher.
var itemStages = map[string]bool{"afterItemSelector": true, "afterItemBatcher": true}

// probeFields are the Map fields that select or shape its iterations'
// inputs; a mocked Map with none of them needs no probe. An ItemsPath or
// Items that selects no array fails the Map before the mock answers
// (recorded: ItemsPath "$$" is "Reference path \"$\" must point to array.").
var probeFields = []string{"ItemsPath", "Items", "ItemSelector", "Parameters", "ItemBatcher", "ItemReader"}

// probeMap runs a mocked Map's items (read from mapItemReaderData when it
// has an ItemReader) through its ItemSelector and ItemBatcher, as the Map
// would before starting its iterations, and records those stages in data.
// When that fails, the Map fails with the same error: the mock answers
// with it, so that Retry and Catch apply as they would.
func (a *API) probeMap(ctx context.Context, r *testStateRun, data *inspection) error {
	p := r.w.Picked
	if p.Type != "Map" || !needsProbe(p.State) {
		return nil
	}
	reader := &probeReader{inspect: data}
	selected := false // whether ItemsPath (or Items) selected the items
	if c := r.in.StateConfiguration; c != nil && c.MapItemReaderData != nil {
		reader.data = *c.MapItemReaderData
	} else if p.State.Has("ItemReader") {
		return nil // no data to read the items from
	}
	m, err := compile(jsonval.String(probeMachine(p)))
	if err != nil {
		return err
	}
	res, err := inproc.Run(ctx, m, r.input, inproc.Options{
		Scope: a.opts.Scope, StateMachineName: a.opts.NewID(), ExecutionName: a.opts.NewID(),
		Express: true, RoleArn: r.in.RoleArn, NoRole: r.in.RoleArn == "",
		Clock: clock.NewFake(a.opts.Now()), Invoker: reader, Random: a.opts.Random, NewUUID: a.opts.NewID,
		Variables: r.vars, Context: r.context, Limits: a.opts.Limits,
		Inspect: func(stage string, v jsonval.Value) {
			selected = selected || stage == "afterItemsPath"
			if itemStages[stage] {
				data.record(stage, v)
			}
		},
	})
	if err != nil {
		return fmt.Errorf("probe map items: %w", err)
	}
	if res.Status != inproc.StatusSucceeded {
		r.mock.err = &mockError{Error: res.Error, Cause: probeCause.ReplaceAllString(res.Cause, "")}
		// Recorded: a Map whose ItemsPath selects no array reports no
		// afterItemsPath.
		data.itemsFailed = !selected
	}
	return nil
}

// probeCause is the prefix the probe's execution puts on a failure in its
// state; TestState names no event ids (recorded: a bare "Reference path
// \"$\" must point to array.").
var probeCause = regexp.MustCompile(`^An error occurred while executing the state '` + regexp.QuoteMeta(singleStateName) +
	`' \(entered at the event id #\d+\)\. `)

func needsProbe(state *jsonval.Object) bool {
	for _, f := range probeFields {
		if state.Has(f) {
			return true
		}
	}
	return false
}

// probeMachine is the Map on its own with iterations that pass their
// input on, and without what follows them: result processing, the
// result writer, transitions.
func probeMachine(p picked) *jsonval.Object {
	state := p.State.Clone()
	for _, k := range []string{"ResultSelector", "ResultPath", "OutputPath", "Output", "Assign", "ResultWriter",
		"Retry", "Catch", "Next", "ToleratedFailureCount", "ToleratedFailureCountPath",
		"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"} {
		state.Delete(k)
	}
	state.Set("End", true)
	proc := jsonval.NewObject(3)
	for _, k := range []string{"ItemProcessor", "Iterator"} {
		if v, ok := state.Get(k); ok {
			if o, ok := v.(*jsonval.Object); ok {
				if cfg, ok := o.Get("ProcessorConfig"); ok {
					proc.Set("ProcessorConfig", cfg)
				}
			}
			state.Delete(k)
		}
	}
	pass := jsonval.NewObject(2)
	pass.Set("Type", "Pass")
	pass.Set("End", true)
	states := jsonval.NewObject(1)
	states.Set("Item", pass)
	proc.Set("StartAt", "Item")
	proc.Set("States", states)
	state.Set("ItemProcessor", proc)
	all := jsonval.NewObject(1)
	all.Set(singleStateName, state)
	doc := jsonval.NewObject(3)
	doc.Set("QueryLanguage", p.QL)
	doc.Set("StartAt", singleStateName)
	doc.Set("States", all)
	return doc
}

// probeReader answers the probe's ItemReader with mapItemReaderData: the
// object's content as the reader would fetch it, parsed per ReaderConfig.
// The items an ItemsPointer selected are the afterItemsPointer stage.
type probeReader struct {
	data    string
	inspect *inspection
}

func (pr *probeReader) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	if !mocktask.IsReader(req.Resource) {
		return task.Result{}, fmt.Errorf("probe map items: unexpected task %s", req.Resource)
	}
	var data jsonval.Value = pr.data
	// A listing or a manifest's items come as the JSON array they are.
	if v, err := jsonval.DecodeString(pr.data); err == nil && !readsContent(req) {
		data = v
	}
	res := mocktask.ReaderItems(req, data)
	if !res.Failed && readerConfig(req).Has("ItemsPointer") {
		pr.inspect.record("afterItemsPointer", res.Output)
	}
	return res, nil
}

// readerConfig is a reader request's evaluated ReaderConfig.
func readerConfig(req task.Request) *jsonval.Object {
	in, _ := req.Input.(*jsonval.Object)
	if in == nil {
		return jsonval.NewObject(0)
	}
	rc, _ := in.Get("ReaderConfig")
	cfg, _ := rc.(*jsonval.Object)
	if cfg == nil {
		return jsonval.NewObject(0)
	}
	return cfg
}

// readsContent tells a reader that parses an object's content (getObject
// of JSON, JSON Lines or CSV) from one that lists items.
func readsContent(req task.Request) bool {
	typ, _ := getString(readerConfig(req), "InputType")
	return req.Resource == "arn:aws:states:::s3:getObject" && typ != "MANIFEST"
}

package sfnapi

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// inspectionData is TestState's InspectionData: the state's data at each
// stage of its processing, as JSON text, and the Map's evaluated settings.
type inspectionData struct {
	Input                      string              `json:"input,omitempty"`
	AfterArguments             string              `json:"afterArguments,omitempty"`
	AfterInputPath             string              `json:"afterInputPath,omitempty"`
	AfterParameters            string              `json:"afterParameters,omitempty"`
	AfterItemsPath             string              `json:"afterItemsPath,omitempty"`
	AfterItemSelector          string              `json:"afterItemSelector,omitempty"`
	AfterItemBatcher           string              `json:"afterItemBatcher,omitempty"`
	AfterItemsPointer          string              `json:"afterItemsPointer,omitempty"`
	Result                     string              `json:"result,omitempty"`
	AfterResultSelector        string              `json:"afterResultSelector,omitempty"`
	AfterResultPath            string              `json:"afterResultPath,omitempty"`
	Variables                  string              `json:"variables,omitempty"`
	MaxConcurrency             *int64              `json:"maxConcurrency,omitempty"`
	ToleratedFailureCount      *int64              `json:"toleratedFailureCount,omitempty"`
	ToleratedFailurePercentage *float64            `json:"toleratedFailurePercentage,omitempty"`
	ErrorDetails               *errorDetails       `json:"errorDetails,omitempty"`
	Request                    *inspectionRequest  `json:"request,omitempty"`
	Response                   *inspectionResponse `json:"response,omitempty"`
}

// inspection collects the stage values of a run. The tested state runs
// first, so the first value of a stage is its own (the stubs after it
// report later).
type inspection struct {
	input  jsonval.Value
	stages map[string]jsonval.Value
	// itemsFailed: a Map's ItemsPath or Items selected no array, so it
	// has no afterItemsPath.
	itemsFailed bool
}

func newInspection(input jsonval.Value) *inspection {
	return &inspection{input: input, stages: map[string]jsonval.Value{}}
}

func (in *inspection) record(stage string, v jsonval.Value) {
	if _, seen := in.stages[stage]; !seen {
		in.stages[stage] = v
	}
}

// stagesFor lists the stages AWS reports for a state: which depend on
// the state's type and query language, not on which fields it sets.
func stagesFor(p picked) []string {
	if p.jsonata() {
		if p.Type == "Task" {
			if p.State.Has("Arguments") {
				return []string{"afterArguments", "result"}
			}
			return []string{"result"}
		}
		return nil
	}
	switch p.Type {
	case "Task":
		return []string{"afterInputPath", "afterParameters", "result", "afterResultSelector", "afterResultPath"}
	case "Pass":
		if p.State.Has("Result") {
			return []string{"result", "afterResultSelector", "afterResultPath"}
		}
		return []string{"afterInputPath", "afterParameters", "afterResultSelector", "afterResultPath"}
	case "Map":
		return []string{"afterInputPath", "afterItemsPath", "afterResultSelector", "afterResultPath"}
	case "Parallel":
		return []string{"afterResultSelector", "afterResultPath"}
	}
	return []string{"afterInputPath"}
}

// value is a stage's value, or the value it passes on unchanged when the
// state has no such field (no Parameters: the input after InputPath).
func (in *inspection) value(stage string, p picked) (jsonval.Value, bool) {
	// A Pass state's Result is its result, as it is written.
	if stage == "result" && p.Type == "Pass" && p.State.Has("Result") {
		return p.State.Get("Result")
	}
	if v, ok := in.stages[stage]; ok && !(stage == "afterParameters" && p.Type == "Map") {
		return v, true
	}
	switch stage {
	case "afterInputPath":
		return in.input, true
	case "afterParameters":
		return in.value("afterInputPath", p)
	case "afterItemsPath":
		if in.itemsFailed {
			return nil, false
		}
		return in.setting("items")
	case "afterResultSelector":
		if p.Type == "Pass" && p.State.Has("Result") {
			return in.value("result", p)
		}
		if v, ok := in.stages["result"]; ok {
			return v, true
		}
		if p.Type == "Pass" {
			return in.value("afterParameters", p)
		}
	}
	return nil, false
}

// setting is one of a Map's evaluated settings, carried by the stand-in
// Task's Parameters (JSONPath) or Arguments (JSONata).
func (in *inspection) setting(key string) (jsonval.Value, bool) {
	for _, stage := range []string{"afterParameters", "afterArguments"} {
		if o, ok := in.stages[stage].(*jsonval.Object); ok {
			if v, ok := o.Get(key); ok {
				return v, true
			}
		}
	}
	return nil, false
}

// report builds the inspection data of a run.
func (in *inspection) report(r *testStateRun, details *errorDetails) *inspectionData {
	p := r.w.Picked
	d := &inspectionData{Input: jsonval.String(in.input)}
	failed := !details.empty() || in.failedBeforeResult()
	fields := map[string]*string{
		"afterArguments": &d.AfterArguments, "afterInputPath": &d.AfterInputPath,
		"afterParameters": &d.AfterParameters, "afterItemsPath": &d.AfterItemsPath, "result": &d.Result,
		"afterResultSelector": &d.AfterResultSelector, "afterResultPath": &d.AfterResultPath,
	}
	for _, stage := range stagesFor(p) {
		if failed && (stage == "result" || stage == "afterResultSelector" || stage == "afterResultPath") {
			continue
		}
		if v, ok := in.value(stage, p); ok {
			*fields[stage] = jsonval.String(v)
		}
	}
	// A Map whose items could not be selected never evaluated its
	// settings (recorded: no maxConcurrency).
	if p.Type == "Map" && !in.itemsFailed {
		in.mapSettings(d)
		d.AfterItemSelector = in.text("afterItemSelector")
		d.AfterItemBatcher = in.text("afterItemBatcher")
		d.AfterItemsPointer = in.text("afterItemsPointer")
	}
	if r.in.Variables != nil {
		if v, err := jsonval.DecodeString(*r.in.Variables); err == nil {
			if o, ok := v.(*jsonval.Object); ok && o.Len() > 0 {
				d.Variables = jsonval.String(o)
			}
		}
	}
	if !details.empty() {
		d.ErrorDetails = details
	}
	return d
}

// failedBeforeResult tells a run whose state produced no result.
func (in *inspection) failedBeforeResult() bool {
	_, ok := in.stages["result"]
	_, out := in.stages["afterResultPath"]
	return !ok && !out
}

// mapSettings reports a Map's evaluated MaxConcurrency (0 when unset)
// and tolerated failures (when set).
func (in *inspection) mapSettings(d *inspectionData) {
	var mc int64
	if v, ok := in.setting("maxConcurrency"); ok {
		if f, ok := jsonval.ToFloat(v); ok {
			mc = int64(f)
		}
	}
	d.MaxConcurrency = &mc
	if v, ok := in.setting("toleratedFailureCount"); ok {
		if f, ok := jsonval.ToFloat(v); ok {
			n := int64(f)
			d.ToleratedFailureCount = &n
		}
	}
	if v, ok := in.setting("toleratedFailurePercentage"); ok {
		if f, ok := jsonval.ToFloat(v); ok {
			d.ToleratedFailurePercentage = &f
		}
	}
}

// text is a recorded stage's JSON text, or "" when it was not recorded.
func (in *inspection) text(stage string) string {
	if v, ok := in.stages[stage]; ok {
		return jsonval.String(v)
	}
	return ""
}

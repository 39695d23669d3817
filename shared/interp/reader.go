package interp

import (
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// A Map's ItemReader is I/O, so the core only asks for it: it evaluates
// the reader's Parameters (JSONPath) or Arguments (JSONata) and
// ReaderConfig, returns an Invoke of the reader's resource with the input
//
//	{"Parameters": {…}, "ReaderConfig": {…, "MaxItems": n}}
//
// and resumes in PhaseReading with the items as the task's output (see
// task/s3reader).

// Field names of the compiled reader templates.
const (
	fieldReaderParams = "ItemReader.Parameters"
	fieldReaderConfig = "ItemReader.ReaderConfig"
	fieldMaxItemsPath = "MaxItemsPath"
)

func (n *node) compileReader() {
	r := n.st.ItemReader
	if r == nil {
		return
	}
	params, ok := r.Get("Parameters")
	if n.jsonata {
		params, ok = r.Get("Arguments")
	}
	if ok {
		if n.jsonata {
			n.fields[fieldReaderParams] = compileJSONataTemplate(params, "Arguments")
		} else {
			n.fields[fieldReaderParams] = compilePathTemplate(params, "Parameters")
		}
	}
	cfg, _ := r.Get("ReaderConfig")
	cfgObj, _ := cfg.(*jsonval.Object)
	if cfgObj == nil {
		return
	}
	if n.jsonata {
		n.fields[fieldReaderConfig] = compileJSONataTemplate(cfgObj, "ReaderConfig")
		return
	}
	n.fields[fieldReaderConfig] = tLiteral{cfgObj}
	if p, ok := cfgObj.Get("MaxItemsPath"); ok {
		if s, isStr := p.(string); isStr {
			n.fields[fieldMaxItemsPath] = compileExpr(s, "MaxItemsPath")
		}
	}
}

// mapRead asks for the Map's items: all of them, or their first page when
// the runner reads a distributed Map's items page by page (Env.ReaderPage).
func (st *stepper) mapRead(input jsonval.Value) error {
	req, res, err := st.readerRequest(input)
	if err != nil {
		return err
	}
	if size := st.readerPageSize(input); size > 0 {
		req.Set("Page", pageRequest(size, nil))
	}
	st.rec.Phase = PhaseReading
	st.action = Invoke{Task: Task{State: st.n.st.Name, Resource: res, Input: req}}
	return nil
}

// readerRequest is the reader's input, {"Parameters", "ReaderConfig"},
// and its resource.
func (st *stepper) readerRequest(input jsonval.Value) (*jsonval.Object, string, error) {
	req := jsonval.NewObject(3)
	if t, ok := st.n.fields[fieldReaderParams]; ok {
		params, err := t.eval(&st.scope, input)
		if err != nil {
			return nil, "", err
		}
		req.Set("Parameters", params)
	}
	cfg, err := st.readerConfig(input)
	if err != nil {
		return nil, "", err
	}
	req.Set("ReaderConfig", cfg)
	resource, _ := st.n.st.ItemReader.Get("Resource")
	res, _ := resource.(string)
	return req, res, nil
}

// readerConfig evaluates ReaderConfig, resolving MaxItems(Path).
func (st *stepper) readerConfig(input jsonval.Value) (*jsonval.Object, error) {
	t, ok := st.n.fields[fieldReaderConfig]
	if !ok {
		return jsonval.NewObject(0), nil
	}
	v, err := t.eval(&st.scope, input)
	if err != nil {
		return nil, err
	}
	src, ok := v.(*jsonval.Object)
	if !ok {
		return nil, st.waitFieldFailure("The ReaderConfig field must be an object, but was %s", jsonval.String(v))
	}
	cfg := jsonval.NewObject(src.Len())
	for _, k := range src.Keys() {
		if k != "MaxItemsPath" {
			x, _ := src.Get(k)
			cfg.Set(k, x)
		}
	}
	if p, ok := st.n.fields[fieldMaxItemsPath].(*tPath); ok {
		pv, err := st.scope.selectPath(p.path, input)
		if err != nil {
			return nil, err
		}
		n, ok := lenientInt(pv)
		if !ok || n < 0 {
			return nil, runtimeFailure("The MaxItemsPath field refers to value \"%s\" which is not a valid integer: %s", plain(pv), p.path.String())
		}
		cfg.Set("MaxItems", jsonval.NumberFromInt(n))
	}
	if m, ok := cfg.Get("MaxItems"); ok {
		if n, whole := wholeSeconds(m); !whole || n < 0 {
			return nil, st.waitFieldFailure("The MaxItems field must be a non-negative integer, but was %s", jsonval.String(m))
		}
	}
	return cfg, nil
}

// itemsRead resumes the Map with the items its reader read: an array, or
// the first page of them, {"Items": […], "Cursor": {…}}, where a Cursor
// means that more pages follow.
func (st *stepper) itemsRead(output jsonval.Value) error {
	input, err := st.forkInput()
	if err != nil {
		return err
	}
	items, more, err := st.firstPage(output, input)
	if err != nil {
		return err
	}
	if more != nil {
		req, res, err := st.readerRequest(input)
		if err != nil {
			return err
		}
		more.Resource, more.Input = res, req
	}
	return st.mapStart(input, items, more)
}

// firstPage reads a reader's output: its items, and the rest of the read
// when it was paged and more pages follow.
func (st *stepper) firstPage(output, input jsonval.Value) ([]any, *PagedRead, error) {
	if items, ok := output.([]any); ok {
		return items, nil, nil
	}
	o, isObj := output.(*jsonval.Object)
	var items []any
	if isObj {
		v, _ := o.Get("Items")
		items, isObj = v.([]any)
	}
	if !isObj {
		return nil, nil, &Failure{Name: asl.ErrorItemReaderFailed, Cause: "The item reader returned " + jsonval.TypeName(output) + ", not an array of items."}
	}
	cursor, ok := o.Get("Cursor")
	if !ok {
		return items, nil, nil
	}
	return items, &PagedRead{Cursor: cursor, Size: st.readerPageSize(input)}, nil
}

// readFailed fails the Map with AWS's reader error, keeping the cause.
func (st *stepper) readFailed(cause string) error {
	return &Failure{Name: asl.ErrorItemReaderFailed, Cause: cause}
}

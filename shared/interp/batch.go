package interp

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Field names of the compiled ItemBatcher templates.
const (
	fieldBatchInput   = "ItemBatcher.BatchInput"
	fieldBatchItems   = "MaxItemsPerBatch"
	fieldBatchBytes   = "MaxInputBytesPerBatch"
	fieldBatchItemsAt = "MaxItemsPerBatchPath"
	fieldBatchBytesAt = "MaxInputBytesPerBatchPath"
)

func (n *node) compileBatcher() {
	b := n.st.ItemBatcher
	if b == nil {
		return
	}
	for _, f := range []string{fieldBatchItems, fieldBatchBytes} {
		if v, ok := b.Get(f); ok {
			if n.jsonata {
				n.fields[f] = compileJSONataTemplate(v, f)
			} else {
				n.fields[f] = tLiteral{v}
			}
		}
		if v, ok := b.Get(f + "Path"); ok && !n.jsonata {
			if s, isStr := v.(string); isStr {
				n.fields[f+"Path"] = compileExpr(s, f+"Path")
			}
		}
	}
	if v, ok := b.Get("BatchInput"); ok {
		if n.jsonata {
			n.fields[fieldBatchInput] = compileJSONataTemplate(v, "BatchInput")
		} else {
			n.fields[fieldBatchInput] = compilePathTemplate(v, "BatchInput")
		}
	}
}

// batcher is an evaluated ItemBatcher.
type batcher struct {
	maxItems, maxBytes int // 0: unbounded
	input              jsonval.Value
	hasInput           bool
}

// batch groups the selected items into the ItemBatcher's batches,
// {"BatchInput": …, "Items": […]}, each within MaxItemsPerBatch items and
// MaxInputBytesPerBatch bytes (BatchInput included).
func (st *stepper) batch(items []any, input jsonval.Value) ([]any, error) {
	if st.n.st.ItemBatcher == nil {
		return items, nil
	}
	b, err := st.evalBatcher(input)
	if err != nil {
		return nil, err
	}
	base := jsonval.Size(b.wrap(nil))
	var out []any
	start, size := 0, base
	for i, item := range items {
		n := jsonval.Size(item)
		if b.maxBytes > 0 && base+n > b.maxBytes {
			return nil, runtimeFailure("The item at index %d is %d bytes: a batch holding it and its BatchInput would exceed MaxInputBytesPerBatch (%d bytes).", i, n, b.maxBytes)
		}
		count := i - start
		if count > 0 && (b.maxItems > 0 && count == b.maxItems || b.maxBytes > 0 && size+1+n > b.maxBytes) {
			out = append(out, b.wrap(items[start:i]))
			start, size, count = i, base, 0
		}
		if count > 0 {
			size++ // the comma
		}
		size += n
	}
	if start < len(items) {
		out = append(out, b.wrap(items[start:]))
	}
	return out, nil
}

func (b *batcher) wrap(items []any) *jsonval.Object {
	o := jsonval.NewObject(2)
	if b.hasInput {
		o.Set("BatchInput", b.input)
	}
	o.Set("Items", append([]any{}, items...))
	return o
}

func (st *stepper) evalBatcher(input jsonval.Value) (*batcher, error) {
	b := &batcher{}
	var err error
	if b.maxItems, err = st.batchLimit(fieldBatchItems, fieldBatchItemsAt, input); err != nil {
		return nil, err
	}
	if b.maxBytes, err = st.batchLimit(fieldBatchBytes, fieldBatchBytesAt, input); err != nil {
		return nil, err
	}
	if t, ok := st.n.fields[fieldBatchInput]; ok {
		if b.input, err = t.eval(&st.scope, input); err != nil {
			return nil, err
		}
		if _, isObj := b.input.(*jsonval.Object); !isObj {
			return nil, st.waitFieldFailure("The BatchInput field must be an object, but was %s", jsonval.String(b.input))
		}
		b.hasInput = true
	}
	return b, nil
}

// batchLimit evaluates MaxItemsPerBatch or MaxInputBytesPerBatch (or its
// Path form): a positive integer, or 0 when the batcher sets neither.
func (st *stepper) batchLimit(field, pathField string, input jsonval.Value) (int, error) {
	_, lit := st.n.fields[field]
	_, path := st.n.fields[pathField]
	if !lit && !path {
		return 0, nil
	}
	n, err := st.mapInt(field, pathField, input)
	if err != nil {
		return 0, err
	}
	if n <= 0 {
		if path {
			return 0, runtimeFailure("The %s field must refer to a positive integer, but was %d", pathField, n)
		}
		return 0, st.waitFieldFailure("The %s field must be a positive integer, but was %d", field, n)
	}
	return int(n), nil
}

// batchSize is how many items a child's input holds: a batch's Items, or
// the one item without an ItemBatcher.
func (st *stepper) batchSize(childInput jsonval.Value) int {
	if st.n.st.ItemBatcher == nil {
		return 1
	}
	o, _ := childInput.(*jsonval.Object)
	if o == nil {
		return 1
	}
	items, _ := o.Get("Items")
	arr, _ := items.([]any)
	return max(len(arr), 1)
}

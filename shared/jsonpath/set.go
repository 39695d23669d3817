package jsonpath

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Set returns a copy of root with the node at reference path p replaced by v
// (ResultPath semantics). "$" replaces the whole value; missing object
// members on the way are created as empty objects. Only the objects and
// arrays along the path are copied; root itself is never modified.
func (p *Path) Set(root jsonval.Value, v jsonval.Value) (jsonval.Value, error) {
	if !p.reference {
		return nil, p.setErr(0, "%s is not a reference path", p.text)
	}
	return p.setAt(root, 0, v, true)
}

func (p *Path) setErr(i int, format string, args ...any) error {
	return fmt.Errorf("%w: path %q at %s: %s", ErrNotSettable, p.text, p.prefix(i), fmt.Sprintf(format, args...))
}

// setAt returns node with steps[i:] set to v; exists tells whether node was
// present (a missing node may only become a fresh object).
func (p *Path) setAt(node any, i int, v any, exists bool) (any, error) {
	if i == len(p.steps) {
		return v, nil
	}
	s := &p.steps[i]
	if s.kind == kIndex {
		arr, ok := node.([]any)
		if !ok {
			return nil, p.setErr(i, "cannot set index %d on %s", s.idx[0], describe(node, exists))
		}
		j := effIndex(s.idx[0], len(arr))
		if j < 0 {
			return nil, p.setErr(i, "index %d out of range for array of length %d", s.idx[0], len(arr))
		}
		child, err := p.setAt(arr[j], i+1, v, true)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(arr))
		copy(out, arr)
		out[j] = child
		return out, nil
	}
	var obj *jsonval.Object
	switch x := node.(type) {
	case *jsonval.Object:
		obj = x.Clone()
	default:
		if exists {
			return nil, p.setErr(i, "cannot set field %q on %s", s.names[0], describe(node, exists))
		}
		obj = jsonval.NewObject(1)
	}
	old, has := obj.Get(s.names[0])
	child, err := p.setAt(old, i+1, v, has)
	if err != nil {
		return nil, err
	}
	obj.Set(s.names[0], child)
	return obj, nil
}

func describe(node any, exists bool) string {
	if !exists {
		return "a missing value"
	}
	return "a value of type " + jsonval.TypeName(node)
}

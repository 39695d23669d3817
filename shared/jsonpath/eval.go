package jsonpath

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

// evaluator collects the matches of an indefinite path.
type evaluator struct {
	root any   // document root, for '$' inside filters
	out  []any // matches in document order
	err  error // first function error
	// strict is Jayway's REQUIRE_PROPERTIES (used by existence checks):
	// a missing property anywhere sets missing.
	strict  bool
	missing bool
	// visits counts walked nodes against limits.PathVisits; filter
	// sub-evaluations share the count.
	visits *int
}

func newEvaluator(root any) *evaluator {
	return &evaluator{root: root, out: []any{}, visits: new(int)}
}

// sub returns an evaluator for a path inside a filter, sharing the budget.
func (ev *evaluator) sub(strict bool) *evaluator {
	s := &evaluator{root: ev.root, strict: strict, visits: ev.visits}
	if !strict {
		s.out = []any{}
	}
	return s
}

// absorb carries a sub-evaluation's exhausted budget up to ev.
func (ev *evaluator) absorb(sub *evaluator) {
	if sub.err == ErrTooComplex && ev.err == nil {
		ev.err = ErrTooComplex
	}
}

// visit counts one walked node and reports whether the walk may go on;
// past the bound it records ErrTooComplex and every branch stops.
func (ev *evaluator) visit() bool {
	if ev.err != nil {
		return false
	}
	*ev.visits++
	if *ev.visits > limits.PathVisits {
		ev.err = ErrTooComplex
		return false
	}
	return true
}

// Get evaluates p against root (the input, the context object or the
// variable's value, per p.Root()). A definite path returns its single match
// or an error wrapping ErrNotFound; an indefinite path returns a []any of all
// matches, possibly empty.
func (p *Path) Get(root jsonval.Value) (jsonval.Value, error) {
	switch {
	case p.scanFunc:
		return p.getScanFunc(root)
	case p.definite:
		return p.getDefinite(root)
	}
	ev := newEvaluator(root)
	p.walk(ev, 0, root)
	if ev.err != nil {
		return nil, ev.err
	}
	return ev.out, nil
}

// getScanFunc evaluates "$..x.fn()", which Jayway rewrites to fn($..x): one
// call over all matches.
func (p *Path) getScanFunc(root any) (any, error) {
	ev := newEvaluator(root)
	n := len(p.steps) - 1
	p.walkUntil(ev, 0, n, root)
	if ev.err != nil {
		return nil, ev.err
	}
	return scanFunc(p.steps[n].fn, ev.out)
}

// getDefinite walks a definite path, producing Jayway's messages on failure.
func (p *Path) getDefinite(node any) (any, error) {
	last := len(p.steps) - 1
	for i := range p.steps {
		s := &p.steps[i]
		switch s.kind {
		case kProp:
			obj, ok := node.(*jsonval.Object)
			if !ok {
				return nil, p.notFound(notObjectDetail(s, p.prefix(i), node))
			}
			if len(s.names) > 1 {
				return mergeProps(obj, s.names), nil
			}
			v, ok := obj.Get(s.names[0])
			if !ok {
				if i == last {
					return nil, p.notFound("No results for path: " + p.Normalized())
				}
				return nil, p.notFound("Missing property in path " + p.prefix(i+1))
			}
			node = v
		case kIndex:
			arr, ok := node.([]any)
			if !ok {
				return nil, p.notFound(notArrayDetail(p, i, node))
			}
			j := effIndex(s.idx[0], len(arr))
			if j < 0 {
				return nil, p.notFound("No results for path: " + p.Normalized())
			}
			node = arr[j]
		case kFunc:
			v, err := callFunc(s.fn, node)
			if err != nil {
				return nil, err
			}
			node = v
		}
	}
	return node, nil
}

// lookup is getDefinite without error values, for filter operands.
func (p *Path) lookup(node any) (any, bool) {
	if p.scanFunc {
		v, err := p.getScanFunc(node)
		return v, err == nil
	}
	for i := range p.steps {
		s := &p.steps[i]
		switch s.kind {
		case kProp:
			obj, ok := node.(*jsonval.Object)
			if !ok {
				return nil, false
			}
			if len(s.names) > 1 {
				return mergeProps(obj, s.names), true
			}
			if node, ok = obj.Get(s.names[0]); !ok {
				return nil, false
			}
		case kIndex:
			arr, ok := node.([]any)
			if !ok {
				return nil, false
			}
			j := effIndex(s.idx[0], len(arr))
			if j < 0 {
				return nil, false
			}
			node = arr[j]
		case kFunc:
			v, err := callFunc(s.fn, node)
			if err != nil {
				return nil, false
			}
			node = v
		}
	}
	return node, true
}

func (p *Path) notFound(detail string) error {
	return &NotFoundError{Path: p.text, Detail: detail}
}

// effIndex resolves a (possibly negative) index, or -1 when out of range.
func effIndex(i, n int) int {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return -1
	}
	return i
}

// mergeProps is Jayway's leaf ['a','b']: one object of the present members.
func mergeProps(obj *jsonval.Object, names []string) *jsonval.Object {
	out := jsonval.NewObject(len(names))
	for _, n := range names {
		if v, ok := obj.Get(n); ok {
			out.Set(n, v)
		}
	}
	return out
}

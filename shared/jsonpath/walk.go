package jsonpath

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

func (p *Path) walk(ev *evaluator, i int, node any) { p.walkUntil(ev, i, len(p.steps), node) }

// walkUntil applies steps[i:end] to node, appending matches to ev.out.
// Missing members and type mismatches just prune the branch: for indefinite
// paths AWS yields [] rather than an error.
func (p *Path) walkUntil(ev *evaluator, i, end int, node any) {
	if !ev.visit() {
		return
	}
	if i == end {
		ev.out = append(ev.out, node)
		return
	}
	s := &p.steps[i]
	switch s.kind {
	case kProp:
		p.walkProp(ev, i, end, node)
	case kIndex:
		if arr, ok := node.([]any); ok {
			for _, k := range s.idx {
				if j := effIndex(k, len(arr)); j >= 0 {
					p.walkUntil(ev, i+1, end, arr[j])
				}
			}
		}
	case kSlice:
		if arr, ok := node.([]any); ok {
			from, to := s.bounds(len(arr))
			for k := from; k < to; k++ {
				if j := effIndex(k, len(arr)); j >= 0 {
					p.walkUntil(ev, i+1, end, arr[j])
				}
			}
		}
	case kWild:
		forChildren(node, func(v any) { p.walkUntil(ev, i+1, end, v) })
	case kScan:
		p.scan(ev, i+1, end, node)
	case kFilter:
		p.walkFilter(ev, i, end, node)
	case kFunc:
		v, err := callFunc(s.fn, node)
		if err != nil {
			if ev.err == nil {
				ev.err = err
			}
			return
		}
		p.walkUntil(ev, i+1, end, v)
	}
}

func (p *Path) walkProp(ev *evaluator, i, end int, node any) {
	s := &p.steps[i]
	obj, ok := node.(*jsonval.Object)
	if !ok {
		return
	}
	if len(s.names) > 1 && i == end-1 {
		ev.out = append(ev.out, mergeProps(obj, s.names))
		return
	}
	for _, n := range s.names {
		v, ok := obj.Get(n)
		if !ok {
			ev.missing = true
			continue
		}
		p.walkUntil(ev, i+1, end, v)
	}
}

func (p *Path) walkFilter(ev *evaluator, i, end int, node any) {
	f := p.steps[i].filter
	switch x := node.(type) {
	case *jsonval.Object:
		if f.eval(ev, x) {
			p.walkUntil(ev, i+1, end, x)
		}
	case []any:
		for _, v := range x {
			if f.eval(ev, v) {
				p.walkUntil(ev, i+1, end, v)
			}
		}
	}
}

// bounds gives the loop range of a slice as Jayway computes it; indexes in
// the range may still be negative and are then taken from the end.
func (s *step) bounds(n int) (from, to int) {
	switch {
	case !s.hasTo: // [from:]
		from = s.from
		if from < 0 {
			from += n
		}
		return max(from, 0), n
	case !s.hasFrom: // [:to]
		to = s.to
		if to < 0 {
			to += n
		}
		return 0, min(to, n)
	}
	return s.from, min(s.to, n) // [from:to]: Jayway adjusts neither bound
}

// forChildren calls f on each member value or element, in order.
func forChildren(node any, f func(any)) {
	switch x := node.(type) {
	case *jsonval.Object:
		for _, k := range x.Keys() {
			v, _ := x.Get(k)
			f(v)
		}
	case []any:
		for _, v := range x {
			f(v)
		}
	}
}

// scan is Jayway's deep scan: pre-order, applying steps[j] (and the rest) at
// every container it fits, then descending into the children.
func (p *Path) scan(ev *evaluator, j, end int, node any) {
	if !ev.visit() {
		return
	}
	switch node.(type) {
	case *jsonval.Object, []any:
	default:
		return
	}
	if p.scanFits(ev, j, node) {
		p.walkUntil(ev, j, end, node)
	}
	forChildren(node, func(v any) { p.scan(ev, j, end, v) })
}

func (p *Path) scanFits(ev *evaluator, j int, node any) bool {
	s := &p.steps[j]
	switch s.kind {
	case kProp:
		obj, ok := node.(*jsonval.Object)
		if !ok {
			return false
		}
		if ev.strict || !s.definite(j == len(p.steps)-1) {
			return true
		}
		for _, n := range s.names {
			if !obj.Has(n) {
				return false
			}
		}
		return true
	case kIndex, kSlice:
		_, ok := node.([]any)
		return ok
	case kWild:
		return true
	case kFilter:
		return s.filter.eval(ev, node)
	}
	return false
}

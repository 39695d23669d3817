package jsonpath

import (
	"strconv"
	"strings"
)

type stepKind uint8

const (
	kProp   stepKind = iota // ['a'] or ['a','b']
	kIndex                  // [0] or [0,1]
	kSlice                  // [from:to]
	kWild                   // * or [*]
	kScan                   // ..
	kFilter                 // [?(...)]
	kFunc                   // .length()
)

// step is one compiled path token.
type step struct {
	kind    stepKind
	names   []string
	idx     []int
	from    int
	to      int
	hasFrom bool
	hasTo   bool
	filter  fexpr
	fn      string
	frag    string // Jayway's normalized fragment, for error messages
}

// definite mirrors Jayway's isTokenDefinite; leaf tells whether the step is last.
func (s *step) definite(leaf bool) bool {
	switch s.kind {
	case kProp:
		return len(s.names) == 1 || leaf
	case kIndex:
		return len(s.idx) == 1
	case kFunc:
		return true
	}
	return false
}

func propStep(names []string, quote byte) step {
	var b strings.Builder
	b.WriteByte('[')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte(quote)
		b.WriteString(n)
		b.WriteByte(quote)
	}
	b.WriteByte(']')
	return step{kind: kProp, names: names, frag: b.String()}
}

func indexStep(idx []int) step {
	parts := make([]string, len(idx))
	for i, n := range idx {
		parts[i] = strconv.Itoa(n)
	}
	return step{kind: kIndex, idx: idx, frag: "[" + strings.Join(parts, ",") + "]"}
}

func sliceStep(from, to int, hasFrom, hasTo bool) step {
	f, t := "", ""
	if hasFrom {
		f = strconv.Itoa(from)
	}
	if hasTo {
		t = strconv.Itoa(to)
	}
	return step{kind: kSlice, from: from, to: to, hasFrom: hasFrom, hasTo: hasTo, frag: "[" + f + ":" + t + "]"}
}

// finish computes the flags that depend on the whole step list.
func (p *Path) finish() {
	p.definite = true
	p.reference = true
	n := len(p.steps)
	for i := range p.steps {
		s := &p.steps[i]
		if !s.definite(i == n-1) {
			p.definite = false
		}
		single := (s.kind == kProp && len(s.names) == 1) || (s.kind == kIndex && len(s.idx) == 1)
		if !single {
			p.reference = false
		}
	}
	p.scanFunc = n >= 2 && p.steps[0].kind == kScan && p.steps[n-1].kind == kFunc
	if p.scanFunc {
		p.definite = true // fn($..x) yields one value
	}
}

// PATCH(stepwise): this file is not part of upstream jsonata-go v1.5.4.
// It adds a per-evaluation budget so that a hostile expression ends in an
// error instead of exhausting the Go stack or the heap. See PATCHES.md.

package jsonata

import (
	"math"
	"reflect"
	"strconv"

	"github.com/blues/jsonata-go/jtypes"
)

// Limits bound one evaluation. A zero field means "no bound".
type Limits struct {
	// MaxDepth bounds nested eval frames (and the nesting of a value
	// walked by AllocJSON), which bounds the Go stack.
	MaxDepth int
	// MaxSteps bounds the number of expression nodes evaluated.
	MaxSteps int
	// MaxBytes bounds the bytes the evaluation may allocate, as
	// accounted: string bytes, SlotBytes per array or sequence item,
	// EntryBytes per object entry. It is cumulative: freed memory is not
	// given back.
	MaxBytes int
}

// Sizes the budget charges for one container element.
const (
	SlotBytes  = 16 // an item of an array or sequence (an interface value)
	EntryBytes = 48 // an object entry (key, value and map overhead)
)

// A Budget is what is left of one evaluation's Limits. Each evaluation
// needs its own: a Budget is not safe for concurrent use.
type Budget struct {
	lim   Limits
	depth int
	steps int
	bytes int
}

// NewBudget returns a fresh budget for one evaluation.
func NewBudget(l Limits) *Budget { return &Budget{lim: l} }

// Used reports the steps and bytes consumed so far.
func (b *Budget) Used() (steps, bytes int) { return b.steps, b.bytes }

func (b *Budget) enter() error {
	b.depth++
	b.steps++
	if b.lim.MaxDepth > 0 && b.depth > b.lim.MaxDepth {
		return limitError(ErrMaxDepth, b.lim.MaxDepth)
	}
	if b.lim.MaxSteps > 0 && b.steps > b.lim.MaxSteps {
		return limitError(ErrMaxSteps, b.lim.MaxSteps)
	}
	return nil
}

func (b *Budget) leave() { b.depth-- }

// work charges n steps for work done outside eval frames: a built-in
// going through its arguments, a deep comparison.
func (b *Budget) work(n int) error {
	if b == nil {
		return nil
	}
	b.steps += n
	if b.lim.MaxSteps > 0 && b.steps > b.lim.MaxSteps {
		return limitError(ErrMaxSteps, b.lim.MaxSteps)
	}
	return nil
}

// stringStep is how many string bytes a built-in may scan per step.
const stringStep = 256

// workOf is the steps charged for going through v once: one per item or
// entry (shallow), one per stringStep bytes.
func workOf(v reflect.Value) int {
	switch v = jtypes.Resolve(v); {
	case !v.IsValid():
		return 0
	case v.Kind() == reflect.String:
		return v.Len() / stringStep
	case jtypes.IsArray(v), jtypes.IsMap(v):
		return v.Len()
	}
	return 0
}

// Alloc charges n bytes, before they are allocated. A nil Budget has no
// bound.
func (b *Budget) Alloc(n int) error {
	if b == nil {
		return nil
	}
	if n < 0 || (b.lim.MaxBytes > 0 && n > b.lim.MaxBytes-b.bytes) {
		b.bytes = b.lim.MaxBytes
		return limitError(ErrMaxBytes, b.lim.MaxBytes)
	}
	b.bytes += n
	return nil
}

// AllocItems charges n array items.
func (b *Budget) AllocItems(n int) error { return b.Alloc(mul(n, SlotBytes)) }

// AllocJSON charges the size of v's JSON text (which may be far larger
// than v when v shares sub-values), walking no further than the budget
// allows.
func (b *Budget) AllocJSON(v reflect.Value) error {
	if b == nil {
		return nil
	}
	left := math.MaxInt
	if b.lim.MaxBytes > 0 {
		left = b.lim.MaxBytes - b.bytes
	}
	n, err := b.jsonSize(v, left, 0)
	if err != nil {
		return err
	}
	return b.Alloc(n)
}

// jsonSize approximates the JSON length of v, stopping once it passes
// left (the caller then fails Alloc) or nests deeper than MaxDepth.
func (b *Budget) jsonSize(v reflect.Value, left, depth int) (int, error) {
	if b.lim.MaxDepth > 0 && depth > b.lim.MaxDepth {
		return 0, limitError(ErrMaxDepth, b.lim.MaxDepth)
	}
	v = jtypes.Resolve(v)
	switch {
	case !v.IsValid():
		return 4, nil
	case v.Kind() == reflect.String:
		return v.Len() + 2, nil
	case jtypes.IsArray(v):
		n := 2
		for i := 0; i < v.Len() && n <= left; i++ {
			m, err := b.jsonSize(v.Index(i), left-n, depth+1)
			if err != nil {
				return 0, err
			}
			n += m + 1
		}
		return n, nil
	case jtypes.IsMap(v):
		n := 2
		for it := v.MapRange(); n <= left && it.Next(); {
			m, err := b.jsonSize(it.Value(), left-n, depth+1)
			if err != nil {
				return 0, err
			}
			n += m + len(it.Key().String()) + 4
		}
		return n, nil
	}
	return 24, nil // numbers, booleans
}

// allocResult charges what a built-in function returned when no guard
// checked it in advance: its string bytes or its items.
func (b *Budget) allocResult(v reflect.Value) error {
	switch v = jtypes.Resolve(v); {
	case !v.IsValid():
		return nil
	case v.Kind() == reflect.String:
		return b.Alloc(v.Len())
	case jtypes.IsArray(v):
		return b.AllocItems(v.Len())
	case jtypes.IsMap(v):
		return b.Alloc(mul(v.Len(), EntryBytes))
	}
	return nil
}

// bind gives a Go function value this evaluation's budget. Built-ins are
// shared by all evaluations, so the budgeted one is a copy (which also
// keeps SetContext/SetName of concurrent evaluations apart).
func (b *Budget) bind(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.Type() != typeGoCallablePtr {
		return v
	}
	c := *v.Interface().(*goCallable)
	c.budget = b
	return reflect.ValueOf(&c)
}

var typeGoCallablePtr = reflect.TypeOf((*goCallable)(nil))

func limitError(t ErrType, limit int) *EvalError {
	return newEvalError(t, nil, strconv.Itoa(limit))
}

// mul multiplies sizes; an overflow yields -1, which Alloc refuses.
func mul(n, size int) int {
	if n < 0 || (n > 0 && size > math.MaxInt/n) {
		return -1
	}
	return n * size
}

// budgetOf is nil-safe: some built-ins evaluate nodes without an
// environment.
func budgetOf(env *environment) *Budget {
	if env == nil {
		return nil
	}
	return env.budget
}

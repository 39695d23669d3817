// PATCH(stepwise): this file is not part of upstream jsonata-go v1.5.4.
// Guards charge a built-in function's output to the evaluation's budget
// before the function runs, for the functions whose output can be far
// larger than their arguments. See PATCHES.md.

package jsonata

import (
	"reflect"
	"regexp"
	"strings"

	"github.com/blues/jsonata-go/jlib"
	"github.com/blues/jsonata-go/jtypes"
)

// A guard sees the arguments after type conversion, in the order of the
// Go function's parameters.
type guard func(b *Budget, argv []reflect.Value) error

// guards are attached to the base environment's built-ins by name. A
// built-in without a guard is charged for its result after it returns.
var guards = map[string]guard{
	"string":       func(b *Budget, argv []reflect.Value) error { return b.AllocJSON(arg(argv, 0)) },
	"pad":          guardPad,
	"join":         guardJoin,
	"replace":      guardReplace,
	"split":        guardSplit,
	"formatNumber": func(b *Budget, argv []reflect.Value) error { return b.Alloc(len(str(argv, 1)) + 400) },
	"zip":          guardZip,
	// $distinct prints each object to compare it.
	"distinct": func(b *Budget, argv []reflect.Value) error { return b.AllocJSON(arg(argv, 0)) },
	// These return a value they were given: nothing is allocated.
	"lookup": func(*Budget, []reflect.Value) error { return nil },
	"single": func(*Budget, []reflect.Value) error { return nil },
}

// selfCharged is the guard of an extension that charges its own output.
func selfCharged(yes bool) guard {
	if !yes {
		return nil
	}
	return func(*Budget, []reflect.Value) error { return nil }
}

func arg(argv []reflect.Value, i int) reflect.Value {
	if i >= len(argv) || !argv[i].IsValid() {
		return undefined
	}
	if v, ok := argv[i].Interface().(reflect.Value); ok {
		return v
	}
	return argv[i]
}

func str(argv []reflect.Value, i int) string {
	switch v := arg(argv, i); {
	case !v.IsValid():
		return ""
	case v.Type() == reflect.TypeOf(jtypes.OptionalString{}):
		return v.Interface().(jtypes.OptionalString).String
	case v.Type() == reflect.TypeOf(jlib.StringCallable{}):
		s, _ := jtypes.AsString(reflect.Value(v.Interface().(jlib.StringCallable)))
		return s
	case v.Kind() == reflect.String:
		return v.String()
	}
	return ""
}

// guardPad: $pad(s, width, chars) repeats chars up to |width| times.
func guardPad(b *Budget, argv []reflect.Value) error {
	w := arg(argv, 1)
	if !w.IsValid() || w.Kind() != reflect.Int {
		return nil
	}
	width := w.Int()
	if width < 0 {
		width = -width
	}
	if width < 0 || width > int64(^uint(0)>>1) {
		return b.Alloc(-1)
	}
	chars := len(str(argv, 2))
	if chars == 0 {
		chars = 1
	}
	return b.Alloc(len(str(argv, 0)) + mul(int(width), chars))
}

// guardJoin: the parts plus a separator between each pair.
func guardJoin(b *Budget, argv []reflect.Value) error {
	v := jtypes.Resolve(arg(argv, 0))
	if !jtypes.IsArray(v) {
		return nil
	}
	n := mul(v.Len(), len(str(argv, 1)))
	for i := 0; i < v.Len() && n >= 0; i++ {
		if s, ok := jtypes.AsString(v.Index(i)); ok {
			n += len(s)
		}
	}
	return b.Alloc(n)
}

// guardReplace bounds $replace(src, pattern, repl): each match adds at
// most len(repl), and each "$n" in repl at most len(src) over all
// (non-overlapping) matches. A function repl is charged for each string
// it returns.
func guardReplace(b *Budget, argv []reflect.Value) error {
	chargeResults(b, argv, 2)
	src, repl := str(argv, 0), str(argv, 2)
	matches := len(src) + 1
	if p := str(argv, 1); p != "" {
		matches = strings.Count(src, p)
	} else if re := regexOf(argv, 1); re != nil && mul(matches, len(repl)) > 1<<20 {
		// The cheap bound is large: count the real matches.
		matches = len(re.FindAllStringIndex(src, -1))
	}
	refs := strings.Count(repl, "$")
	return b.Alloc(len(src) + mul(matches, len(repl)) + mul(refs, len(src)))
}

// guardSplit: one item per part.
func guardSplit(b *Budget, argv []reflect.Value) error {
	src := str(argv, 0)
	parts := len(src) + 1
	if sep := str(argv, 1); sep != "" {
		parts = strings.Count(src, sep) + 1
	}
	return b.AllocItems(parts)
}

func regexOf(argv []reflect.Value, i int) *regexp.Regexp {
	v := arg(argv, i)
	if !v.IsValid() || v.Type() != reflect.TypeOf(jlib.StringCallable{}) {
		return nil
	}
	if p := reflect.Value(v.Interface().(jlib.StringCallable)); p.IsValid() && p.CanInterface() {
		if f, ok := p.Interface().(*regexCallable); ok {
			return f.re
		}
	}
	return nil
}

// guardZip: one array of len(argv) items per item of the shortest.
func guardZip(b *Budget, argv []reflect.Value) error {
	short := -1
	for i := range argv {
		v := jtypes.Resolve(arg(argv, i))
		n := 1
		if jtypes.IsArray(v) {
			n = v.Len()
		}
		if short < 0 || n < short {
			short = n
		}
	}
	if short < 0 {
		short = 0
	}
	return b.AllocItems(mul(short, len(argv)+1))
}

// chargeResults replaces a function argument (a jlib.StringCallable) by
// one that charges b for each string it returns, since the caller copies
// those strings into its output.
func chargeResults(b *Budget, argv []reflect.Value, i int) {
	v := arg(argv, i)
	if !v.IsValid() || v.Type() != reflect.TypeOf(jlib.StringCallable{}) {
		return
	}
	p := reflect.Value(v.Interface().(jlib.StringCallable))
	if !p.IsValid() || !p.CanInterface() {
		return
	}
	if f, ok := p.Interface().(jtypes.Callable); ok {
		var c jtypes.Callable = resultCharger{f, b}
		argv[i] = reflect.ValueOf(jlib.StringCallable(reflect.ValueOf(c)))
	}
}

// resultCharger charges each string its callable returns.
type resultCharger struct {
	jtypes.Callable
	b *Budget
}

func (f resultCharger) Call(argv []reflect.Value) (reflect.Value, error) {
	v, err := f.Callable.Call(argv)
	if s, ok := jtypes.AsString(v); ok && err == nil {
		err = f.b.Alloc(len(s))
	}
	return v, err
}

package jsonata

import (
	"math"
	"reflect"
	"regexp"
	"sort"

	lib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jtypes"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// arrKey identifies a converted slice by backing array and length.
type arrKey struct {
	ptr uintptr
	n   int
}

// converter translates values for one Eval call. It remembers which engine
// containers came from which jsonval containers so that unchanged
// sub-trees are handed back as the originals.
type converter struct {
	objs      map[uintptr]*jsonval.Object
	arrs      map[arrKey][]any
	memo      map[*jsonval.Object]map[string]any
	inputRank map[string]int
	exprRank  map[string]int
	// budget is the call's evaluation budget, which our extension
	// functions charge for what they build.
	budget *lib.Budget
}

func newConverter(keyOrder []string) *converter {
	c := &converter{
		objs:      map[uintptr]*jsonval.Object{},
		arrs:      map[arrKey][]any{},
		memo:      map[*jsonval.Object]map[string]any{},
		inputRank: map[string]int{},
		exprRank:  make(map[string]int, len(keyOrder)),
	}
	for _, k := range keyOrder {
		if _, ok := c.exprRank[k]; !ok {
			c.exprRank[k] = len(c.exprRank)
		}
	}
	return c
}

// bindVars converts the referenced variables that are present.
func (c *converter) bindVars(names []string, vars map[string]jsonval.Value) map[string]any {
	m := make(map[string]any, len(names))
	for _, n := range names {
		if v, ok := vars[n]; ok {
			m[n] = c.toGo(v)
		}
	}
	return m
}

// null is how the engine represents JSON null; a plain nil inside a map
// would read as undefined.
var null *any

// toGo converts a jsonval value to the engine's representation.
func (c *converter) toGo(v jsonval.Value) any {
	switch t := v.(type) {
	case nil:
		return null
	case jsonval.Number:
		return t.Float()
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = c.toGo(e)
		}
		if len(t) > 0 {
			c.arrs[arrKey{reflect.ValueOf(out).Pointer(), len(out)}] = t
		}
		return out
	case *jsonval.Object:
		return c.objToGo(t)
	}
	return v // bool, string, float64
}

func (c *converter) objToGo(o *jsonval.Object) any {
	if o == nil {
		return nil
	}
	if m, ok := c.memo[o]; ok {
		return m
	}
	m := make(map[string]any, o.Len())
	o.Range(func(k string, v jsonval.Value) bool {
		if _, ok := c.inputRank[k]; !ok {
			c.inputRank[k] = len(c.inputRank)
		}
		m[k] = c.toGo(v)
		return true
	})
	c.memo[o] = m
	c.objs[reflect.ValueOf(m).Pointer()] = o
	return m
}

// fromGo converts an engine result back to a jsonval value.
func (c *converter) fromGo(rv reflect.Value) (jsonval.Value, error) {
	if !rv.IsValid() {
		return nil, nil
	}
	if rv.CanInterface() {
		switch rv.Interface().(type) {
		case jtypes.Callable, *regexp.Regexp, regexp.Regexp:
			return nil, ErrUnsupportedResult
		}
	}
	switch rv.Kind() {
	case reflect.Interface, reflect.Pointer:
		if rv.IsNil() {
			return nil, nil
		}
		return c.fromGo(rv.Elem())
	case reflect.Map:
		return c.mapFromGo(rv)
	case reflect.Slice, reflect.Array:
		return c.sliceFromGo(rv)
	case reflect.String:
		return rv.String(), nil
	case reflect.Bool:
		return rv.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return jsonval.NumberFromInt(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return numberFromFloat(float64(rv.Uint()))
	case reflect.Float32, reflect.Float64:
		return numberFromFloat(rv.Float())
	}
	return nil, ErrUnsupportedResult
}

// numberFromFloat renders like JSON.stringify: -0 is 0, and non-finite
// numbers cannot be represented.
func numberFromFloat(f float64) (jsonval.Value, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, newError("D1001", "Number out of range: "+jsFloat(f))
	}
	if f == 0 {
		return jsonval.Number("0"), nil
	}
	return jsonval.NumberFromFloat(f), nil
}

func (c *converter) sliceFromGo(rv reflect.Value) (jsonval.Value, error) {
	if rv.Kind() == reflect.Slice && rv.Len() > 0 {
		if orig, ok := c.arrs[arrKey{rv.Pointer(), rv.Len()}]; ok {
			return orig, nil
		}
	}
	out := make([]any, 0, rv.Len())
	for i := 0; i < rv.Len(); i++ {
		v, err := c.fromGo(rv.Index(i))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (c *converter) mapFromGo(rv reflect.Value) (jsonval.Value, error) {
	if rv.IsNil() {
		return nil, nil
	}
	if orig, ok := c.objs[rv.Pointer()]; ok {
		return orig, nil
	}
	if rv.Type().Key().Kind() != reflect.String {
		return nil, ErrUnsupportedResult
	}
	keys := make([]string, 0, rv.Len())
	for _, k := range rv.MapKeys() {
		keys = append(keys, k.String())
	}
	c.orderKeys(keys)
	o := jsonval.NewObject(len(keys))
	for _, k := range keys {
		v, err := c.fromGo(rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())))
		if err != nil {
			return nil, err
		}
		o.Set(k, v)
	}
	return o, nil
}

// orderKeys sorts keys of a constructed object: all-literal objects in
// source order; otherwise input order, then source order, then by name.
func (c *converter) orderKeys(keys []string) {
	allExpr := true
	for _, k := range keys {
		if _, ok := c.exprRank[k]; !ok {
			allExpr = false
			break
		}
	}
	rank := func(k string) (int, int) {
		if allExpr {
			return 0, c.exprRank[k]
		}
		if r, ok := c.inputRank[k]; ok {
			return 0, r
		}
		if r, ok := c.exprRank[k]; ok {
			return 1, r
		}
		return 2, 0
	}
	sort.Slice(keys, func(i, j int) bool {
		ci, ri := rank(keys[i])
		cj, rj := rank(keys[j])
		if ci != cj {
			return ci < cj
		}
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
}

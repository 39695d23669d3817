package itemreader

import (
	"encoding/base64"
	"fmt"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// parquetObject is a row or a group as an object of the node's fields, in
// the schema's order.
func parquetObject(node parquet.Node, m map[string]any) *jsonval.Object {
	fields := node.Fields()
	o := jsonval.NewObject(len(fields))
	for _, f := range fields {
		o.Set(f.Name(), parquetValue(f, m[f.Name()]))
	}
	return o
}

// parquetValue turns a reconstructed value into JSON: groups are objects,
// LISTs and repeated fields arrays, MAPs objects keyed by their keys in
// sorted order, numbers numbers (as stored: a TIMESTAMP is its count of
// units since the epoch), strings strings; binary values that are not
// UTF-8 are base64, as JSON carries no bytes; NaN and infinities, which
// JSON has no numbers for, are strings; nulls are null.
func parquetValue(node parquet.Node, v any) jsonval.Value {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		elem := listElement(node)
		arr := make([]any, len(x))
		for i, e := range x {
			arr[i] = parquetValue(elem, e)
		}
		return arr
	case map[string]any:
		if kv := mapKeyValue(node); kv != nil {
			return parquetMap(kv, x)
		}
		return parquetObject(node, x)
	}
	return parquetScalar(v)
}

// listElement is the node of a list's elements: a LIST's element field, or
// the repeated field itself.
func listElement(node parquet.Node) parquet.Node {
	if logical[*format.ListType](node) && len(node.Fields()) == 1 {
		if rep := node.Fields()[0]; len(rep.Fields()) == 1 {
			return rep.Fields()[0]
		}
		return node.Fields()[0]
	}
	return node
}

// mapKeyValue is a MAP's key_value group, nil for another node.
func mapKeyValue(node parquet.Node) parquet.Node {
	if node.Leaf() || !logical[*format.MapType](node) || len(node.Fields()) != 1 {
		return nil
	}
	return node.Fields()[0]
}

// logical reports whether node's logical type is a T.
func logical[T any](node parquet.Node) bool {
	lt := node.Type().LogicalType()
	if lt == nil {
		return false
	}
	_, ok := lt.Value.(T)
	return ok
}

func parquetMap(kv parquet.Node, m map[string]any) *jsonval.Object {
	var valueNode parquet.Node = kv
	for _, f := range kv.Fields() {
		if f.Name() == "value" {
			valueNode = f
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	o := jsonval.NewObject(len(keys))
	for _, k := range keys {
		o.Set(k, parquetValue(valueNode, m[k]))
	}
	return o
}

func parquetScalar(v any) jsonval.Value {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return parquetText([]byte(x))
	case []byte:
		return parquetText(x)
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return jsonval.Number(fmt.Sprint(x))
	case float32:
		return parquetFloat(float64(x), strconv.FormatFloat(float64(x), 'g', -1, 32))
	case float64:
		return parquetFloat(x, "")
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

func parquetText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// parquetFloat is f as a number (written short, when given, as a float32
// prints), or a string when JSON has no number for it.
func parquetFloat(f float64, short string) jsonval.Value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	if short != "" {
		return jsonval.Number(short)
	}
	return jsonval.NumberFromFloat(f)
}

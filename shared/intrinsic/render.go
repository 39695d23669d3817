package intrinsic

import (
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// render prints a value the way AWS's States.Format does (Java's toString of
// the value): strings bare, objects as {k=v, k2=v2}, arrays as [a, b].
func render(v jsonval.Value) string {
	var b strings.Builder
	renderTo(&b, v)
	return b.String()
}

func renderTo(b *strings.Builder, v jsonval.Value) {
	switch x := v.(type) {
	case string:
		b.WriteString(x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			renderTo(b, e)
		}
		b.WriteByte(']')
	case *jsonval.Object:
		b.WriteByte('{')
		for i, k := range x.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k)
			b.WriteByte('=')
			e, _ := x.Get(k)
			renderTo(b, e)
		}
		b.WriteByte('}')
	default:
		b.Write(jsonval.Marshal(v))
	}
}

// canonical appends a key that is equal for two values exactly when they are
// equal as Jackson nodes: objects ignore key order, numbers keep their text.
func canonical(buf []byte, v jsonval.Value) []byte {
	switch x := v.(type) {
	case []any:
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = canonical(buf, e)
		}
		return append(buf, ']')
	case *jsonval.Object:
		keys := append([]string(nil), x.Keys()...)
		sort.Strings(keys)
		buf = append(buf, '{')
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = jsonval.AppendQuoted(buf, k)
			buf = append(buf, ':')
			e, _ := x.Get(k)
			buf = canonical(buf, e)
		}
		return append(buf, '}')
	}
	return jsonval.AppendJSON(buf, v)
}

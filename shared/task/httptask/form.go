package httptask

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// queryParameters reads QueryParameters: an object (array values repeat
// the key), a query string, or an array of such objects.
func queryParameters(v jsonval.Value) ([]pair, error) {
	switch x := v.(type) {
	case string:
		q, err := url.ParseQuery(strings.TrimPrefix(x, "?"))
		if err != nil {
			return nil, paramError("The value for the field 'QueryParameters' is not a valid query string")
		}
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []pair
		for _, k := range keys {
			for _, s := range q[k] {
				out = append(out, pair{key: k, value: s})
			}
		}
		return out, nil
	case *jsonval.Object:
		return pairs(x, ArrayRepeat), nil
	case []any:
		var out []pair
		for _, e := range x {
			o, ok := e.(*jsonval.Object)
			if !ok {
				return nil, paramError("The items of the field 'QueryParameters' must be OBJECTs")
			}
			out = append(out, pairs(o, ArrayRepeat)...)
		}
		return out, nil
	}
	return nil, paramError("The value for the field 'QueryParameters' must be an OBJECT, an ARRAY or a STRING")
}

// pair is one key=value of a query or form body; raw values are escaped
// already.
type pair struct {
	key, value string
	raw        bool
}

// pairs flattens an object into form pairs: nested objects as key[sub],
// arrays as format says (INDICES key[0], REPEAT key, COMMAS one key with
// comma-joined values, BRACKETS key[]).
func pairs(o *jsonval.Object, format string) []pair {
	var out []pair
	o.Range(func(k string, v jsonval.Value) bool {
		out = flatten(out, k, v, format)
		return true
	})
	return out
}

func flatten(out []pair, key string, v jsonval.Value, format string) []pair {
	switch x := v.(type) {
	case *jsonval.Object:
		x.Range(func(k string, sub jsonval.Value) bool {
			out = flatten(out, key+"["+k+"]", sub, format)
			return true
		})
		return out
	case []any:
		return flattenArray(out, key, x, format)
	}
	s, _ := scalarText(v)
	return append(out, pair{key: key, value: s})
}

func flattenArray(out []pair, key string, items []any, format string) []pair {
	if format == ArrayCommas {
		texts := make([]string, len(items))
		for i, e := range items {
			if s, ok := scalarText(e); ok {
				texts[i] = escape(s)
			} else {
				texts[i] = escape(jsonval.String(e))
			}
		}
		// Escaped here: the commas between values stay literal.
		return append(out, pair{key: key, value: strings.Join(texts, ","), raw: true})
	}
	for i, e := range items {
		k := key
		switch format {
		case ArrayIndices:
			k += "[" + strconv.Itoa(i) + "]"
		case ArrayBrackets:
			k += "[]"
		}
		out = flatten(out, k, e, format)
	}
	return out
}

// encode renders pairs as key=value&… with RFC 3986 escaping (a space is
// %20, as AWS sends it).
func encode(ps []pair) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(escape(p.key))
		b.WriteByte('=')
		if p.raw {
			b.WriteString(p.value)
		} else {
			b.WriteString(escape(p.value))
		}
	}
	return b.String()
}

// escape percent-encodes everything but RFC 3986's unreserved characters.
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

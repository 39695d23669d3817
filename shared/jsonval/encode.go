package jsonval

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// Marshal encodes v compactly, keeping object key order and number text.
// Like AWS (Jackson), it does not HTML-escape '<', '>' or '&'.
func Marshal(v Value) []byte {
	return AppendJSON(nil, v)
}

// String encodes v as a compact JSON string.
func String(v Value) string { return string(Marshal(v)) }

// AppendJSON appends the compact encoding of v to buf.
func AppendJSON(buf []byte, v Value) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case bool:
		if x {
			return append(buf, "true"...)
		}
		return append(buf, "false"...)
	case string:
		return AppendQuoted(buf, x)
	case Number:
		return append(buf, x...)
	case []any:
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendJSON(buf, e)
		}
		return append(buf, ']')
	case *Object:
		buf = append(buf, '{')
		for i, k := range x.keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendQuoted(buf, k)
			buf = append(buf, ':')
			buf = AppendJSON(buf, x.vals[i])
		}
		return append(buf, '}')
	case int:
		return strconv.AppendInt(buf, int64(x), 10)
	case int64:
		return strconv.AppendInt(buf, x, 10)
	case float64:
		return append(buf, FormatFloat(x)...)
	default:
		panic(fmt.Sprintf("jsonval: cannot encode %T", v))
	}
}

// FormatFloat renders a float the way JSON numbers are written: integers
// without a fraction, others in the shortest form that round-trips.
func FormatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "null"
	}
	if a := math.Abs(f); a < 1e21 && (a >= 1e-6 || f == 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

const hexDigits = "0123456789abcdef"

// AppendQuoted appends s as a JSON string literal.
func AppendQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

package jsonpath

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// unescape resolves Java-style escapes in a filter string literal.
func unescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if n, err := strconv.ParseUint(s[i+1:min(i+5, len(s))], 16, 32); err == nil && i+5 <= len(s) {
				b.WriteRune(rune(n))
				i += 4
			} else {
				b.WriteByte('u')
			}
		default:
			b.WriteByte(s[i])
		}
	}
	if out := b.String(); utf8.ValidString(out) {
		return out
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

// singleToDouble rewrites single-quoted strings in a JSON literal as JSON
// strings; Jayway parses such literals leniently (e.g. ['a','b']).
func singleToDouble(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			j := skipQuoted(s, i)
			b.WriteString(s[i : j+1])
			i = j
		case '\'':
			j := skipQuoted(s, i)
			b.WriteByte('"')
			for k := i + 1; k < j; k++ {
				switch {
				case s[k] == '\\' && s[k+1] == '\'':
					b.WriteByte('\'')
					k++
				case s[k] == '\\':
					b.WriteString(s[k : k+2])
					k++
				case s[k] == '"':
					b.WriteString(`\"`)
				default:
					b.WriteByte(s[k])
				}
			}
			b.WriteByte('"')
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isDecimal accepts what Java's BigDecimal(String) accepts: optional sign,
// digits with an optional point (at least one digit), optional exponent.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		}
		if i == start || i-start > 9 {
			return false // Java rejects exponents beyond int range
		}
	}
	return i == len(s)
}

package jsonata

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanVarNames lists the distinct $names in src (outside string literals
// and comments), in order of first use. Only these are bound at Eval, so
// large unused variables are never converted.
func scanVarNames(src string) []string {
	var names []string
	seen := map[string]bool{}
	forEachToken(src, func(i int) int {
		j := i + 1
		for j < len(src) {
			r, n := utf8.DecodeRuneInString(src[j:])
			if !isNameRune(r) {
				break
			}
			j += n
		}
		if n := src[i+1 : j]; n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
		return j
	}, nil)
	return names
}

// scanLiteralKeys lists string literals followed by ':' (object keys of
// constructors), in source order. It is only a hint for key ordering, so
// the odd false positive (a ternary branch) is harmless.
func scanLiteralKeys(src string) []string {
	var keys []string
	forEachToken(src, nil, func(lit string, end int) {
		rest := strings.TrimLeft(src[end:], " \t\r\n")
		if strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, ":=") {
			keys = append(keys, lit)
		}
	})
	return keys
}

// forEachToken walks src, skipping comments, calling onDollar at each '$'
// (it returns where to continue) and onString for each string literal with
// its decoded text and end offset.
func forEachToken(src string, onDollar func(i int) int, onString func(lit string, end int)) {
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return
			}
			i += end + 4
		case c == '"' || c == '\'':
			end := stringEnd(src, i)
			if onString != nil && end-1 > i {
				onString(decodeLiteral(src[i+1:end-1]), end)
			}
			i = end
		case c == '$' && onDollar != nil:
			i = onDollar(i)
		default:
			i++
		}
	}
}

// stringEnd returns the offset just past the literal starting at i.
func stringEnd(src string, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return len(src) // unterminated: nothing past it is a token
}

// decodeLiteral undoes JSON-style escapes; on any oddity the raw text is
// good enough for a key-order hint.
func decodeLiteral(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	if u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`); err == nil {
		return u
	}
	return s
}

func isNameRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

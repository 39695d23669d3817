package jsonata

import "strings"

// sourceNesting estimates how deep the engine's recursive parser will
// nest for src: one level per open bracket, plus one per conditional '?',
// assignment ':=' or prefix '-' until the expression they start ends (at
// ',', ';' or the enclosing bracket). String literals, quoted names and
// comments are skipped. It errs on the high side.
func sourceNesting(src string) int {
	var open []int // depth before each unclosed bracket
	depth, deepest := 0, 0
	prev := byte('(') // last significant character; start acts as an opener
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return deepest
			}
			i += end + 3
			continue
		case c == '"' || c == '\'' || c == '`':
			i = stringEnd(src, i) - 1
		case c == '(' || c == '[' || c == '{':
			open = append(open, depth)
			depth++
		case c == ')' || c == ']' || c == '}':
			if len(open) > 0 {
				depth = open[len(open)-1]
				open = open[:len(open)-1]
			}
		case c == ',' || c == ';':
			depth = len(open)
			if len(open) > 0 {
				depth = open[len(open)-1] + 1
			}
		case c == '?', c == ':' && strings.HasPrefix(src[i:], ":="),
			c == '-' && strings.IndexByte("([{,;:?=<>!+-*/%&|~", prev) >= 0:
			depth++
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		}
		prev = c
		deepest = max(deepest, depth)
	}
	return deepest
}

package interp

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// stringMatches implements StringMatches: '*' matches any run of
// characters; '\*' and '\\' (a backslash before any character) are
// literal.
func stringMatches(v, operand jsonval.Value) bool {
	s, ok1 := v.(string)
	pattern, ok2 := operand.(string)
	if !ok1 || !ok2 {
		return false
	}
	return globMatch(globSegments(pattern), s)
}

// globSegments splits a pattern at its unescaped stars into the literal
// texts between them, so "a*b\*c*" gives ["a", "b*c", ""].
func globSegments(pattern string) []string {
	var segs []string
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\' && i+1 < len(pattern):
			i++
			cur.WriteByte(pattern[i])
		case c == '*':
			segs = append(segs, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(segs, cur.String())
}

// globMatch matches in linear time: with '*' the only wildcard, the first
// segment must be a prefix, the last a suffix, and each middle segment may
// be taken at its leftmost place, since any later match only leaves less
// room for the rest. Backtracking is never needed.
func globMatch(segs []string, s string) bool {
	if len(segs) == 1 {
		return s == segs[0]
	}
	first, last := segs[0], segs[len(segs)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	rest := s[len(first) : len(s)-len(last)]
	for _, seg := range segs[1 : len(segs)-1] {
		i := strings.Index(rest, seg)
		if i < 0 {
			return false
		}
		rest = rest[i+len(seg):]
	}
	return true
}

package interp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStringMatches(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"*", "anything", true},
		{"log-*.txt", "log-2024.txt", true},
		{"log-*.txt", "log-.txt", true},
		{"log-*.txt", "log-2024.txt.gz", false},
		{"*.txt", "a.txt.txt", true},
		{"a*a", "a", false},
		{"a*a", "aa", true},
		{"*a*b*c*", "xxaxxbxxcxx", true},
		{"*a*b*c*", "cba", false},
		{`\*`, "*", true},
		{`\*`, "x", false},
		{`a\*b*`, "a*bcd", true},
		{`a\\*`, `a\xyz`, true},
		{`a\`, `a\`, true},
		{"héllo*wörld", "héllo, wörld", true},
		{"*ö*", "ö", true},
		// The exponential case: must answer at once.
		{strings.Repeat("*a", 12) + "*b", strings.Repeat("a", 40), false},
		{strings.Repeat("*a", 5000) + "*b", strings.Repeat("a", 100_000), false},
	}
	for _, tt := range tests {
		if got := stringMatches(tt.s, tt.pattern); got != tt.want {
			t.Errorf("StringMatches(%.40q, %.40q) = %v, want %v", tt.s, tt.pattern, got, tt.want)
		}
	}
	if stringMatches(1.0, "*") || stringMatches("a", 1.0) {
		t.Error("non-strings must not match")
	}
}

// refMatch is the obvious memoised matcher over runes, the meaning the
// linear matcher must keep.
func refMatch(p, s []rune) bool {
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		key := [2]int{i, j}
		if v, ok := memo[key]; ok {
			return v
		}
		var r bool
		switch {
		case i == len(p):
			r = j == len(s)
		case p[i] == '\\' && i+1 < len(p):
			r = j < len(s) && s[j] == p[i+1] && m(i+2, j+1)
		case p[i] == '*':
			r = m(i+1, j) || (j < len(s) && m(i, j+1))
		default:
			r = j < len(s) && s[j] == p[i] && m(i+1, j+1)
		}
		memo[key] = r
		return r
	}
	return m(0, 0)
}

func FuzzStringMatches(f *testing.F) {
	f.Add("*a*b", "xaxb")
	f.Add(`a\*b*\\`, `a*bc\`)
	f.Add(strings.Repeat("*a", 12)+"*b", strings.Repeat("a", 40))
	f.Add("*ö*", "öö")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		// Decoded JSON strings are valid UTF-8.
		if len(pattern) > 64 || len(s) > 64 || !utf8.ValidString(pattern) || !utf8.ValidString(s) {
			return
		}
		want := refMatch([]rune(pattern), []rune(s))
		if got := stringMatches(s, pattern); got != want {
			t.Fatalf("StringMatches(%q, %q) = %v, reference says %v", s, pattern, got, want)
		}
	})
}

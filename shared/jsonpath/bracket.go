package jsonpath

import (
	"fmt"
	"strconv"
	"strings"
)

// sig returns the index of the next non-blank byte at or after i.
func (pp *pathParser) sig(i int) int {
	for i < len(pp.s) && isBlank(pp.s[i]) {
		i++
	}
	return i
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (pp *pathParser) readBracket() error {
	j := pp.sig(pp.pos + 1)
	if j >= len(pp.s) {
		return pp.errf(pp.pos, "unclosed '['")
	}
	switch c := pp.s[j]; {
	case c == '\'' || c == '"':
		return pp.readProps(j, c)
	case c >= '0' && c <= '9', c == '-', c == ':':
		return pp.readArray()
	case c == '*':
		k := pp.sig(j + 1)
		if k >= len(pp.s) || pp.s[k] != ']' {
			return pp.errf(j+1, "expected wildcard token to end with ']'")
		}
		pp.add(step{kind: kWild, frag: "[*]"})
		pp.pos = k + 1
		return nil
	case c == '?':
		return pp.readFilter(j)
	}
	return pp.errf(j, "could not parse token, expected ?, ', \", 0-9 or * after '['")
}

// readProps reads ['a'] or ['a','b']. A backslash keeps the next character
// from closing the name but stays in it: AWS matches $['a\"b'] against the key
// a\"b (see conformance case ESCAPE_SEQUENCES_JSONPATH).
func (pp *pathParser) readProps(j int, quote byte) error {
	s := pp.s
	var names []string
	for {
		if j >= len(s) || s[j] != quote {
			return pp.errf(j, "expected %c to start a property name", quote)
		}
		k := j + 1
		for k < len(s) && s[k] != quote {
			if s[k] == '\\' {
				k++
			}
			k++
		}
		if k >= len(s) {
			return pp.errf(j, "property has not been closed, missing closing %c", quote)
		}
		names = append(names, s[j+1:k])
		j = pp.sig(k + 1)
		if j < len(s) && s[j] == ']' {
			break
		}
		if j >= len(s) || s[j] != ',' {
			return pp.errf(j, "properties must be separated by ',' and terminated by ']'")
		}
		j = pp.sig(j + 1)
	}
	pp.add(propStep(names, quote))
	pp.pos = j + 1
	return nil
}

func (pp *pathParser) readArray() error {
	s := pp.s
	end := strings.IndexByte(s[pp.pos:], ']')
	if end < 0 {
		return pp.errf(pp.pos, "unclosed '['")
	}
	end += pp.pos
	expr := strings.Trim(s[pp.pos+1:end], " ")
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		if !(c >= '0' && c <= '9') && c != ',' && c != '-' && c != ':' && c != ' ' {
			return pp.errf(pp.pos+1, "invalid array index or slice %q", expr)
		}
	}
	var st step
	var err error
	if strings.Contains(expr, ":") {
		st, err = parseSlice(expr)
	} else {
		st, err = parseIndexes(expr)
	}
	if err != nil {
		return pp.errf(pp.pos+1, "%v", err)
	}
	pp.add(st)
	pp.pos = end + 1
	return nil
}

// parseSlice follows Jayway: "from:to", either may be empty; a third part
// (step) is accepted and ignored, as Jayway ignores it.
func parseSlice(expr string) (step, error) {
	if strings.Contains(expr, " ") {
		return step{}, fmt.Errorf("failed to parse slice %q", expr)
	}
	parts := strings.Split(expr, ":")
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1] // Java's String.split drops trailing empties
	}
	var v [2]int
	var has [2]bool
	for i := 0; i < 2 && i < len(parts); i++ {
		if parts[i] == "" {
			continue
		}
		n, err := parseInt32(parts[i])
		if err != nil {
			return step{}, fmt.Errorf("failed to parse slice %q", expr)
		}
		v[i], has[i] = n, true
	}
	if !has[0] && !has[1] {
		return step{}, fmt.Errorf("failed to parse slice %q", expr)
	}
	return sliceStep(v[0], v[1], has[0], has[1]), nil
}

func parseIndexes(expr string) (step, error) {
	parts := strings.Split(expr, ",")
	idx := make([]int, 0, len(parts))
	for _, part := range parts {
		n, err := parseInt32(strings.Trim(part, " "))
		if err != nil {
			return step{}, fmt.Errorf("failed to parse array index %q", part)
		}
		idx = append(idx, n)
	}
	return indexStep(idx), nil
}

// parseInt32 parses like Java's Integer.parseInt.
func parseInt32(s string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err
}

func (pp *pathParser) readFilter(q int) error {
	s := pp.s
	open := pp.sig(q + 1)
	if open >= len(s) || s[open] != '(' {
		return pp.errf(q, "expected '(' after '?'")
	}
	closeIdx := matchParen(s, open)
	if closeIdx < 0 {
		return pp.errf(open, "unbalanced parentheses in filter")
	}
	rb := pp.sig(closeIdx + 1)
	if rb >= len(s) || s[rb] != ']' {
		return pp.errf(closeIdx+1, "expected ']' to close the filter")
	}
	fp := &filterParser{ps: pp.ps, s: s[:closeIdx], pos: open + 1, base: pp.base}
	expr, err := fp.parse()
	if err != nil {
		return err
	}
	pp.add(step{kind: kFilter, filter: expr, frag: "[?]"})
	pp.pos = rb + 1
	return nil
}

// matchParen returns the index of the ')' closing s[open], skipping quoted
// strings and regex literals (a '/' right after '~').
func matchParen(s string, open int) int {
	depth := 0
	prev := byte(0)
	for i := open; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"' || (c == '/' && prev == '~'):
			i = skipQuoted(s, i)
			if i < 0 {
				return -1
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
		if !isBlank(c) {
			prev = c
		}
	}
	return -1
}

// skipQuoted returns the index of the delimiter closing the literal that
// starts at s[i], or -1.
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case q:
			return j
		}
	}
	return -1
}

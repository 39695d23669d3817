package jsonpath

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parser holds the whole text so that nested (filter) paths report offsets
// into it.
type parser struct {
	full string
}

func (ps *parser) errf(off int, format string, args ...any) error {
	return &ParseError{Path: ps.full, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// pathParser parses one path; s is full[base:base+len(s)].
type pathParser struct {
	ps   *parser
	s    string
	base int
	pos  int
	path *Path
}

func (pp *pathParser) errf(off int, format string, args ...any) error {
	return pp.ps.errf(pp.base+off, format, args...)
}

// parsePath parses s, which starts at byte base of the full text. Inside a
// filter, '@' (current node) and '$' (document root) are the only roots.
func (ps *parser) parsePath(s string, base int, inFilter bool) (*Path, error) {
	pp := &pathParser{ps: ps, s: s, base: base, path: &Path{text: s}}
	if err := pp.readRoot(inFilter); err != nil {
		return nil, err
	}
	if strings.HasSuffix(s, ".") {
		return nil, pp.errf(len(s)-1, "path must not end with '.' or '..'")
	}
	for pp.pos < len(s) {
		if err := pp.readToken(); err != nil {
			return nil, err
		}
	}
	pp.path.finish()
	return pp.path, nil
}

func (pp *pathParser) readRoot(inFilter bool) error {
	s := pp.s
	if s == "" {
		return pp.errf(0, "path is empty")
	}
	switch {
	case s[0] == '@' && inFilter:
		pp.path.current = true
		pp.pos = 1
	case s[0] != '$':
		return pp.errf(0, "path must start with '$'")
	case inFilter:
		pp.pos = 1
	case len(s) > 1 && s[1] == '$':
		pp.path.root = RootContext
		pp.pos = 2
	default:
		pp.pos = 1
		n := varNameLen(s[1:])
		if n > 0 {
			pp.path.root = RootVariable
			pp.path.name = s[1 : 1+n]
			pp.pos += n
		}
	}
	if pp.pos < len(s) && s[pp.pos] != '.' && s[pp.pos] != '[' {
		return pp.errf(pp.pos, "illegal character %q, expected '.' or '['", s[pp.pos])
	}
	return nil
}

// varNameLen is the length of a leading variable name: a letter or '_'
// followed by letters, digits and '_'.
func varNameLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		ok := r == '_' || unicode.IsLetter(r) || (n > 0 && unicode.IsDigit(r))
		if !ok {
			break
		}
		n += size
	}
	return n
}

func (pp *pathParser) add(st step) { pp.path.steps = append(pp.path.steps, st) }

func (pp *pathParser) readToken() error {
	s := pp.s
	switch s[pp.pos] {
	case '[':
		return pp.readBracket()
	case '.':
		return pp.readDot()
	}
	return pp.errf(pp.pos, "unexpected character %q, expected '.' or '['", s[pp.pos])
}

func (pp *pathParser) readDot() error {
	s := pp.s
	if strings.HasPrefix(s[pp.pos:], "..") {
		pp.add(step{kind: kScan, frag: ".."})
		pp.pos += 2
	} else {
		pp.pos++
	}
	if pp.pos >= len(s) {
		return pp.errf(pp.pos, "path must not end with '.'")
	}
	switch s[pp.pos] {
	case '.':
		return pp.errf(pp.pos, "character '.' is not valid here")
	case '[':
		return pp.readBracket()
	case '*':
		pp.add(step{kind: kWild, frag: "[*]"})
		pp.pos++
		return nil
	}
	return pp.readName()
}

// readName reads a dot-notation property name or function call.
func (pp *pathParser) readName() error {
	s := pp.s
	start := pp.pos
	end := start
	for end < len(s) && s[end] != '.' && s[end] != '[' && s[end] != '(' {
		if s[end] == ' ' {
			return pp.errf(end, "use bracket notation ['my prop'] if a property contains blanks")
		}
		end++
	}
	name := s[start:end]
	if name == "" {
		return pp.errf(start, "empty property name")
	}
	pp.pos = end
	if end < len(s) && s[end] == '(' {
		return pp.readFunc(name, start)
	}
	pp.add(propStep([]string{name}, '\''))
	return nil
}

func (pp *pathParser) readFunc(name string, start int) error {
	if !strings.HasPrefix(pp.s[pp.pos:], "()") {
		return pp.errf(pp.pos, "arguments to function %q are not supported", name)
	}
	if _, ok := functions[name]; !ok {
		return pp.errf(start, "function %q does not exist", name)
	}
	pp.pos += 2
	pp.add(step{kind: kFunc, fn: name, frag: "." + name + "()"})
	return nil
}

package validate

import (
	"fmt"
	"strings"
)

// JSONSyntax describes the first syntax error of a JSON text as AWS does
// (in the words of the Jackson parser behind the service), with the 1-based
// line and column it reports; ok is false when the text parses.
func JSONSyntax(text string) (msg string, line, col int, ok bool) {
	p := &jsonScan{s: text}
	p.value("")
	if p.err == "" {
		return "", 0, 0, false
	}
	line, col = 1, 1
	for _, r := range text[:p.at] {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return p.err, line, col, true
}

// jsonScan is a recursive-descent JSON checker that stops at the first
// error, recording Jackson's message and the offset it reports.
type jsonScan struct {
	s   string
	i   int
	at  int
	err string
}

const expectedValue = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

func (p *jsonScan) fail(at int, format string, args ...any) {
	if p.err == "" {
		p.at, p.err = at, fmt.Sprintf(format, args...)
	}
}

func (p *jsonScan) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

// unexpected reports the character at i, as Jackson quotes it.
func (p *jsonScan) unexpected(what string) {
	c := p.s[p.i]
	p.fail(p.i+1, "Unexpected character ('%c' (code %d)): %s", c, c, what)
}

// value reads a value inside a container of kind ("" at the top).
func (p *jsonScan) value(in string) {
	p.space()
	switch {
	case p.i >= len(p.s) && in == "":
		p.fail(p.i, "No content to map due to end-of-input")
		return
	case p.i >= len(p.s):
		p.fail(p.i, "Unexpected end-of-input within/between %s entries", in)
		return
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.container('}', "Object")
	case c == '[':
		p.container(']', "Array")
	case c == '"':
		p.str()
	case c == '-' || c >= '0' && c <= '9':
		p.number()
	case isWordByte(c):
		p.word()
	default:
		p.unexpected("expected a valid value " + expectedValue)
	}
}

// word reads a literal; anything but true, false or null is an
// unrecognized token, reported after its last character.
func (p *jsonScan) word() {
	start := p.i
	for p.i < len(p.s) && isWordByte(p.s[p.i]) {
		p.i++
	}
	switch tok := p.s[start:p.i]; tok {
	case "true", "false", "null":
	default:
		p.fail(p.i, "Unrecognized token '%s': was expecting %s", tok, expectedValue)
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func (p *jsonScan) number() {
	if p.s[p.i] == '-' {
		p.i++
	}
	for p.i < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *jsonScan) str() {
	p.i++
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '\\':
			p.i += 2
			continue
		case '"':
			p.i++
			return
		}
		p.i++
	}
	p.fail(p.i, "Unexpected end-of-input: was expecting closing quote for a string value")
}

// container reads an object or array up to its close marker.
func (p *jsonScan) container(closer byte, kind string) {
	p.i++
	for first := true; p.err == ""; first = false {
		p.space()
		if p.i >= len(p.s) {
			p.fail(p.i, "Unexpected end-of-input: expected close marker for %s", kind)
			return
		}
		if p.s[p.i] == closer && first {
			p.i++
			return
		}
		if !first {
			if p.s[p.i] == closer {
				p.i++
				return
			}
			if p.s[p.i] != ',' {
				p.unexpected(fmt.Sprintf("was expecting comma to separate %s entries", kind))
				return
			}
			p.i++
			p.space()
		}
		if kind == "Object" && !p.field() {
			return
		}
		p.value(kind)
	}
}

// field reads an object key and its colon.
func (p *jsonScan) field() bool {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		if p.i < len(p.s) {
			p.unexpected("was expecting double-quote to start field name")
		} else {
			p.fail(p.i, "Unexpected end-of-input: expected close marker for Object")
		}
		return false
	}
	p.str()
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != ':' {
		if p.i < len(p.s) {
			p.unexpected("was expecting a colon to separate field name and value")
		} else {
			p.fail(p.i, "Unexpected end-of-input: expected close marker for Object")
		}
		return false
	}
	p.i++
	return p.err == ""
}

// jacksonSource is the location Jackson gives a parse error: the source
// text (cut to 500 characters) with line and column.
func jacksonSource(text string, line, col int) string {
	const maxShown = 500
	shown := text
	rest := ""
	if r := []rune(text); len(r) > maxShown {
		shown, rest = string(r[:maxShown]), fmt.Sprintf("[truncated %d chars]", len(r)-maxShown)
	}
	return fmt.Sprintf("[Source: (String)\"%s\"%s; line: %d, column: %d]", shown, rest, line, col)
}

package intrinsic

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// escapable lists the characters a backslash may escape in a string literal;
// any other escape is rejected, as AWS rejects an "open" backslash.
const escapable = `'{}\`

// stringLit parses a single-quoted literal, p.i at the opening quote.
func (p *parser) stringLit() (Arg, error) {
	p.i++
	start := p.i
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch c {
		case '\'':
			raw := p.s[start:p.i]
			p.i++
			return Arg{Kind: ArgLiteral, Value: b.String(), raw: raw, hasRaw: true}, nil
		case '\\':
			if p.i+1 >= len(p.s) || !strings.ContainsRune(escapable, rune(p.s[p.i+1])) {
				return Arg{}, p.errf("invalid escape sequence in string literal")
			}
			b.WriteByte(p.s[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return Arg{}, p.errf("unterminated string literal")
}

// number parses a JSON-style number literal and keeps its exact text.
func (p *parser) number() (Arg, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	if !p.digits() {
		return Arg{}, p.errf("invalid number")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if !p.digits() {
			return Arg{}, p.errf("invalid number")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return Arg{}, p.errf("invalid number")
		}
	}
	text := p.s[start:p.i]
	if _, err := jsonval.DecodeString(text); err != nil {
		p.i = start
		return Arg{}, p.errf("invalid number %q", text)
	}
	return Arg{Kind: ArgLiteral, Value: jsonval.Number(text)}, nil
}

func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// path scans a path argument. It ends at the first ',' , ')' or blank that
// is outside brackets and quotes, so "$.a['x,y']" and "$[?(@.n > 1)]" work.
func (p *parser) path() (Arg, error) {
	start := p.i
	depth := 0
	var quote byte
	for ; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		if quote != 0 {
			if c == '\\' {
				p.i++
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch {
		case (c == '\'' || c == '"') && depth > 0:
			quote = c
		case c == '[':
			depth++
		case c == ']':
			if depth == 0 {
				return Arg{}, p.errf("unbalanced ']' in path")
			}
			depth--
		case depth == 0 && (c == ',' || c == ')' || isSpace(c)):
			return Arg{Kind: ArgPath, Path: p.s[start:p.i]}, nil
		}
	}
	if quote != 0 || depth > 0 {
		return Arg{}, p.errf("unterminated path %q", clip(p.s[start:]))
	}
	return Arg{Kind: ArgPath, Path: p.s[start:p.i]}, nil
}

package intrinsic

import (
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// SyntaxError reports malformed intrinsic call text.
type SyntaxError struct {
	Offset int    // byte offset into the expression
	Msg    string // what is wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid intrinsic function call at offset %d: %s", e.Offset, e.Msg)
}

// maxDepth bounds call nesting so hostile input cannot exhaust the stack.
const maxDepth = 64

const namePrefix = "States."

// Parse parses a full intrinsic expression such as "States.Array($.a, 'b', 3)".
func Parse(s string) (*Call, error) {
	p := &parser{s: s}
	p.skipSpace()
	c, err := p.call(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.i != len(s) {
		return nil, p.errf("unexpected text %q after the call", clip(s[p.i:]))
	}
	c.src = s
	return c, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) errf(format string, a ...any) error {
	return &SyntaxError{Offset: p.i, Msg: fmt.Sprintf(format, a...)}
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *parser) call(depth int) (*Call, error) {
	if depth >= maxDepth {
		return nil, p.errf("calls nested more than %d deep", maxDepth)
	}
	if !strings.HasPrefix(p.s[p.i:], namePrefix) {
		return nil, p.errf("expected a function name starting with %q", namePrefix)
	}
	start := p.i
	p.i += len(namePrefix)
	for p.i < len(p.s) && isIdent(p.s[p.i]) {
		p.i++
	}
	name := p.s[start:p.i]
	if name == namePrefix {
		return nil, p.errf("missing function name after %q", namePrefix)
	}
	if p.i >= len(p.s) || p.s[p.i] != '(' {
		return nil, p.errf("expected '(' after %s", name)
	}
	p.i++
	args, err := p.args(depth)
	if err != nil {
		return nil, err
	}
	c := &Call{Name: name, Args: args}
	if sp, ok := registry[name]; ok {
		c.sp = &sp
	}
	return c, nil
}

func isIdent(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// args parses the argument list after '(' up to and including ')'.
func (p *parser) args(depth int) ([]Arg, error) {
	var args []Arg
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == ')' {
		p.i++
		return args, nil
	}
	for {
		p.skipSpace()
		a, err := p.arg(depth)
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		p.skipSpace()
		if p.i >= len(p.s) {
			return nil, p.errf("missing ')'")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ')':
			p.i++
			return args, nil
		default:
			return nil, p.errf("expected ',' or ')', found %q", p.s[p.i])
		}
	}
}

func (p *parser) arg(depth int) (Arg, error) {
	if p.i >= len(p.s) {
		return Arg{}, p.errf("missing argument")
	}
	switch c := p.s[p.i]; {
	case c == '\'':
		return p.stringLit()
	case c == '$':
		return p.path()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case strings.HasPrefix(p.s[p.i:], namePrefix):
		c, err := p.call(depth + 1)
		if err != nil {
			return Arg{}, err
		}
		return Arg{Kind: ArgCall, Call: c}, nil
	case c == ',' || c == ')':
		return Arg{}, p.errf("missing argument")
	default:
		return p.keyword()
	}
}

var keywords = map[string]jsonval.Value{"true": true, "false": false, "null": nil}

func (p *parser) keyword() (Arg, error) {
	start := p.i
	for p.i < len(p.s) && isIdent(p.s[p.i]) {
		p.i++
	}
	word := p.s[start:p.i]
	v, ok := keywords[word]
	if !ok {
		p.i = start
		return Arg{}, p.errf("unexpected argument %q", clip(p.s[start:]))
	}
	return Arg{Kind: ArgLiteral, Value: v}, nil
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "..."
	}
	return s
}

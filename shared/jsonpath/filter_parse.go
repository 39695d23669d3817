package jsonpath

import (
	"strings"
)

// filterParser parses the expression inside "[?( ... )]". s ends just before
// the closing ')'; offsets are into the enclosing path text.
type filterParser struct {
	ps   *parser
	s    string
	pos  int
	base int
}

func (fp *filterParser) errf(off int, format string, args ...any) error {
	return fp.ps.errf(fp.base+off, format, args...)
}

func (fp *filterParser) skip() {
	for fp.pos < len(fp.s) && isBlank(fp.s[fp.pos]) {
		fp.pos++
	}
}

func (fp *filterParser) peek(tok string) bool {
	fp.skip()
	return strings.HasPrefix(fp.s[fp.pos:], tok)
}

func (fp *filterParser) parse() (fexpr, error) {
	e, err := fp.or()
	if err != nil {
		return nil, err
	}
	if fp.skip(); fp.pos < len(fp.s) {
		return nil, fp.errf(fp.pos, "unexpected %q in filter", fp.s[fp.pos])
	}
	return e, nil
}

func (fp *filterParser) or() (fexpr, error) {
	l, err := fp.and()
	for err == nil && fp.peek("||") {
		fp.pos += 2
		var r fexpr
		if r, err = fp.and(); err == nil {
			l = orExpr{l, r}
		}
	}
	return l, err
}

func (fp *filterParser) and() (fexpr, error) {
	l, err := fp.unary()
	for err == nil && fp.peek("&&") {
		fp.pos += 2
		var r fexpr
		if r, err = fp.unary(); err == nil {
			l = andExpr{l, r}
		}
	}
	return l, err
}

func (fp *filterParser) unary() (fexpr, error) {
	fp.skip()
	if fp.pos >= len(fp.s) {
		return nil, fp.errf(fp.pos, "expected an expression in filter")
	}
	switch fp.s[fp.pos] {
	case '!':
		fp.pos++
		if fp.peek("@") || fp.peek("$") {
			return fp.relation(true)
		}
		x, err := fp.unary()
		return notExpr{x}, err
	case '(':
		fp.pos++
		e, err := fp.or()
		if err != nil {
			return nil, err
		}
		if !fp.peek(")") {
			return nil, fp.errf(fp.pos, "expected ')' in filter")
		}
		fp.pos++
		return e, nil
	}
	return fp.relation(false)
}

// relation reads "operand op operand", or a lone path (an existence check,
// negated after '!').
func (fp *filterParser) relation(negated bool) (fexpr, error) {
	start := fp.pos
	l, err := fp.operand()
	if err != nil {
		return nil, err
	}
	fp.skip()
	if fp.pos >= len(fp.s) || fp.peek(")") || fp.peek("&&") || fp.peek("||") {
		if l.path == nil {
			return nil, fp.errf(start, "expected a path (existence check) or a comparison")
		}
		return existsExpr{path: l.path, want: !negated}, nil
	}
	if negated {
		return nil, fp.errf(start-1, "'!' applies to existence checks only; use !(...) to negate a comparison")
	}
	opAt := fp.pos
	op := fp.readOp()
	if _, ok := relOps[op]; !ok {
		return nil, fp.errf(opAt, "filter operator %q is not supported", op)
	}
	r, err := fp.operand()
	if err != nil {
		return nil, err
	}
	return relExpr{l: l, op: op, r: r}, nil
}

var relOps = map[string]bool{
	"==": true, "!=": true, "===": true, "!==": true, "<": true, "<=": true, ">": true, ">=": true,
	"=~": true, "in": true, "nin": true, "subsetof": true, "anyof": true, "noneof": true,
	"size": true, "empty": true, "contains": true,
}

func isOpChar(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '~' || c == '!' }

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isWordChar(c byte) bool { return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' }

func (fp *filterParser) readOp() string {
	start := fp.pos
	if isOpChar(fp.s[fp.pos]) {
		for fp.pos < len(fp.s) && isOpChar(fp.s[fp.pos]) {
			fp.pos++
		}
		return fp.s[start:fp.pos]
	}
	for fp.pos < len(fp.s) && isLetter(fp.s[fp.pos]) {
		fp.pos++
	}
	if fp.pos == start {
		fp.pos++ // report the offending byte
	}
	return strings.ToLower(fp.s[start:fp.pos])
}

// operand reads a path, string, number, boolean, null, JSON or regex literal.
func (fp *filterParser) operand() (operand, error) {
	fp.skip()
	if fp.pos >= len(fp.s) {
		return operand{}, fp.errf(fp.pos, "expected a value in filter")
	}
	start := fp.pos
	switch c := fp.s[start]; {
	case c == '@' || c == '$':
		end := pathEnd(fp.s, start)
		p, err := fp.ps.parsePath(fp.s[start:end], fp.base+start, true)
		fp.pos = end
		return operand{path: p}, err
	case c == '\'' || c == '"':
		end := skipQuoted(fp.s, start)
		if end < 0 {
			return operand{}, fp.errf(start, "unterminated string literal")
		}
		fp.pos = end + 1
		return operand{val: fval{k: fStr, s: unescape(fp.s[start+1 : end])}}, nil
	case c == '[' || c == '{':
		return fp.jsonLiteral()
	case c == '/':
		return fp.regexLiteral()
	case c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return fp.numberLiteral()
	case isLetter(c):
		for fp.pos < len(fp.s) && isWordChar(fp.s[fp.pos]) {
			fp.pos++
		}
		switch word := fp.s[start:fp.pos]; word {
		case "true":
			return operand{val: fval{k: fBool, b: true}}, nil
		case "false":
			return operand{val: fval{k: fBool}}, nil
		case "null":
			return operand{val: fval{k: fNull}}, nil
		default:
			// An unquoted word is a string, as AWS reads it
			// ("$[?(@.code==es)]" is in deployed workflows).
			return operand{val: fval{k: fStr, s: word}}, nil
		}
	}
	return operand{}, fp.errf(start, "unexpected %q in filter, expected a value", fp.s[start])
}

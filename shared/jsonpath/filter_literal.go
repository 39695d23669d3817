package jsonpath

import (
	"regexp"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// pathEnd finds where a path operand ends: at a blank, operator or ')' that
// is not inside brackets, parentheses or quotes.
func pathEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			if depth == 0 {
				return i
			}
			if i = skipQuoted(s, i); i < 0 {
				return len(s)
			}
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			if depth == 0 {
				return i
			}
			depth--
		case depth == 0 && (isBlank(c) || isOpChar(c) || c == '&' || c == '|' || c == ','):
			return i
		}
	}
	return i
}

func (fp *filterParser) numberLiteral() (operand, error) {
	start := fp.pos
	for fp.pos < len(fp.s) && strings.IndexByte("0123456789-.eE", fp.s[fp.pos]) >= 0 {
		fp.pos++
	}
	text := fp.s[start:fp.pos]
	if !isDecimal(text) {
		return operand{}, fp.errf(start, "invalid number literal %q", text)
	}
	return operand{val: fval{k: fNum, s: text}}, nil
}

func (fp *filterParser) jsonLiteral() (operand, error) {
	start := fp.pos
	depth := 0
	for i := start; i < len(fp.s); i++ {
		switch fp.s[i] {
		case '\'', '"':
			if i = skipQuoted(fp.s, i); i < 0 {
				return operand{}, fp.errf(start, "unterminated string in JSON literal")
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
		if depth == 0 {
			v, err := jsonval.DecodeString(singleToDouble(fp.s[start : i+1]))
			if err != nil {
				return operand{}, fp.errf(start, "invalid JSON literal: %v", err)
			}
			fp.pos = i + 1
			return operand{val: toFval(v)}, nil
		}
	}
	return operand{}, fp.errf(start, "unterminated JSON literal")
}

// regexLiteral reads /pattern/flags; Java's matches() needs the whole input
// to match, hence the anchors.
func (fp *filterParser) regexLiteral() (operand, error) {
	start := fp.pos
	end := skipQuoted(fp.s, start)
	if end < 0 {
		return operand{}, fp.errf(start, "unterminated regular expression")
	}
	fp.pos = end + 1
	flags := ""
	for fp.pos < len(fp.s) && isLetter(fp.s[fp.pos]) {
		if c := fp.s[fp.pos]; c == 'i' || c == 'm' || c == 's' {
			flags += string(c)
		}
		fp.pos++
	}
	pat := fp.s[start+1 : end]
	if flags != "" {
		pat = "(?" + flags + ")" + pat
	}
	re, err := regexp.Compile(`\A(?:` + pat + `)\z`)
	if err != nil {
		return operand{}, fp.errf(start, "invalid regular expression: %v", err)
	}
	return operand{val: fval{k: fRegex, re: re}}, nil
}

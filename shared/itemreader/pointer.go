package itemreader

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// pointerTokens splits a JSON Pointer (RFC 6901) into its reference
// tokens: "" is the whole document, "/a/0" the tokens "a" and "0".
func pointerTokens(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("the ItemsPointer %q is not a JSON Pointer: it must be empty or start with \"/\"", p)
	}
	parts := strings.Split(p[1:], "/")
	for i, t := range parts {
		if strings.Contains(strings.NewReplacer("~0", "", "~1", "").Replace(t), "~") {
			return nil, fmt.Errorf("the ItemsPointer %q is not a JSON Pointer: '~' must be followed by '0' or '1'", p)
		}
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return parts, nil
}

// ValidPointer reports whether p is a JSON Pointer (RFC 6901): empty, or
// "/"-separated tokens whose '~' escapes are "~0" or "~1". The validator
// checks an ItemsPointer with it before a definition is accepted.
func ValidPointer(p string) bool {
	_, err := pointerTokens(p)
	return err == nil
}

// descend moves the scanner through the document to the value pointer
// selects, without holding the values it passes: ReaderConfig's
// ItemsPointer, the array of items inside a JSON object.
func (s *jsonScanner) descend(pointer string) error {
	tokens, err := pointerTokens(pointer)
	if err != nil {
		return err
	}
	for i, tok := range tokens {
		at := "/" + strings.Join(tokens[:i], "/")
		b, err := s.skipSpace()
		if err != nil {
			return fmt.Errorf("the object is not valid JSON: it ends before the ItemsPointer %q", pointer)
		}
		switch b {
		case '{':
			err = s.findKey(tok)
		case '[':
			err = s.skipElements(tok)
		default:
			err = fmt.Errorf("the value at %q is %s, not an object or array", at, typeOf(b))
		}
		if err != nil {
			return fmt.Errorf("the ItemsPointer %q selects nothing: %w", pointer, err)
		}
	}
	s.comma = false
	return nil
}

// findKey moves past an object's members up to the value of member key.
func (s *jsonScanner) findKey(key string) error {
	for {
		b, err := s.skipSpace()
		if err != nil || b == '}' {
			return fmt.Errorf("the object has no member %q", key)
		}
		if b == ',' {
			continue
		}
		if b != '"' {
			return fmt.Errorf("the object is not valid JSON: unexpected %q in an object", b)
		}
		s.buf = s.buf[:0]
		if err := s.value(b); err != nil {
			return err
		}
		name, err := jsonval.Decode(s.buf)
		if err != nil {
			return fmt.Errorf("the object is not valid JSON: %w", err)
		}
		if c, err := s.skipSpace(); err != nil || c != ':' {
			return fmt.Errorf("the object is not valid JSON: a member name is not followed by \":\"")
		}
		if name == key {
			return nil
		}
		v, err := s.skipSpace()
		if err != nil {
			return fmt.Errorf("the object is not valid JSON: the object is not closed")
		}
		s.buf = s.buf[:0]
		if err := s.value(v); err != nil {
			return err
		}
	}
}

// skipElements moves past the elements of an array before index tok.
func (s *jsonScanner) skipElements(tok string) error {
	n, err := strconv.Atoi(tok)
	if err != nil || n < 0 || strconv.Itoa(n) != tok {
		return fmt.Errorf("%q is not an array index", tok)
	}
	s.comma = false
	for i := 0; i < n; i++ {
		elem, err := s.element()
		if err != nil {
			return err
		}
		if elem == nil {
			return fmt.Errorf("the array has %d elements, no index %d", i, n)
		}
	}
	return nil
}

package itemreader

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// jsonScanner cuts a JSON array into its elements' bytes without decoding
// the array: it follows strings and nesting only to find where each
// element ends. pos counts the bytes consumed.
type jsonScanner struct {
	r     *bufio.Reader
	pos   int64
	buf   []byte
	comma bool // the last element was followed by ","
}

func (s *jsonScanner) byte() (byte, error) {
	b, err := s.r.ReadByte()
	if err == nil {
		s.pos++
	}
	return b, err
}

func (s *jsonScanner) unread() {
	_ = s.r.UnreadByte()
	s.pos--
}

// skipSpace returns the next byte that is not JSON whitespace.
func (s *jsonScanner) skipSpace() (byte, error) {
	for {
		b, err := s.byte()
		if err != nil || (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
			return b, err
		}
	}
}

// open consumes the array's "[" (after a byte order mark, if any), the
// document's or, with an ItemsPointer, the one it selects.
func (s *jsonScanner) open(pointer string) error {
	if b, err := s.r.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		_, _ = s.r.Discard(3)
		s.pos += 3
	}
	if err := s.descend(pointer); err != nil {
		return err
	}
	b, err := s.skipSpace()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("the object is not valid JSON: it is empty")
	}
	if err != nil {
		return err
	}
	if b != '[' && pointer != "" {
		return fmt.Errorf("the ItemsPointer %q must select an array, but selects %s", pointer, typeOf(b))
	}
	if b != '[' {
		return fmt.Errorf("the object's JSON content must be an array, but was %s", typeOf(b))
	}
	return nil
}

// typeOf names the JSON type a value starting with b has.
func typeOf(b byte) string {
	switch b {
	case '{':
		return "object"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// element returns the next element's bytes, or nil after the closing "]";
// it consumes the "," that follows an element.
func (s *jsonScanner) element() ([]byte, error) {
	b, err := s.skipSpace()
	if err != nil {
		return nil, fmt.Errorf("the object is not valid JSON: the array is not closed")
	}
	if b == ']' {
		if s.comma {
			return nil, fmt.Errorf("the object is not valid JSON: a \",\" is followed by \"]\"")
		}
		return nil, nil
	}
	s.buf, s.comma = s.buf[:0], false
	if err := s.value(b); err != nil {
		return nil, err
	}
	switch next, err := s.skipSpace(); {
	case err != nil:
		return nil, fmt.Errorf("the object is not valid JSON: the array is not closed")
	case next == ']':
		s.unread() // the next call ends the array
	case next != ',':
		return nil, fmt.Errorf("the object is not valid JSON: unexpected %q after an array element", next)
	default:
		s.comma = true
	}
	return s.buf, nil
}

// value copies one value starting with b into s.buf.
func (s *jsonScanner) value(b byte) error {
	depth, inString, escaped := 0, false, false
	for {
		s.buf = append(s.buf, b)
		switch {
		case inString && escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case inString && b == '"':
			inString = false
		case inString:
		case b == '"':
			inString = true
		case b == '[' || b == '{':
			depth++
		case b == ']' || b == '}':
			depth--
		}
		if depth == 0 && !inString && s.atEnd(b) {
			return nil
		}
		next, err := s.byte()
		if err != nil {
			return fmt.Errorf("the object is not valid JSON: the array is not closed")
		}
		b = next
	}
}

// atEnd reports whether the value ends with b: a closed string or
// container ends there; a scalar ends before a delimiter.
func (s *jsonScanner) atEnd(b byte) bool {
	if len(s.buf) > 1 && (b == '"' || b == ']' || b == '}') {
		return true
	}
	if b == '"' || b == '[' || b == '{' {
		return false
	}
	next, err := s.r.Peek(1)
	return err != nil || next[0] == ',' || next[0] == ']' || next[0] == '}' || next[0] == ' ' || next[0] == '\n' || next[0] == '\r' || next[0] == '\t'
}

package itemreader

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvRecords splits delimited text into records by the rules AWS documents
// ("How Step Functions parses input CSV files"), which differ from RFC 4180
// and encoding/csv:
//   - a `"` opening a field, or a lone `"` anywhere in it, opens or closes
//     quoting; quoted text may hold delimiters and newlines;
//   - `""` is a literal `"`, inside quotes or not (`{""k"":1}` is `{"k":1}`);
//   - a backslash escapes a backslash, a `"` or the delimiter; before any
//     other character it is dropped;
//   - records end at "\n" or "\r\n" outside quotes; blank lines are skipped.
type csvRecords struct {
	r     *bufio.Reader
	delim rune
	line  int   // line the current record starts on, from 1
	next  int   // line of the next rune
	pos   int64 // bytes consumed: after Read, the end of the record
	last  int   // size of the last rune read, for unread
	field strings.Builder
	rec   []string
}

// newCSVRecords reads r, skipping a UTF-8 byte order mark (spreadsheet
// exports start with one).
func newCSVRecords(r io.Reader, delim rune) *csvRecords {
	c := &csvRecords{r: bufio.NewReaderSize(r, 64<<10), delim: delim, next: 1}
	if b, err := c.r.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		_, _ = c.r.Discard(3)
		c.pos = 3
	}
	return c
}

// errOpenQuote is the error of a quoted field that never closes.
var errOpenQuote = errors.New("a quoted field is not closed before the end of the file")

// Read returns the next record (reused by the following call), or io.EOF.
func (c *csvRecords) Read() ([]string, error) {
	for {
		rec, blank, err := c.record()
		if err != nil || !blank {
			return rec, err
		}
	}
}

// record reads one line's fields; blank reports an empty line.
func (c *csvRecords) record() (rec []string, blank bool, err error) {
	c.rec, c.line = c.rec[:0], c.next
	c.field.Reset()
	quoted, seen := false, false
	for {
		ch, err := c.readRune()
		if errors.Is(err, io.EOF) {
			if quoted {
				return nil, false, fmt.Errorf("line %d: %w", c.line, errOpenQuote)
			}
			if !seen {
				return nil, false, io.EOF
			}
			return c.end(), false, nil
		}
		if err != nil {
			return nil, false, err
		}
		if ch == '\n' {
			c.next++
		}
		switch {
		case ch == '\\':
			c.escape()
		case ch == '"' && !quoted && c.field.Len() == 0:
			quoted = true // a quote opening a field, even an empty one
		case ch == '"':
			if c.peek('"') {
				c.field.WriteRune('"')
			} else {
				quoted = !quoted
			}
		case quoted:
			c.field.WriteRune(ch)
		case ch == c.delim:
			c.rec = append(c.rec, c.field.String())
			c.field.Reset()
		case ch == '\r' && c.peek('\n'):
			c.next++
			return c.end(), !seen, nil
		case ch == '\n':
			return c.end(), !seen, nil
		default:
			c.field.WriteRune(ch)
		}
		seen = true
	}
}

// escape handles the rune after a backslash.
func (c *csvRecords) escape() {
	next, err := c.readRune()
	if err != nil {
		return
	}
	if next == '\\' || next == '"' || next == c.delim {
		c.field.WriteRune(next)
		return
	}
	c.unread() // a lone backslash is dropped
}

// peek consumes the next rune if it is want.
func (c *csvRecords) peek(want rune) bool {
	next, err := c.readRune()
	if err != nil {
		return false
	}
	if next == want {
		return true
	}
	c.unread()
	return false
}

func (c *csvRecords) readRune() (rune, error) {
	ch, size, err := c.r.ReadRune()
	c.pos += int64(size)
	c.last = size
	return ch, err
}

func (c *csvRecords) unread() {
	_ = c.r.UnreadRune()
	c.pos -= int64(c.last)
}

func (c *csvRecords) end() []string {
	c.rec = append(c.rec, c.field.String())
	return c.rec
}

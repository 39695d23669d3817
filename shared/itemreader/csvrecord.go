package itemreader

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
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
	line  int    // line the current record starts on, from 1
	next  int    // line of the next rune
	pos   int64  // bytes consumed: after Read, the end of the record
	last  int    // size of the last rune read, for unread
	buf   []byte // the record's fields, one after the other
	ends  []int  // where each field ends in buf
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
	c.buf, c.ends = c.buf[:0], c.ends[:0]
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
		case ch == '"' && !quoted && len(c.buf) == c.start():
			quoted = true // a quote opening a field, even an empty one
		case ch == '"':
			if c.peek('"') {
				c.buf = append(c.buf, '"')
			} else {
				quoted = !quoted
			}
		case quoted:
			c.buf = utf8.AppendRune(c.buf, ch)
		case ch == c.delim:
			c.ends = append(c.ends, len(c.buf))
		case ch == '\r' && c.peek('\n'):
			c.next++
			return c.end(), !seen, nil
		case ch == '\n':
			return c.end(), !seen, nil
		default:
			c.buf = utf8.AppendRune(c.buf, ch)
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
		c.buf = utf8.AppendRune(c.buf, next)
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

// start is where the current field begins in buf.
func (c *csvRecords) start() int {
	if len(c.ends) == 0 {
		return 0
	}
	return c.ends[len(c.ends)-1]
}

// end cuts the record into its fields: one string, sliced.
func (c *csvRecords) end() []string {
	c.ends = append(c.ends, len(c.buf))
	s, from := string(c.buf), 0
	for _, to := range c.ends {
		c.rec = append(c.rec, s[from:to])
		from = to
	}
	return c.rec
}

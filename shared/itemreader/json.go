package itemreader

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// ReadJSON reads a JSON array's elements as items, one element at a time
// (the array is never held whole). A read resumed at an offset past the
// "[" (Items.Offset of an earlier page) starts at the next element.
func ReadJSON(r io.Reader, out *Items) error {
	return ReadJSONFrom(r, "", 0, out)
}

// ReadJSONFrom reads r, which starts offset bytes into the object; the
// items are the array pointer (ReaderConfig.ItemsPointer, a JSON Pointer)
// selects, the whole document's when it is empty. A resumed read is
// already inside that array.
func ReadJSONFrom(r io.Reader, pointer string, offset int64, out *Items) error {
	s := &jsonScanner{r: bufio.NewReaderSize(r, 64<<10)}
	if offset == 0 {
		if err := s.open(pointer); err != nil {
			return err
		}
	}
	for !out.Full() {
		elem, err := s.element()
		if err != nil || elem == nil {
			return err
		}
		v, err := jsonval.Decode(elem)
		if err != nil {
			return fmt.Errorf("the object is not valid JSON: %w", err)
		}
		if err := out.Add(v); err != nil {
			return err
		}
		out.Offset = s.pos
	}
	return nil
}

// ReadJSONL reads one item per line of JSON Lines; blank lines are skipped.
func ReadJSONL(r io.Reader, out *Items) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var pos int64
	for line := 1; !out.Full(); line++ {
		text, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return err
		}
		pos += int64(len(text))
		if t := bytes.TrimSpace(text); len(t) > 0 {
			v, derr := jsonval.Decode(t)
			if derr != nil {
				return fmt.Errorf("line %d is not valid JSON: %w", line, derr)
			}
			if aerr := out.Add(v); aerr != nil {
				return aerr
			}
			out.Offset = pos
		}
		if err == io.EOF {
			return nil
		}
	}
	return nil
}

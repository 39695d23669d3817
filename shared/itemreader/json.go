package itemreader

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// ReadJSON reads a JSON array's elements as items.
func ReadJSON(r io.Reader, out *Items) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	v, err := jsonval.Decode(data)
	if err != nil {
		return fmt.Errorf("the object is not valid JSON: %w", err)
	}
	arr, ok := v.([]any)
	if !ok {
		return fmt.Errorf("the object's JSON content must be an array, but was %s", jsonval.TypeName(v))
	}
	for _, item := range arr {
		if out.Full() {
			return nil
		}
		if err := out.Add(item); err != nil {
			return err
		}
	}
	return nil
}

// ReadJSONL reads one item per line of JSON Lines; blank lines are skipped.
func ReadJSONL(r io.Reader, out *Items) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; !out.Full(); line++ {
		text, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return err
		}
		if t := bytes.TrimSpace(text); len(t) > 0 {
			v, derr := jsonval.Decode(t)
			if derr != nil {
				return fmt.Errorf("line %d is not valid JSON: %w", line, derr)
			}
			if aerr := out.Add(v); aerr != nil {
				return aerr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
	return nil
}

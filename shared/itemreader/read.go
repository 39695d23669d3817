package itemreader

import (
	"fmt"
	"io"
)

// Read parses one object's content per cfg.InputType (JSON, JSONL or CSV;
// a MANIFEST names other objects and is read with ParseManifest).
func Read(r io.Reader, cfg Config, out *Items) error {
	return ReadFrom(r, cfg, 0, out)
}

// ReadFrom parses an object's content from offset on (r starts there): a
// later page of a paged read, whose offset is the sum of the earlier pages'
// Items.Offset. A CSV page past the first needs the header the first page
// found (Items.Headers) given as CSVHeaders with CSVHeaderLocation GIVEN.
func ReadFrom(r io.Reader, cfg Config, offset int64, out *Items) error {
	switch cfg.InputType {
	case TypeJSON:
		return ReadJSONFrom(r, cfg.ItemsPointer, offset, out)
	case TypeJSONL:
		return ReadJSONL(r, out)
	case TypeCSV:
		return ReadCSV(r, cfg, out)
	}
	return fmt.Errorf("the InputType %q cannot be read from one object", cfg.InputType)
}

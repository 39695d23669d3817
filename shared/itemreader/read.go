package itemreader

import (
	"fmt"
	"io"
)

// Read parses one object's content per cfg.InputType (JSON, JSONL or CSV;
// a MANIFEST names other objects and is read with ParseManifest).
func Read(r io.Reader, cfg Config, out *Items) error {
	switch cfg.InputType {
	case TypeJSON:
		return ReadJSON(r, out)
	case TypeJSONL:
		return ReadJSONL(r, out)
	case TypeCSV:
		return ReadCSV(r, cfg, out)
	}
	return fmt.Errorf("the InputType %q cannot be read from one object", cfg.InputType)
}

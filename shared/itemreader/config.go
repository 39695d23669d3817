// Package itemreader turns the content a Distributed Map's ItemReader
// reads from S3 into items: JSON arrays, JSON Lines, CSV, Parquet, S3
// inventory and Athena manifests and listed objects, as AWS shapes them.
// It parses streams and never fetches anything itself: the S3 calls live
// in task/s3reader.
package itemreader

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Input types of ReaderConfig.InputType.
const (
	TypeJSON     = "JSON"
	TypeJSONL    = "JSONL"
	TypeCSV      = "CSV"
	TypeManifest = "MANIFEST"
	TypeParquet  = "PARQUET"
)

// ReaderConfig.ManifestType values: the object read names the data files.
const (
	ManifestAthena    = "ATHENA_DATA"  // an Athena UNLOAD manifest: one s3:// URI a line
	ManifestInventory = "S3_INVENTORY" // an S3 Inventory manifest.json
)

// ReaderConfig.Transformation values, for listObjectsV2 readers.
const (
	TransformNone = "NONE"
	// TransformLoad reads every listed object as InputType and makes
	// their items the Map's, instead of the objects' metadata.
	TransformLoad = "LOAD_AND_FLATTEN"
)

// Config is a resolved ReaderConfig.
type Config struct {
	InputType         string
	CSVHeaderLocation string // FIRST_ROW (the default) or GIVEN
	CSVHeaders        []string
	CSVDelimiter      rune
	// MaxItems stops the read after that many items; 0 reads them all.
	MaxItems int
	// ItemsPointer (InputType JSON) is a JSON Pointer to the array of
	// items inside the object's JSON document; empty: the document.
	ItemsPointer string
	// ManifestType: the object is a manifest of data files (ATHENA_DATA,
	// read as InputType) or an S3 inventory; "" for none.
	ManifestType string
	// Transformation: LOAD_AND_FLATTEN reads the listed objects' items.
	Transformation string
}

// Inventory reports whether the object read is an S3 inventory manifest.
func (c Config) Inventory() bool {
	return c.InputType == TypeManifest || c.ManifestType == ManifestInventory
}

// delimiters maps CSVDelimiter's names to their characters.
var delimiters = map[string]rune{"COMMA": ',', "PIPE": '|', "SEMICOLON": ';', "SPACE": ' ', "TAB": '\t'}

// ParseConfig reads a ReaderConfig whose MaxItems, if any, is already a
// number (the interpreter resolves MaxItemsPath and JSONata).
func ParseConfig(v jsonval.Value) (Config, error) {
	c := Config{CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}
	if v == nil {
		return c, nil
	}
	o, ok := v.(*jsonval.Object)
	if !ok {
		return c, fmt.Errorf("the ReaderConfig must be an object, but was %s", jsonval.TypeName(v))
	}
	for _, k := range o.Keys() {
		val, _ := o.Get(k)
		if err := c.set(k, val); err != nil {
			return c, err
		}
	}
	return c, c.check()
}

func (c *Config) set(k string, v jsonval.Value) error {
	switch k {
	case "InputType", "CSVHeaderLocation", "CSVDelimiter", "ItemsPointer", "ManifestType", "Transformation":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("the ReaderConfig field %s must be a string, but was %s", k, jsonval.String(v))
		}
		return c.setString(k, s)
	case "CSVHeaders":
		return c.setHeaders(v)
	case "MaxItems":
		n, isNum := v.(jsonval.Number)
		i, whole := n.Int()
		if !isNum || !n.IsIntegral() || !whole || i < 0 {
			return fmt.Errorf("the ReaderConfig field MaxItems must be a non-negative integer, but was %s", jsonval.String(v))
		}
		c.MaxItems = int(i)
	}
	return nil
}

func (c *Config) setString(k, s string) error {
	switch k {
	case "InputType":
		c.InputType = s
	case "CSVHeaderLocation":
		c.CSVHeaderLocation = s
	case "ItemsPointer":
		c.ItemsPointer = s
	case "ManifestType":
		c.ManifestType = s
	case "Transformation":
		c.Transformation = s
	case "CSVDelimiter":
		d, ok := delimiters[s]
		if !ok {
			return fmt.Errorf("the CSVDelimiter %q is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB", s)
		}
		c.CSVDelimiter = d
	}
	return nil
}

func (c *Config) setHeaders(v jsonval.Value) error {
	arr, ok := v.([]any)
	if !ok {
		return fmt.Errorf("the ReaderConfig field CSVHeaders must be an array of strings, but was %s", jsonval.String(v))
	}
	c.CSVHeaders = make([]string, len(arr))
	for i, h := range arr {
		s, ok := h.(string)
		if !ok {
			return fmt.Errorf("the ReaderConfig field CSVHeaders must be an array of strings, but item %d was %s", i, jsonval.String(h))
		}
		c.CSVHeaders[i] = s
	}
	return nil
}

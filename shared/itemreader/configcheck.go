package itemreader

import (
	"fmt"
	"strings"
)

func (c *Config) check() error {
	if c.ItemsPointer != "" && c.InputType != TypeJSON {
		return fmt.Errorf("the ReaderConfig field ItemsPointer applies to InputType JSON only, not %q", c.InputType)
	}
	if _, err := pointerTokens(c.ItemsPointer); err != nil {
		return err
	}
	switch c.InputType {
	case "", TypeJSON, TypeJSONL, TypeCSV, TypeManifest, TypeParquet:
	default:
		return fmt.Errorf("the InputType %q is not supported (supported: %s)", c.InputType,
			strings.Join([]string{TypeCSV, TypeJSON, TypeJSONL, TypeManifest, TypeParquet}, ", "))
	}
	if err := c.checkManifest(); err != nil {
		return err
	}
	if err := c.checkTransformation(); err != nil {
		return err
	}
	switch c.CSVHeaderLocation {
	case "FIRST_ROW":
	case "GIVEN":
		if c.InputType == TypeCSV && len(c.CSVHeaders) == 0 {
			return fmt.Errorf("CSVHeaderLocation GIVEN needs CSVHeaders")
		}
	default:
		return fmt.Errorf("the CSVHeaderLocation %q is not one of FIRST_ROW, GIVEN", c.CSVHeaderLocation)
	}
	return nil
}

// checkManifest applies AWS's rules for ManifestType: an S3 inventory's
// data files are CSV, so no other InputType is given; an Athena manifest's
// data files are CSV, JSONL or Parquet, as InputType says.
func (c *Config) checkManifest() error {
	switch c.ManifestType {
	case "":
	case ManifestInventory:
		if c.InputType != "" && c.InputType != TypeManifest {
			return fmt.Errorf("the ManifestType %s takes no InputType (an S3 inventory's data files are CSV), but InputType was %q", ManifestInventory, c.InputType)
		}
	case ManifestAthena:
		switch c.InputType {
		case TypeCSV, TypeJSONL, TypeParquet:
		default:
			return fmt.Errorf("the ManifestType %s needs the InputType of its data files, one of CSV, JSONL, PARQUET, but InputType was %q", ManifestAthena, c.InputType)
		}
	default:
		return fmt.Errorf("the ManifestType %q is not one of %s, %s", c.ManifestType, ManifestAthena, ManifestInventory)
	}
	return nil
}

// checkTransformation: LOAD_AND_FLATTEN reads the listed objects as
// InputType, which must name a format of data files.
func (c *Config) checkTransformation() error {
	switch c.Transformation {
	case "", TransformNone:
	case TransformLoad:
		switch c.InputType {
		case TypeCSV, TypeJSON, TypeJSONL, TypeParquet:
		default:
			return fmt.Errorf("the Transformation %s needs the InputType of the listed objects, one of CSV, JSON, JSONL, PARQUET, but InputType was %q", TransformLoad, c.InputType)
		}
		if c.ManifestType != "" {
			return fmt.Errorf("the Transformation %s reads listed objects and takes no ManifestType", TransformLoad)
		}
	default:
		return fmt.Errorf("the Transformation %q is not one of %s, %s", c.Transformation, TransformNone, TransformLoad)
	}
	return nil
}

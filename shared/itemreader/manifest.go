package itemreader

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Manifest is an S3 Inventory manifest.json: where the inventory's data
// files are and which columns they hold.
type Manifest struct {
	// Bucket holds the data files (the manifest's destinationBucket,
	// given as an ARN or a name).
	Bucket string
	Files  []string
	Schema []string
}

// ParseManifest reads a manifest.json. Only CSV inventories are readable,
// as in AWS.
func ParseManifest(r io.Reader) (Manifest, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Manifest{}, err
	}
	v, err := jsonval.Decode(data)
	if err != nil {
		return Manifest{}, fmt.Errorf("the manifest is not valid JSON: %w", err)
	}
	o, ok := v.(*jsonval.Object)
	if !ok {
		return Manifest{}, fmt.Errorf("the manifest must be a JSON object")
	}
	if f := str(o, "fileFormat"); f != "CSV" {
		return Manifest{}, fmt.Errorf("the inventory's fileFormat is %q: only CSV inventories can be read", f)
	}
	m := Manifest{Bucket: strings.TrimPrefix(str(o, "destinationBucket"), "arn:aws:s3:::")}
	for _, col := range strings.Split(str(o, "fileSchema"), ",") {
		if col = strings.TrimSpace(col); col != "" {
			m.Schema = append(m.Schema, col)
		}
	}
	files, _ := o.Get("files")
	arr, _ := files.([]any)
	for _, f := range arr {
		if fo, ok := f.(*jsonval.Object); ok && str(fo, "key") != "" {
			m.Files = append(m.Files, str(fo, "key"))
		}
	}
	if m.Bucket == "" || len(m.Schema) == 0 {
		return Manifest{}, fmt.Errorf("the manifest needs a destinationBucket and a fileSchema")
	}
	return m, nil
}

// ReadInventory reads one gzipped CSV data file of an inventory: one item
// per object, keyed by the manifest's schema, every value a string. The
// first skip records are passed over (a paged read resuming inside the
// file: a gzip stream cannot be entered in the middle).
func ReadInventory(r io.Reader, schema []string, skip int, out *Items) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("the inventory data file is not gzip: %w", err)
	}
	defer zr.Close()
	cr := csv.NewReader(zr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	for range skip {
		if _, err := cr.Read(); err != nil {
			return fmt.Errorf("the inventory data file ended before record %d: %w", skip, err)
		}
	}
	return readRows(cr, schema, out, nil)
}

func str(o *jsonval.Object, k string) string {
	v, _ := o.Get(k)
	s, _ := v.(string)
	return s
}

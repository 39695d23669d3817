package itemreader

import (
	"errors"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// MaxHeaderBytes is the largest CSV header AWS accepts (10 KiB).
const MaxHeaderBytes = 10 << 10

// ReadCSV reads one item per row: an object of the header's columns with
// every value a string, as AWS gives CSV items. A row with fewer fields
// than the header gets empty strings for the missing ones; fields past the
// header's are skipped (AWS's rules, see csvRecords).
func ReadCSV(r io.Reader, cfg Config, out *Items) error {
	cr := newCSVRecords(r, cfg.CSVDelimiter)
	headers := cfg.CSVHeaders
	if cfg.CSVHeaderLocation != "GIVEN" {
		h, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the CSV header is not valid: %w", err)
		}
		headers = append([]string(nil), h...)
		out.Offset = cr.pos
	}
	if err := checkHeaders(headers); err != nil {
		return err
	}
	out.Headers = headers
	return readRows(cr, headers, out, func() int64 { return cr.pos })
}

// records yields rows of fields: csvRecords for CSV objects, encoding/csv
// for S3 inventories (RFC 4180).
type records interface {
	Read() ([]string, error)
}

// readRows reads items until out is full; pos, when not nil, gives the
// byte offset past the record just read.
func readRows(cr records, headers []string, out *Items, pos func() int64) error {
	for !out.Full() {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the CSV content is not valid: %w", err)
		}
		o := jsonval.NewObject(len(headers))
		for i, h := range headers {
			v := ""
			if i < len(rec) {
				v = rec[i]
			}
			o.Set(h, v)
		}
		if err := out.Add(o); err != nil {
			return err
		}
		if pos != nil {
			out.Offset = pos()
		}
	}
	return nil
}

func checkHeaders(headers []string) error {
	size := 0
	for _, h := range headers {
		size += len(h) + 1
	}
	if size > MaxHeaderBytes {
		return fmt.Errorf("the CSV header has %d bytes, more than the maximum of %d", size, MaxHeaderBytes)
	}
	return nil
}

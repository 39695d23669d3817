package itemreader

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// MaxHeaderBytes is the largest CSV header AWS accepts (10 KiB).
const MaxHeaderBytes = 10 << 10

// ReadCSV reads one item per row: an object of the header's columns with
// every value a string, as AWS gives CSV items.
func ReadCSV(r io.Reader, cfg Config, out *Items) error {
	cr := csv.NewReader(skipBOM(r))
	cr.Comma = cfg.CSVDelimiter
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
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
	}
	if err := checkHeaders(headers); err != nil {
		return err
	}
	return readRows(cr, headers, out)
}

func readRows(cr *csv.Reader, headers []string, out *Items) error {
	for !out.Full() {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the CSV content is not valid: %w", err)
		}
		if len(rec) != len(headers) {
			line, _ := cr.FieldPos(0)
			return fmt.Errorf("CSV line %d has %d fields, but the header has %d", line, len(rec), len(headers))
		}
		o := jsonval.NewObject(len(headers))
		for i, h := range headers {
			o.Set(h, rec[i])
		}
		if err := out.Add(o); err != nil {
			return err
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

// skipBOM drops a UTF-8 byte order mark (spreadsheet exports start with one).
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		_, _ = br.Discard(3)
	}
	return br
}

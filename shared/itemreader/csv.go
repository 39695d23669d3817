package itemreader

import (
	"bufio"
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
	cr := newCSVRecords(skipBOM(r), cfg.CSVDelimiter)
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

// records yields rows of fields: csvRecords for CSV objects, encoding/csv
// for S3 inventories (RFC 4180).
type records interface {
	Read() ([]string, error)
}

func readRows(cr records, headers []string, out *Items) error {
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

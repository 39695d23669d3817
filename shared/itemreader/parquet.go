package itemreader

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// parquetBuffer is the read size per column chunk: an object in S3 is read
// with ranged GETs, so reads are few and large.
const parquetBuffer = 1 << 20

// ReadParquet reads a Parquet file's rows from row skip on, one item per
// row: an object of the schema's columns, in the schema's order (see
// parquetValue for the values). The file is accessed through ra, size
// bytes long: only the row groups the page reaches are read, and within a
// row group, when the file has a page index (its offset index), only the
// pages from the one holding row skip on; without one, a row group is
// read from its start.
func ReadParquet(ra io.ReaderAt, size int64, skip int, out *Items) error {
	f, err := parquet.OpenFile(ra, size, parquet.SkipBloomFilters(true),
		parquet.ReadBufferSize(parquetBuffer), parquet.OptimisticRead(true))
	if err != nil {
		return fmt.Errorf("the Parquet file is not valid: %w", err)
	}
	if int64(skip) >= f.NumRows() || out.Full() {
		return nil
	}
	r := parquet.NewReader(f)
	defer r.Close()
	if err := r.SeekToRow(int64(skip)); err != nil {
		return fmt.Errorf("the Parquet file has no row %d: %w", skip, err)
	}
	schema := f.Schema()
	rows := make([]parquet.Row, 1)
	for row := skip; !out.Full(); row++ {
		n, err := r.ReadRows(rows)
		if n == 0 {
			if err == nil || errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("read the Parquet file's row %d: %w", row, err)
		}
		m := map[string]any{}
		if err := schema.Reconstruct(&m, rows[0]); err != nil {
			return fmt.Errorf("read the Parquet file's row %d: %w", row, err)
		}
		if err := out.Add(parquetObject(schema, m)); err != nil {
			return err
		}
	}
	return nil
}

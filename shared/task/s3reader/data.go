package s3reader

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/itemreader"
)

// data reads one data object's items as InputType says, from the cursor's
// place in it (Offset and Headers for text, Skip rows for Parquet), and
// moves the cursor past them. size is the object's, or -1 when unknown.
func (r *read) data(ctx context.Context, bucket, key, version string, size int64) error {
	if r.cfg.InputType == itemreader.TypeParquet {
		return r.parquet(ctx, bucket, key, version, size)
	}
	cfg, at := r.cfg, r.next.Offset
	if r.next.Headers != nil {
		cfg.CSVHeaderLocation, cfg.CSVHeaders = "GIVEN", r.next.Headers
	}
	r.items.Offset, r.items.Headers = 0, nil
	err := r.open(ctx, bucket, key, version, at, func(body io.Reader) error {
		return itemreader.ReadFrom(body, cfg, at, r.items)
	})
	r.next.Offset = at + r.items.Offset
	if r.cfg.InputType == itemreader.TypeCSV && r.cfg.CSVHeaderLocation != "GIVEN" {
		r.next.Headers = r.items.Headers
	}
	return err
}

// nextObject starts the cursor at the beginning of another data object.
func (r *read) nextObject() {
	r.next.Offset, r.next.Headers, r.next.Skip = 0, nil, 0
}

// parquet reads a Parquet file's rows from the cursor's row on.
func (r *read) parquet(ctx context.Context, bucket, key, version string, size int64) error {
	if size < 0 {
		var err error
		if size, err = r.src.Size(ctx, bucket, key, version); err != nil {
			return fmt.Errorf("read s3://%s/%s: %w", bucket, key, err)
		}
	}
	before := len(r.items.List)
	at := &objectAt{ctx: ctx, r: r, bucket: bucket, key: key, version: version, size: size}
	err := itemreader.ReadParquet(at, size, r.next.Skip, r.items)
	r.next.Skip += len(r.items.List) - before
	if err != nil {
		return fmt.Errorf("read s3://%s/%s: %w", bucket, key, err)
	}
	return nil
}

// objectAt reads an object at offsets, each read a ranged GET within the
// read's byte budget (Parquet reads its footer, then column chunks).
type objectAt struct {
	ctx                  context.Context
	r                    *read
	bucket, key, version string
	size                 int64
}

func (o *objectAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= o.size {
		return 0, io.EOF
	}
	n := min(int64(len(p)), o.size-off)
	var body io.ReadCloser
	var err error
	if rs, ok := o.r.src.(RangeSource); ok {
		body, err = rs.GetRange(o.ctx, o.bucket, o.key, o.version, off, n)
	} else {
		body, err = o.r.src.Get(o.ctx, o.bucket, o.key, o.version, off)
	}
	if err != nil {
		return 0, err
	}
	defer body.Close()
	got, err := io.ReadFull(o.r.budget.Reader(body), p[:n])
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = io.EOF
	}
	if err == nil && int(n) < len(p) {
		err = io.EOF
	}
	return got, err
}

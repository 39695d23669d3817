// Package s3reader is the task invoker behind a Distributed Map's
// ItemReader: the interpreter asks for a read as it asks for a task, with
// the reader's resource (arn:aws:states:::s3:getObject or
// arn:aws:states:::s3:listObjectsV2) and the input
//
//	{"Parameters": {"Bucket": …, "Key"|"Prefix": …}, "ReaderConfig": {…}}
//
// (Parameters or Arguments evaluated, ReaderConfig.MaxItems resolved), and
// gets the items back as the task's output: an array. The objects come
// from a Source: S3 through the SDK, or a local folder standing in for it.
//
// Paged reads: with "Page": {"Size": n} in the input the output is
// {"Items": [at most n items], "Cursor": {…}}; handing the Cursor back
// ("Page": {"Size": n, "Cursor": {…}}) reads the next page, and a page
// without a Cursor is the last (it may be empty). A page resumes where the
// last one stopped, without re-reading: getObject (JSON, JSONL, CSV) from a
// byte offset (S3 ranged GET), listObjectsV2 after the last key, a
// MANIFEST at its data file and record, PARQUET at its row, an Athena
// manifest (ManifestType ATHENA_DATA) at its data file and the place in it,
// listObjectsV2 with Transformation LOAD_AND_FLATTEN at its object and the
// place in it. MaxItems and the reader-items limit count every page;
// reader-bytes bounds each one.
package s3reader

import (
	"context"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/itemreader"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
)

// The reader resources, as a Map's ItemReader names them.
const (
	ResourceGetObject     = "arn:aws:states:::s3:getObject"
	ResourceListObjectsV2 = "arn:aws:states:::s3:listObjectsV2"
)

// errReaderFailed is AWS's error for a failed read (asl.ErrorItemReaderFailed;
// adapters do not import the definitions layer).
const errReaderFailed = "States.ItemReaderFailed"

// Source is where objects are read from.
type Source interface {
	// Get opens an object from byte offset on (past its end: empty);
	// version is "" for the current one.
	Get(ctx context.Context, bucket, key, version string, offset int64) (io.ReadCloser, error)
	// List calls fn with the objects under prefix whose keys come after
	// startAfter ("" for all), in key order, page by page, until fn
	// returns false or the objects run out.
	List(ctx context.Context, bucket, prefix, startAfter string, fn func([]itemreader.Object) bool) error
	// Size is an object's size in bytes (a Parquet file is read from its
	// end).
	Size(ctx context.Context, bucket, key, version string) (int64, error)
}

// RangeSource is a Source that reads a range of an object (S3: a GET with
// a closed range), which a Parquet read uses rather than reading on to the
// object's end.
type RangeSource interface {
	GetRange(ctx context.Context, bucket, key, version string, offset, length int64) (io.ReadCloser, error)
}

// Invoker reads items for Map states.
type Invoker struct {
	src Source
	lim limits.Limits
}

var _ task.Invoker = (*Invoker)(nil)

// New reads from src within lim's ReaderItems and ReaderBytes.
func New(src Source, lim limits.Limits) *Invoker { return &Invoker{src: src, lim: lim.Resolve()} }

// Register routes the reader resources to i.
func (i *Invoker) Register(m *task.Mux) {
	m.Handle(ResourceGetObject, i)
	m.Handle(ResourceListObjectsV2, i)
}

// Invoke performs one read; every failure is States.ItemReaderFailed.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	out, err := i.read(ctx, req)
	if err != nil {
		return task.Failure(errReaderFailed, err.Error()), nil
	}
	return task.Success(out), nil
}

func (i *Invoker) read(ctx context.Context, req task.Request) (jsonval.Value, error) {
	in, _ := req.Input.(*jsonval.Object)
	if in == nil {
		return nil, fmt.Errorf("the reader's input must be an object")
	}
	r, err := i.newRead(in)
	if err != nil {
		return nil, err
	}
	p, err := parseParams(in)
	if err != nil {
		return nil, err
	}
	switch {
	case req.Resource == ResourceListObjectsV2 && r.cfg.Transformation == itemreader.TransformLoad:
		err = r.loadList(ctx, p)
	case req.Resource == ResourceListObjectsV2:
		err = r.list(ctx, p)
	case r.cfg.Inventory():
		err = r.manifest(ctx, p)
	case r.cfg.ManifestType == itemreader.ManifestAthena:
		err = r.athena(ctx, p)
	case r.cfg.InputType == "":
		err = fmt.Errorf("the ReaderConfig of an %s reader needs an InputType", ResourceGetObject)
	default:
		err = r.object(ctx, p)
	}
	if err != nil {
		return nil, err
	}
	return r.output(), nil
}

// newRead sets up one read (one page of a paged read) from the input.
func (i *Invoker) newRead(in *jsonval.Object) (*read, error) {
	rc, _ := in.Get("ReaderConfig")
	cfg, err := itemreader.ParseConfig(rc)
	if err != nil {
		return nil, err
	}
	r := &read{src: i.src, cfg: cfg, budget: itemreader.NewBudget(int64(i.lim.ReaderBytes)),
		items: &itemreader.Items{List: []any{}, Max: cfg.MaxItems, Limit: i.lim.ReaderItems}}
	if pv, ok := in.Get("Page"); ok {
		if r.page, err = itemreader.ParsePage(pv); err != nil {
			return nil, err
		}
		r.next = r.page.Cursor
		r.items.Base, r.items.Page = r.page.Cursor.Read, r.page.Size
	}
	return r, nil
}

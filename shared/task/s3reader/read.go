package s3reader

import (
	"context"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/itemreader"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// params are the reader's Parameters (or Arguments).
type params struct {
	Bucket, Key, VersionID, Prefix string
}

func parseParams(in *jsonval.Object) (params, error) {
	v, _ := in.Get("Parameters")
	o, ok := v.(*jsonval.Object)
	if !ok {
		return params{}, fmt.Errorf("the ItemReader needs Parameters (or Arguments) naming the Bucket")
	}
	var p params
	for k, dst := range map[string]*string{"Bucket": &p.Bucket, "Key": &p.Key, "VersionId": &p.VersionID, "Prefix": &p.Prefix} {
		x, ok := o.Get(k)
		if !ok {
			continue
		}
		s, isStr := x.(string)
		if !isStr {
			return params{}, fmt.Errorf("the ItemReader parameter %s must be a string, but was %s", k, jsonval.String(x))
		}
		*dst = s
	}
	if p.Bucket == "" {
		return params{}, fmt.Errorf("the ItemReader needs a Bucket")
	}
	return p, nil
}

// read is one Invoke's reading: the whole read, or one page of it.
type read struct {
	src    Source
	cfg    itemreader.Config
	budget *itemreader.Budget
	items  *itemreader.Items
	page   *itemreader.Page  // nil: not paged
	next   itemreader.Cursor // where the next page starts
}

// output is the items, or a page of them with the next page's cursor.
func (r *read) output() jsonval.Value {
	if r.page == nil {
		return r.items.List
	}
	o := jsonval.NewObject(2)
	o.Set("Items", r.items.List)
	if len(r.items.List) == r.page.Size && !r.items.Done() {
		r.next.Read = r.page.Cursor.Read + len(r.items.List)
		o.Set("Cursor", r.next.Value())
	}
	return o
}

// object reads the one object the Parameters name, from the cursor's
// place in it.
func (r *read) object(ctx context.Context, p params) error {
	if p.Key == "" {
		return fmt.Errorf("the ItemReader needs a Key")
	}
	return r.data(ctx, p.Bucket, p.Key, p.VersionID, -1)
}

// manifest reads an S3 Inventory: the manifest, then its data files, from
// the cursor's file and record on.
func (r *read) manifest(ctx context.Context, p params) error {
	if p.Key == "" {
		return fmt.Errorf("the ItemReader needs a Key")
	}
	var m itemreader.Manifest
	err := r.open(ctx, p.Bucket, p.Key, p.VersionID, 0, func(body io.Reader) (err error) {
		m, err = itemreader.ParseManifest(body)
		return err
	})
	if err != nil {
		return err
	}
	for ; r.next.File < len(m.Files); r.next.File, r.next.Skip = r.next.File+1, 0 {
		// S3 inventory data files are gzipped CSV, read record by record.
		if r.items.Full() {
			return nil
		}
		before := len(r.items.List)
		err := r.open(ctx, m.Bucket, m.Files[r.next.File], "", 0, func(body io.Reader) error {
			return itemreader.ReadInventory(body, m.Schema, r.next.Skip, r.items)
		})
		if err != nil {
			return err
		}
		if r.items.Full() {
			r.next.Skip += len(r.items.List) - before
			return nil
		}
	}
	return nil
}

// list reads the objects under a prefix, after the cursor's key.
func (r *read) list(ctx context.Context, p params) error {
	var addErr error
	err := r.src.List(ctx, p.Bucket, p.Prefix, r.next.StartAfter, func(objs []itemreader.Object) bool {
		for _, o := range objs {
			if r.items.Full() {
				return false
			}
			if addErr = r.items.Add(o.Item()); addErr != nil {
				return false
			}
			r.next.StartAfter = o.Key
		}
		return !r.items.Full()
	})
	if addErr != nil {
		return addErr
	}
	if err != nil {
		return fmt.Errorf("list s3://%s/%s: %w", p.Bucket, p.Prefix, err)
	}
	return nil
}

// open reads one object, from offset on, through fn within the read's
// byte budget.
func (r *read) open(ctx context.Context, bucket, key, version string, offset int64, fn func(io.Reader) error) error {
	body, err := r.src.Get(ctx, bucket, key, version, offset)
	if err != nil {
		return fmt.Errorf("read s3://%s/%s: %w", bucket, key, err)
	}
	defer body.Close()
	if err := fn(r.budget.Reader(body)); err != nil {
		return fmt.Errorf("read s3://%s/%s: %w", bucket, key, err)
	}
	return nil
}

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

// read is one Invoke's reading.
type read struct {
	src    Source
	cfg    itemreader.Config
	budget *itemreader.Budget
	items  *itemreader.Items
}

// object reads one JSON, JSONL or CSV object.
func (r *read) object(ctx context.Context, p params) error {
	if p.Key == "" {
		return fmt.Errorf("the ItemReader needs a Key")
	}
	return r.open(ctx, p.Bucket, p.Key, p.VersionID, func(body io.Reader) error {
		return itemreader.Read(body, r.cfg, r.items)
	})
}

// manifest reads an S3 Inventory: the manifest, then its data files.
func (r *read) manifest(ctx context.Context, p params) error {
	if p.Key == "" {
		return fmt.Errorf("the ItemReader needs a Key")
	}
	var m itemreader.Manifest
	err := r.open(ctx, p.Bucket, p.Key, p.VersionID, func(body io.Reader) (err error) {
		m, err = itemreader.ParseManifest(body)
		return err
	})
	if err != nil {
		return err
	}
	for _, f := range m.Files {
		if r.items.Full() {
			return nil
		}
		err := r.open(ctx, m.Bucket, f, "", func(body io.Reader) error {
			return itemreader.ReadInventory(body, m.Schema, r.items)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// list reads the objects under a prefix.
func (r *read) list(ctx context.Context, p params) error {
	var addErr error
	err := r.src.List(ctx, p.Bucket, p.Prefix, func(objs []itemreader.Object) bool {
		for _, o := range objs {
			if r.items.Full() {
				return false
			}
			if addErr = r.items.Add(o.Item()); addErr != nil {
				return false
			}
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

// open reads one object through fn within the read's byte budget.
func (r *read) open(ctx context.Context, bucket, key, version string, fn func(io.Reader) error) error {
	body, err := r.src.Get(ctx, bucket, key, version)
	if err != nil {
		return fmt.Errorf("read s3://%s/%s: %w", bucket, key, err)
	}
	defer body.Close()
	if err := fn(r.budget.Reader(body)); err != nil {
		return fmt.Errorf("read s3://%s/%s: %w", bucket, key, err)
	}
	return nil
}

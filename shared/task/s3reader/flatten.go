package s3reader

import (
	"context"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/itemreader"
)

// athena reads an Athena UNLOAD's data manifest, then its data files as
// InputType, from the cursor's file and place in it on.
func (r *read) athena(ctx context.Context, p params) error {
	if p.Key == "" {
		return fmt.Errorf("the ItemReader needs a Key")
	}
	var files []itemreader.Location
	err := r.open(ctx, p.Bucket, p.Key, p.VersionID, 0, func(body io.Reader) (err error) {
		files, err = itemreader.ParseAthenaManifest(body)
		return err
	})
	if err != nil {
		return err
	}
	for ; r.next.File < len(files) && !r.items.Full(); r.next.File++ {
		f := files[r.next.File]
		if err := r.data(ctx, f.Bucket, f.Key, "", -1); err != nil {
			return err
		}
		if r.items.Full() {
			return nil // the next page goes on in this file
		}
		r.nextObject()
	}
	return nil
}

// loadList reads the objects under a prefix as InputType, one after the
// other in key order (Transformation LOAD_AND_FLATTEN), from the cursor's
// object and place in it on. Empty objects (folder markers) hold no items.
func (r *read) loadList(ctx context.Context, p params) error {
	var readErr error
	err := r.src.List(ctx, p.Bucket, p.Prefix, r.next.StartAfter, func(objs []itemreader.Object) bool {
		for _, o := range objs {
			if r.items.Full() {
				return false
			}
			if o.Key != r.next.Key {
				r.next.Key = o.Key
				r.nextObject()
			}
			if o.Size > 0 {
				if readErr = r.data(ctx, p.Bucket, o.Key, "", o.Size); readErr != nil || r.items.Full() {
					return false // the next page goes on in this object
				}
			}
			r.next.StartAfter, r.next.Key = o.Key, ""
			r.nextObject()
		}
		return true
	})
	if readErr != nil {
		return readErr
	}
	if err != nil {
		return fmt.Errorf("list s3://%s/%s: %w", p.Bucket, p.Prefix, err)
	}
	return nil
}

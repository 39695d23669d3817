package itemreader

import (
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Object is one object listed by ListObjectsV2.
type Object struct {
	Key          string
	ETag         string
	LastModified time.Time
	Size         int64
	StorageClass string
}

// Item is the object as a listObjectsV2 reader hands it to the Map: AWS
// spells the tag "Etag" and gives LastModified in epoch seconds.
func (o Object) Item() *jsonval.Object {
	it := jsonval.NewObject(5)
	it.Set("Etag", o.ETag)
	it.Set("Key", o.Key)
	it.Set("LastModified", jsonval.NumberFromInt(o.LastModified.Unix()))
	it.Set("Size", jsonval.NumberFromInt(o.Size))
	it.Set("StorageClass", o.StorageClass)
	return it
}

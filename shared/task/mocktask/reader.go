package mocktask

import (
	"strings"

	"github.com/stepwise/stepwise/shared/itemreader"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// A Map state's mocked response answers its ItemReader (the reader's
// request carries the Map state's name): an array is the items, a string is
// the object's content as the reader would fetch it (TestState's
// mapItemReaderData), parsed per ReaderConfig. ReaderConfig.MaxItems applies
// to both. The reader resources, as task/s3reader names them.
var readerResources = []string{"arn:aws:states:::s3:getObject", "arn:aws:states:::s3:listObjectsV2"}

const errReaderFailed = "States.ItemReaderFailed"

// IsReader tells an ItemReader's resource.
func IsReader(resource string) bool {
	return resource == readerResources[0] || resource == readerResources[1]
}

// ReaderItems turns a mocked reader response (an array of items, or the
// object's content as a string) into the reader's items, or into the page
// a paged read asks for (task/s3reader's protocol). TestState's
// mapItemReaderData is answered the same way.
func ReaderItems(req task.Request, ret jsonval.Value) task.Result {
	in, _ := req.Input.(*jsonval.Object)
	if in == nil {
		in = jsonval.NewObject(0)
	}
	rc, _ := in.Get("ReaderConfig")
	cfg, err := itemreader.ParseConfig(rc)
	if err != nil {
		return task.Failure(errReaderFailed, err.Error())
	}
	var page *itemreader.Page
	if pv, ok := in.Get("Page"); ok {
		if page, err = itemreader.ParsePage(pv); err != nil {
			return task.Failure(errReaderFailed, err.Error())
		}
	}
	res := allItems(req, cfg, ret)
	if page == nil || res.Failed {
		return res
	}
	return task.Success(pageOf(res.Output.([]any), page))
}

// pageOf cuts a page out of all the items; the cursor counts items only.
func pageOf(all []any, p *itemreader.Page) *jsonval.Object {
	from := min(p.Cursor.Read, len(all))
	to := min(from+p.Size, len(all))
	o := jsonval.NewObject(2)
	o.Set("Items", all[from:to])
	if to-from == p.Size && to < len(all) {
		o.Set("Cursor", itemreader.Cursor{Read: to}.Value())
	}
	return o
}

// allItems reads every item of a mocked Return within MaxItems.
func allItems(req task.Request, cfg itemreader.Config, ret jsonval.Value) task.Result {
	items := &itemreader.Items{List: []any{}, Max: cfg.MaxItems}
	switch v := ret.(type) {
	case []any:
		for _, it := range v {
			if items.Full() {
				break
			}
			_ = items.Add(jsonval.Copy(it))
		}
	case string:
		if !readsText(req.Resource, cfg) {
			return task.Failure(errReaderFailed, "A mocked "+req.Resource+" reader with InputType "+cfg.InputType+" must return an array of items.")
		}
		if err := itemreader.Read(strings.NewReader(v), cfg, items); err != nil {
			return task.Failure(errReaderFailed, "mocked content: "+err.Error())
		}
	default:
		return task.Failure(errReaderFailed, "The mocked response of an ItemReader must be an array of items or the object's content as a string, but was "+jsonval.TypeName(ret)+".")
	}
	return task.Success(items.List)
}

// next counts an invocation under key and returns its 0-based number; a
// paged read's later pages are the same invocation as its first, so that
// one mocked response answers the whole read.
func next(calls map[string]int, key string, req task.Request) int {
	if IsReader(req.Resource) && continuesRead(req.Input) && calls[key] > 0 {
		return calls[key] - 1
	}
	calls[key]++
	return calls[key] - 1
}

// continuesRead reports whether a reader's input asks for a page past the first.
func continuesRead(input jsonval.Value) bool {
	in, _ := input.(*jsonval.Object)
	if in == nil {
		return false
	}
	pv, _ := in.Get("Page")
	po, _ := pv.(*jsonval.Object)
	return po != nil && po.Has("Cursor")
}

// readsText reports whether a mocked reader's string content can be its
// items: one text object (JSON, JSONL, CSV) read with getObject, not a
// manifest, a listing, or a Parquet file.
func readsText(resource string, cfg itemreader.Config) bool {
	return resource == readerResources[0] && !cfg.Inventory() && cfg.ManifestType == "" && cfg.InputType != itemreader.TypeParquet
}

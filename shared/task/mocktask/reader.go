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

func isReader(resource string) bool {
	return resource == readerResources[0] || resource == readerResources[1]
}

// readerItems turns a mocked Return into the reader's items.
func readerItems(req task.Request, ret jsonval.Value) task.Result {
	in, _ := req.Input.(*jsonval.Object)
	var rc jsonval.Value
	if in != nil {
		rc, _ = in.Get("ReaderConfig")
	}
	cfg, err := itemreader.ParseConfig(rc)
	if err != nil {
		return task.Failure(errReaderFailed, err.Error())
	}
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
		if req.Resource != readerResources[0] || cfg.InputType == itemreader.TypeManifest {
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

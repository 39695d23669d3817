package resultwriter

import (
	"fmt"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// S3 operations a Put asks for: a whole object, or a multipart upload of a
// large one (parts of at least 5 MiB but the last, as S3 requires).
const (
	ActionPutObject = "PutObject"
	ActionCreate    = "CreateMultipartUpload"
	ActionPart      = "UploadPart"
	ActionComplete  = "CompleteMultipartUpload"
	ActionAbort     = "AbortMultipartUpload"
)

// Put is the input of one Invoke of Resource. The answer is an object:
// {"ETag"} for PutObject and UploadPart, {"UploadId"} for
// CreateMultipartUpload, {} otherwise.
type Put struct {
	Action     string
	Bucket     string
	Key        string
	Body       string // PutObject, UploadPart
	UploadID   string // UploadPart, CompleteMultipartUpload, AbortMultipartUpload
	PartNumber int    // UploadPart, from 1
	Parts      []Part // CompleteMultipartUpload
}

// Part is an uploaded part, as CompleteMultipartUpload lists it.
type Part struct {
	PartNumber int
	ETag       string
}

// Value is the Put as the task input.
func (p Put) Value() *jsonval.Object {
	o := jsonval.NewObject(7)
	o.Set("Action", p.Action)
	o.Set("Bucket", p.Bucket)
	o.Set("Key", p.Key)
	if p.UploadID != "" {
		o.Set("UploadId", p.UploadID)
	}
	switch p.Action {
	case ActionPutObject:
		o.Set("Body", p.Body)
	case ActionPart:
		o.Set("PartNumber", jsonval.NumberFromInt(int64(p.PartNumber)))
		o.Set("Body", p.Body)
	case ActionComplete:
		parts := make([]any, len(p.Parts))
		for i, pt := range p.Parts {
			po := jsonval.NewObject(2)
			po.Set("PartNumber", jsonval.NumberFromInt(int64(pt.PartNumber)))
			po.Set("ETag", pt.ETag)
			parts[i] = po
		}
		o.Set("Parts", parts)
	}
	return o
}

// ParsePut reads a task input written by Put.Value.
func ParsePut(v jsonval.Value) (Put, error) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return Put{}, fmt.Errorf("the result writer's input must be an object, but was %s", jsonval.TypeName(v))
	}
	var p Put
	p.Action, _ = str(o, "Action")
	p.Bucket, _ = str(o, "Bucket")
	p.Key, _ = str(o, "Key")
	p.Body, _ = str(o, "Body")
	p.UploadID, _ = str(o, "UploadId")
	p.PartNumber = num(o, "PartNumber")
	if ps, ok := o.Get("Parts"); ok {
		list, _ := ps.([]any)
		for _, x := range list {
			po, _ := x.(*jsonval.Object)
			if po == nil {
				return Put{}, fmt.Errorf("a part must be an object, but was %s", jsonval.String(x))
			}
			etag, _ := str(po, "ETag")
			p.Parts = append(p.Parts, Part{PartNumber: num(po, "PartNumber"), ETag: etag})
		}
	}
	return p, p.check()
}

func (p Put) check() error {
	switch {
	case p.Bucket == "" || p.Key == "":
		return fmt.Errorf("the result writer needs a Bucket and a Key")
	case p.Action == ActionPutObject || p.Action == ActionCreate:
		return nil
	case p.Action != ActionPart && p.Action != ActionComplete && p.Action != ActionAbort:
		return fmt.Errorf("the result writer cannot %q", p.Action)
	case p.UploadID == "":
		return fmt.Errorf("%s needs an UploadId", p.Action)
	case p.Action == ActionPart && (p.PartNumber < 1 || p.PartNumber > 10000):
		return fmt.Errorf("the PartNumber %d is not within 1..10000", p.PartNumber)
	}
	return nil
}

func str(o *jsonval.Object, k string) (string, bool) {
	v, _ := o.Get(k)
	s, ok := v.(string)
	return s, ok
}

func num(o *jsonval.Object, k string) int {
	v, _ := o.Get(k)
	n, _ := v.(jsonval.Number)
	i, _ := n.Int()
	return int(i)
}

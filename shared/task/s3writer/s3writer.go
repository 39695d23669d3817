// Package s3writer is the task invoker behind a Distributed Map's
// ResultWriter: resultwriter.Write asks for each S3 call as a task of
// resource arn:aws:states:::s3:putObject whose input is a resultwriter.Put,
// and this invoker makes it on a Sink: S3 through the SDK (s3reader.S3), or
// the local folder standing in for it (s3reader.Dir).
package s3writer

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/task"
)

// Sink is where objects are written.
type Sink interface {
	// PutObject writes a whole object and returns its ETag.
	PutObject(ctx context.Context, bucket, key string, body []byte) (string, error)
	// CreateUpload starts a multipart upload and returns its id.
	CreateUpload(ctx context.Context, bucket, key string) (string, error)
	// UploadPart uploads part n (from 1) and returns its ETag.
	UploadPart(ctx context.Context, bucket, key, id string, n int, body []byte) (string, error)
	// CompleteUpload joins the parts into the object.
	CompleteUpload(ctx context.Context, bucket, key, id string, parts []resultwriter.Part) error
	// AbortUpload drops an upload's parts.
	AbortUpload(ctx context.Context, bucket, key, id string) error
}

// Invoker writes result files for Map states.
type Invoker struct{ sink Sink }

var _ task.Invoker = (*Invoker)(nil)

// New writes to sink.
func New(sink Sink) *Invoker { return &Invoker{sink: sink} }

// Register routes the writer resource to i.
func (i *Invoker) Register(m *task.Mux) { m.Handle(resultwriter.Resource, i) }

// Invoke makes one S3 call; every failure is States.ResultWriterFailed.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	p, err := resultwriter.ParsePut(req.Input)
	if err != nil {
		return task.Failure(resultwriter.ErrorName, err.Error()), nil
	}
	out, err := i.do(ctx, p)
	if err != nil {
		return task.Failure(resultwriter.ErrorName, fmt.Sprintf("write s3://%s/%s: %v", p.Bucket, p.Key, err)), nil
	}
	return task.Success(out), nil
}

func (i *Invoker) do(ctx context.Context, p resultwriter.Put) (*jsonval.Object, error) {
	out := jsonval.NewObject(1)
	var err error
	var s string
	switch p.Action {
	case resultwriter.ActionPutObject:
		s, err = i.sink.PutObject(ctx, p.Bucket, p.Key, []byte(p.Body))
		out.Set("ETag", s)
	case resultwriter.ActionCreate:
		s, err = i.sink.CreateUpload(ctx, p.Bucket, p.Key)
		out.Set("UploadId", s)
	case resultwriter.ActionPart:
		s, err = i.sink.UploadPart(ctx, p.Bucket, p.Key, p.UploadID, p.PartNumber, []byte(p.Body))
		out.Set("ETag", s)
	case resultwriter.ActionComplete:
		err = i.sink.CompleteUpload(ctx, p.Bucket, p.Key, p.UploadID, p.Parts)
		out = jsonval.NewObject(0)
	case resultwriter.ActionAbort:
		err = i.sink.AbortUpload(ctx, p.Bucket, p.Key, p.UploadID)
		out = jsonval.NewObject(0)
	}
	return out, err
}

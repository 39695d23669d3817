package resultwriter

import (
	"context"
	"fmt"
	"strconv"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// writer makes the S3 calls of one Write through the task port.
type writer struct {
	ctx       context.Context
	inv       task.Invoker
	run       Run
	base      string
	jsonl     bool
	partBytes int
	maxFile   int64
}

func newWriter(ctx context.Context, inv task.Invoker, run Run) *writer {
	w := &writer{ctx: ctx, inv: inv, run: run, base: Base(run.Config.Prefix, run.MapRunArn) + redriveFolder(run.Redrive),
		jsonl: run.Config.OutputType == OutputJSONL, partBytes: run.PartBytes, maxFile: run.MaxFileBytes}
	if w.partBytes <= 0 {
		w.partBytes = DefaultPartBytes
	}
	if w.maxFile <= 0 {
		w.maxFile = MaxFileBytes
	}
	return w
}

// manifest writes manifest.json listing the files of kinds; after a
// redrive the succeeded files of the earlier attempts come first, as AWS
// lists every attempt's successes (but only this attempt's failures).
func (w *writer) manifest(mapRunArn string, kinds map[string]*files) (string, error) {
	rf := jsonval.NewObject(3)
	rf.Set(StatusFailed, refs(kinds[StatusFailed].done))
	rf.Set(StatusPending, refs(kinds[StatusPending].done))
	rf.Set(StatusSucceeded, refs(append(append([]File(nil), w.run.Succeeded...), kinds[StatusSucceeded].done...)))
	m := jsonval.NewObject(3)
	m.Set("DestinationBucket", w.run.Config.Bucket)
	m.Set("MapRunArn", mapRunArn)
	m.Set("ResultFiles", rf)
	key := w.base + "manifest.json"
	return key, w.put(key, jsonval.Marshal(m))
}

func (w *writer) put(key string, body []byte) error {
	_, err := w.call(Put{Action: ActionPutObject, Key: key, Body: string(body)})
	return err
}

func (w *writer) create(key string) (string, error) {
	out, err := w.call(Put{Action: ActionCreate, Key: key})
	if err != nil {
		return "", err
	}
	id, _ := str(out, "UploadId")
	if id == "" {
		return "", fmt.Errorf("create upload of %s: no UploadId in %s", key, jsonval.String(out))
	}
	return id, nil
}

func (w *writer) part(key, upload string, n int, body []byte) (string, error) {
	out, err := w.call(Put{Action: ActionPart, Key: key, UploadID: upload, PartNumber: n, Body: string(body)})
	if err != nil {
		return "", err
	}
	etag, _ := str(out, "ETag")
	return etag, nil
}

func (w *writer) complete(key, upload string, parts []Part) error {
	_, err := w.call(Put{Action: ActionComplete, Key: key, UploadID: upload, Parts: parts})
	return err
}

// abort drops a failed upload; its own failure changes nothing.
func (w *writer) abort(key, upload string) {
	_, _ = w.call(Put{Action: ActionAbort, Key: key, UploadID: upload})
}

// call invokes one S3 operation; a failed task is a *Failure.
func (w *writer) call(p Put) (*jsonval.Object, error) {
	p.Bucket = w.run.Config.Bucket
	res, err := w.inv.Invoke(w.ctx, task.Request{ExecutionARN: w.run.ExecutionArn, Resource: Resource, Input: p.Value()})
	if err != nil {
		return nil, fmt.Errorf("state %s: write s3://%s/%s: %w", w.run.State, p.Bucket, p.Key, err)
	}
	if res.Failed {
		return nil, &Failure{Cause: res.Cause}
	}
	out, _ := res.Output.(*jsonval.Object)
	if out == nil {
		out = jsonval.NewObject(0)
	}
	return out, nil
}

// redriveFolder is where a redrive's files go, beside the first attempt's:
// Redrive-<n>/ under the map run's folder.
func redriveFolder(n int) string {
	if n <= 0 {
		return ""
	}
	return "Redrive-" + strconv.Itoa(n) + "/"
}

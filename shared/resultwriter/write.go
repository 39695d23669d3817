package resultwriter

import (
	"context"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// Defaults of Run's sizes.
const (
	// DefaultPartBytes is the part size of multipart uploads (S3's minimum
	// is 5 MiB); Write holds at most this much per file kind.
	DefaultPartBytes = 8 << 20
	// MaxFileBytes is the most one result file holds, as AWS splits them (5 GB).
	MaxFileBytes int64 = 5 << 30
)

// Run is one map run's write.
type Run struct {
	MapRunArn    string
	ExecutionArn string // the parent execution, for the task requests
	// State is the Map state's name, for error messages. The task requests
	// carry no State, so that a mock configuration's response for the Map
	// (which answers its ItemReader) never answers the writer.
	State        string
	Config       Config
	PartBytes    int   // 0: DefaultPartBytes
	MaxFileBytes int64 // 0: MaxFileBytes
	// Redrive is the map run's redrive count: a redrive writes under
	// <Prefix>/<map run id>/Redrive-<n>/, and its manifest lists the
	// Succeeded files of the earlier attempts (Output.Succeeded of the last
	// write) before its own.
	Redrive   int
	Succeeded []File
}

// Output is what Write produced.
type Output struct {
	// Value is the Map state's result.
	Value jsonval.Value
	// ResultsWritten counts the children whose results were written
	// (DescribeMapRun's resultsWritten); pending items are not counted.
	ResultsWritten int
	// Succeeded lists every SUCCEEDED file the manifest names, the earlier
	// attempts' included: keep it for a redrive's Run.Succeeded.
	Succeeded []File
}

// kindOrder is the order in which the files are finished.
var kindOrder = []string{StatusSucceeded, StatusFailed, StatusPending}

// Write writes the children of src as run.Config says, through inv.
func Write(ctx context.Context, inv task.Invoker, run Run, src Source) (Output, error) {
	if !run.Config.Export() {
		return preview(run.Config, src)
	}
	w := newWriter(ctx, inv, run)
	kinds := map[string]*files{}
	for _, k := range kindOrder {
		kinds[k] = &files{w: w, kind: k}
	}
	written := 0
	err := src(func(c Child) error {
		vals, err := c.values(run.Config.Transformation)
		if err != nil {
			return fmt.Errorf("child %s: output is not JSON: %w", c.ExecutionArn, err)
		}
		if c.Status != StatusPending {
			written++
		}
		for _, v := range vals {
			if err := kinds[c.kind()].add(v); err != nil {
				return err
			}
		}
		return nil
	})
	for _, k := range kindOrder {
		if err == nil {
			err = kinds[k].close()
		}
	}
	if err != nil {
		for _, f := range kinds {
			f.drop()
		}
		return Output{}, err
	}
	key, err := w.manifest(run.MapRunArn, kinds)
	if err != nil {
		return Output{}, err
	}
	succeeded := append(append([]File(nil), run.Succeeded...), kinds[StatusSucceeded].done...)
	return Output{Value: details(run, key), ResultsWritten: written, Succeeded: succeeded}, nil
}

// preview is the WriterConfig-only form: the transformed results, in item
// order, as the state's result.
func preview(c Config, src Source) (Output, error) {
	out := []any{}
	written := 0
	err := src(func(ch Child) error {
		if ch.Status == StatusPending {
			return nil
		}
		vals, err := ch.values(c.Transformation)
		if err != nil {
			return fmt.Errorf("child %s: output is not JSON: %w", ch.ExecutionArn, err)
		}
		written++
		out = append(out, vals...)
		return nil
	})
	return Output{Value: out, ResultsWritten: written}, err
}

// details is the Map state's output after an export.
func details(run Run, key string) *jsonval.Object {
	d := jsonval.NewObject(2)
	d.Set("Bucket", run.Config.Bucket)
	d.Set("Key", key)
	o := jsonval.NewObject(2)
	o.Set("MapRunArn", run.MapRunArn)
	o.Set("ResultWriterDetails", d)
	return o
}

// Base is the folder of a map run's files: <Prefix>/<map run id>/.
func Base(prefix, mapRunArn string) string {
	id := mapRunArn[strings.LastIndexByte(mapRunArn, ':')+1:]
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return prefix + id + "/"
}

// Package resultwriter writes a Distributed Map run's child results the way
// AWS Step Functions' ResultWriter does, and gives the Map state its output.
//
// Files, under <Prefix>/<map run id>/ in the Bucket (a "/" is put between a
// Prefix and the id unless the Prefix ends with one):
//
//	SUCCEEDED_n.json  the succeeded children
//	FAILED_n.json     the failed, timed-out and aborted children
//	PENDING_n.json    the items never started (the run failed or was aborted)
//	manifest.json     {"DestinationBucket", "MapRunArn", "ResultFiles":
//	                  {"FAILED": [{"Key","Size"}], "PENDING": […], "SUCCEEDED": […]}}
//
// A redrive of the map run (Run.Redrive n) writes under .../Redrive-<n>/, and
// its manifest lists the earlier attempts' SUCCEEDED files (Run.Succeeded,
// from the last Output) besides its own, but only its own FAILED and PENDING.
// A file is written only when it has entries; past MaxFileBytes (AWS: 5 GB)
// the next one is started (SUCCEEDED_1.json, …). With OutputType JSONL the
// data files are SUCCEEDED_n.jsonl etc., one entry per line, each line ending
// in "\n"; the manifest stays JSON. An entry is, with Transformation NONE
// (the default when exporting), the child's execution in AWS's field order
// (see Child); COMPACT writes each succeeded child's output as a JSON value
// and FLATTEN splices outputs that are arrays; failed and pending entries
// keep the NONE form whatever the Transformation.
//
// Use: the runner resolves the state's ResultWriter (Parameters/Arguments
// evaluated) into {"Resource", "Parameters": {"Bucket", "Prefix"},
// "WriterConfig": {…}} and calls ParseConfig, then at the end of the map run
//
//	out, err := resultwriter.Write(ctx, invoker, resultwriter.Run{MapRunArn: arn, Config: cfg}, children)
//
// where children (a Source) yields every child once, in item order, without
// holding them all: Write keeps at most one part (PartBytes) per file kind in
// memory. With a Bucket, out.Value is {"MapRunArn", "ResultWriterDetails":
// {"Bucket", "Key": <manifest key>}}; with only a WriterConfig (no Resource)
// nothing is written and out.Value is the transformed array of results.
// Objects are written through the task port: each S3 call is an Invoke of
// Resource (arn:aws:states:::s3:putObject) whose input is a Put, served by
// task/s3writer. A *Failure error is the ASL failure
// States.ResultWriterFailed; any other error is an infrastructure error.
package resultwriter

import (
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Resource is the only writer resource AWS accepts.
const Resource = "arn:aws:states:::s3:putObject"

// ErrorName is AWS's error for a failed write (asl.ErrorResultWriterFailed).
const ErrorName = "States.ResultWriterFailed"

// WriterConfig values.
const (
	TransformNone    = "NONE"
	TransformCompact = "COMPACT"
	TransformFlatten = "FLATTEN"
	OutputJSON       = "JSON"
	OutputJSONL      = "JSONL"
)

// Config is a resolved ResultWriter.
type Config struct {
	// Bucket and Prefix from the evaluated Parameters (Arguments); an empty
	// Bucket means no export: the results become the state's output.
	Bucket, Prefix string
	Transformation string // NONE, COMPACT or FLATTEN
	OutputType     string // JSON or JSONL
}

// Export reports whether the results go to S3.
func (c Config) Export() bool { return c.Bucket != "" }

// Failure is a failed write: the Map fails with ErrorName and Cause.
type Failure struct{ Cause string }

func (f *Failure) Error() string { return ErrorName + ": " + f.Cause }

// ParseConfig reads a ResultWriter whose Parameters (or Arguments) are
// evaluated. Defaults follow AWS: exporting without a WriterConfig is NONE
// and JSON; a WriterConfig alone previews COMPACT unless it says otherwise.
func ParseConfig(v jsonval.Value) (Config, error) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return Config{}, fmt.Errorf("the ResultWriter must be an object, but was %s", jsonval.TypeName(v))
	}
	c := Config{Transformation: TransformNone, OutputType: OutputJSON}
	if err := c.setParams(o); err != nil {
		return Config{}, err
	}
	if !c.Export() {
		c.Transformation = TransformCompact
	}
	wc, ok := o.Get("WriterConfig")
	if !ok {
		if !c.Export() {
			return Config{}, fmt.Errorf("the ResultWriter needs a Resource and Parameters, a WriterConfig, or both")
		}
		return c, nil
	}
	return c, c.setWriterConfig(wc)
}

func (c *Config) setParams(o *jsonval.Object) error {
	res, hasRes := o.Get("Resource")
	params, ok := o.Get("Parameters")
	if !ok {
		params, ok = o.Get("Arguments")
	}
	if !hasRes && !ok {
		return nil
	}
	if res != Resource {
		return fmt.Errorf("the ResultWriter Resource must be %s, but was %s", Resource, jsonval.String(res))
	}
	p, isObj := params.(*jsonval.Object)
	if !isObj {
		return fmt.Errorf("the ResultWriter Parameters must be an object, but was %s", jsonval.String(params))
	}
	for k, dst := range map[string]*string{"Bucket": &c.Bucket, "Prefix": &c.Prefix} {
		x, ok := p.Get(k)
		if !ok {
			continue
		}
		s, isStr := x.(string)
		if !isStr {
			return fmt.Errorf("the ResultWriter parameter %s must be a string, but was %s", k, jsonval.String(x))
		}
		*dst = s
	}
	if c.Bucket == "" {
		return fmt.Errorf("the ResultWriter needs a Bucket")
	}
	return nil
}

func (c *Config) setWriterConfig(v jsonval.Value) error {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return fmt.Errorf("the WriterConfig must be an object, but was %s", jsonval.String(v))
	}
	for _, f := range []struct {
		name    string
		dst     *string
		allowed []string
	}{
		{"Transformation", &c.Transformation, []string{TransformNone, TransformCompact, TransformFlatten}},
		{"OutputType", &c.OutputType, []string{OutputJSON, OutputJSONL}},
	} {
		x, ok := o.Get(f.name)
		if !ok {
			continue
		}
		s, _ := x.(string)
		if !oneOf(s, f.allowed) {
			return fmt.Errorf("the WriterConfig field %s must be one of %s, but was %s", f.name, strings.Join(f.allowed, ", "), jsonval.String(x))
		}
		*f.dst = s
	}
	return nil
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

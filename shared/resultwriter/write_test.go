package resultwriter_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
)

// folder is a local folder standing in for S3 with the bucket "results".
func folder(t *testing.T) (string, task.Invoker) {
	t.Helper()
	return folderB(t)
}

func folderB(t testing.TB) (string, task.Invoker) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "results"), 0o755); err != nil {
		t.Fatal(err)
	}
	m := &task.Mux{}
	s3writer.New(s3reader.NewDir(root)).Register(m)
	return root, m
}

func read(t *testing.T, root, key string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "results", filepath.FromSlash(key)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func export(transformation, output string) resultwriter.Config {
	return resultwriter.Config{Bucket: "results", Prefix: "csvJobs", Transformation: transformation, OutputType: output}
}

// TestWrite_Export checks the files, the manifest and the state's output of
// an export of a succeeded, a failed and a pending child.
func TestWrite_Export(t *testing.T) {
	root, inv := folder(t)
	ok := docChild("a", out1)
	failed := resultwriter.Child{ExecutionArn: "arn:x:b", Name: "b", Status: "TIMED_OUT", Error: "States.Timeout", StartDate: ok.StartDate}
	pending := resultwriter.Child{Status: "PENDING", Input: `{"n":3}`}
	out, err := resultwriter.Write(context.Background(), inv, resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON")},
		resultwriter.Slice([]resultwriter.Child{ok, failed, pending}))
	if err != nil {
		t.Fatal(err)
	}
	base := "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/"
	want := `{"MapRunArn":"` + runArn + `","ResultWriterDetails":{"Bucket":"results","Key":"` + base + `manifest.json"}}`
	if got := jsonval.String(out.Value); got != want || out.ResultsWritten != 2 {
		t.Fatalf("output %s (%d written), want %s", got, out.ResultsWritten, want)
	}
	files := map[string]string{}
	for _, k := range []string{"SUCCEEDED", "FAILED", "PENDING"} {
		files[k] = read(t, root, base+k+"_0.json")
	}
	for k, c := range map[string]resultwriter.Child{"SUCCEEDED": ok, "FAILED": failed, "PENDING": pending} {
		if want := "[" + jsonval.String(c.Entry()) + "]"; files[k] != want {
			t.Errorf("%s_0.json = %s, want %s", k, files[k], want)
		}
	}
	manifest := `{"DestinationBucket":"results","MapRunArn":"` + runArn + `","ResultFiles":{` +
		`"FAILED":[{"Key":"` + base + `FAILED_0.json","Size":` + size(files["FAILED"]) + `}],` +
		`"PENDING":[{"Key":"` + base + `PENDING_0.json","Size":` + size(files["PENDING"]) + `}],` +
		`"SUCCEEDED":[{"Key":"` + base + `SUCCEEDED_0.json","Size":` + size(files["SUCCEEDED"]) + `}]}}`
	if got := read(t, root, base+"manifest.json"); got != manifest {
		t.Fatalf("manifest\n got %s\nwant %s", got, manifest)
	}
}

func size(s string) string { return jsonval.String(jsonval.NumberFromInt(int64(len(s)))) }

// TestWrite_Transformations follows the developer guide's examples: two
// children each returning an array of two orders.
func TestWrite_Transformations(t *testing.T) {
	children := []resultwriter.Child{docChild("a", out1), docChild("b", out2)}
	for _, tc := range []struct{ transformation, want string }{
		{"NONE", "[" + jsonval.String(children[0].Entry()) + "," + jsonval.String(children[1].Entry()) + "]"},
		{"COMPACT", "[" + out1 + "," + out2 + "]"},
		{"FLATTEN", "[" + out1[1:len(out1)-1] + "," + out2[1:len(out2)-1] + "]"},
	} {
		t.Run(tc.transformation, func(t *testing.T) {
			root, inv := folder(t)
			_, err := resultwriter.Write(context.Background(), inv, resultwriter.Run{MapRunArn: runArn, Config: export(tc.transformation, "JSON")}, resultwriter.Slice(children))
			if err != nil {
				t.Fatal(err)
			}
			if got := read(t, root, "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/SUCCEEDED_0.json"); got != tc.want {
				t.Fatalf("SUCCEEDED_0.json\n got %s\nwant %s", got, tc.want)
			}
			// Without a Resource the same results are the state's output.
			out, err := resultwriter.Write(context.Background(), nil, resultwriter.Run{MapRunArn: runArn,
				Config: resultwriter.Config{Transformation: tc.transformation, OutputType: "JSON"}}, resultwriter.Slice(children))
			if err != nil || jsonval.String(out.Value) != tc.want || out.ResultsWritten != 2 {
				t.Fatalf("preview = %s, %v", jsonval.String(out.Value), err)
			}
		})
	}
}

// TestWrite_JSONL writes one entry per line, every line ending in "\n".
func TestWrite_JSONL(t *testing.T) {
	root, inv := folder(t)
	_, err := resultwriter.Write(context.Background(), inv, resultwriter.Run{MapRunArn: runArn, Config: export("FLATTEN", "JSONL")},
		resultwriter.Slice([]resultwriter.Child{docChild("a", out1), docChild("b", `{"one":1}`)}))
	if err != nil {
		t.Fatal(err)
	}
	base := "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/"
	want := `{"customer_id":"145538","order_id":"100000"}` + "\n" + `{"customer_id":"898037","order_id":"100001"}` + "\n" + `{"one":1}` + "\n"
	if got := read(t, root, base+"SUCCEEDED_0.jsonl"); got != want {
		t.Fatalf("SUCCEEDED_0.jsonl = %q, want %q", got, want)
	}
	if m := read(t, root, base+"manifest.json"); !strings.Contains(m, `"Key":"`+base+`SUCCEEDED_0.jsonl","Size":`+size(want)) || !strings.Contains(m, `"FAILED":[],"PENDING":[]`) {
		t.Fatalf("manifest = %s", m)
	}
}

// TestWrite_Prefix puts a "/" between a Prefix and the map run id.
func TestWrite_Prefix(t *testing.T) {
	for prefix, want := range map[string]string{"": "id/", "p": "p/id/", "p/": "p/id/", "a/b": "a/b/id/"} {
		if got := resultwriter.Base(prefix, "arn:aws:states:r:1:mapRun:m/label:id"); got != want {
			t.Errorf("Base(%q) = %q, want %q", prefix, got, want)
		}
	}
}

// TestWrite_Failure: a missing bucket fails the write with
// States.ResultWriterFailed, naming the object.
func TestWrite_Failure(t *testing.T) {
	_, inv := folder(t)
	cfg := export("NONE", "JSON")
	cfg.Bucket = "nope"
	_, err := resultwriter.Write(context.Background(), inv, resultwriter.Run{MapRunArn: runArn, Config: cfg},
		resultwriter.Slice([]resultwriter.Child{docChild("a", out1)}))
	var f *resultwriter.Failure
	if !errors.As(err, &f) || !strings.Contains(f.Cause, "write s3://nope/csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/SUCCEEDED_0.json: NoSuchBucket") {
		t.Fatalf("err = %v, want a Failure naming NoSuchBucket", err)
	}
	if !strings.HasPrefix(err.Error(), "States.ResultWriterFailed: ") {
		t.Fatalf("err = %v", err)
	}
}

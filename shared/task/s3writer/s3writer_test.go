package s3writer_test

import (
	"context"
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

// The reader's sources take the writes as well.
var (
	_ s3writer.Sink = s3reader.Dir{}
	_ s3writer.Sink = s3reader.S3{}
)

func TestInvoke(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	m := &task.Mux{}
	s3writer.New(s3reader.NewDir(root)).Register(m)
	for _, tc := range []struct{ name, input, want, wantCause string }{
		{"Put", `{"Action":"PutObject","Bucket":"b","Key":"k/x.json","Body":"hello"}`, `{"ETag":"\"5d41402abc4b2a76b9719d911017c592\""}`, ""},
		{"NoSuchBucket", `{"Action":"PutObject","Bucket":"nb","Key":"k","Body":""}`, "", "write s3://nb/k: NoSuchBucket"},
		{"BadInput", `{"Action":"PutObject"}`, "", "needs a Bucket and a Key"},
		{"NoSuchUpload", `{"Action":"UploadPart","Bucket":"b","Key":"k","UploadId":"00","PartNumber":1,"Body":""}`, "", "NoSuchUpload"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := m.Invoke(context.Background(), task.Request{Resource: resultwriter.Resource, Input: jsonval.MustDecode(tc.input)})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantCause != "" {
				if !res.Failed || res.Error != "States.ResultWriterFailed" || !strings.Contains(res.Cause, tc.wantCause) {
					t.Fatalf("result %+v, want a failure with %q", res, tc.wantCause)
				}
				return
			}
			if res.Failed || jsonval.String(res.Output) != tc.want {
				t.Fatalf("result %+v, want %s", res, tc.want)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(root, "b", "k", "x.json")); string(b) != "hello" {
		t.Fatalf("object = %q", b)
	}
}

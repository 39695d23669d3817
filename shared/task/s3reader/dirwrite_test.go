package s3reader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/resultwriter"
)

func TestDirPutObject(t *testing.T) {
	root := bucketDir(t, map[string]string{"old.json": "x"})
	d, ctx := NewDir(root), context.Background()
	etag, err := d.PutObject(ctx, "b", "out/run/manifest.json", []byte("hello"))
	if err != nil || etag != `"5d41402abc4b2a76b9719d911017c592"` {
		t.Fatalf("etag %s, %v", etag, err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "b", "out", "run", "manifest.json")); string(b) != "hello" {
		t.Fatalf("file = %q", b)
	}
	for _, tc := range []struct{ bucket, key, want string }{
		{"nb", "k", "NoSuchBucket"},
		{".uploads", "k", "InvalidBucketName"},
		{"b", "../escape", "InvalidArgument"},
		{"b", "dir/", "InvalidArgument"},
		{"b", "/abs", "InvalidArgument"},
	} {
		if _, err := d.PutObject(ctx, tc.bucket, tc.key, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("PutObject(%s, %s) = %v, want %s", tc.bucket, tc.key, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "escape")); err == nil {
		t.Fatal("a key left its bucket")
	}
}

// TestDirUpload joins parts in order; a part sent again replaces the first
// copy (a repeated invocation), and nothing of the upload stays behind.
func TestDirUpload(t *testing.T) {
	root := bucketDir(t, map[string]string{"k": ""})
	d, ctx := NewDir(root), context.Background()
	id, err := d.CreateUpload(ctx, "b", "r/SUCCEEDED_0.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		n    int
		body string
	}{{2, "def"}, {1, "xxx"}, {1, "abc"}, {3, "g"}} {
		if _, err := d.UploadPart(ctx, "b", "r/SUCCEEDED_0.json", id, p.n, []byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	parts := []resultwriter.Part{{PartNumber: 1}, {PartNumber: 2}, {PartNumber: 3}}
	if err := d.CompleteUpload(ctx, "b", "r/SUCCEEDED_0.json", id, parts); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "b", "r", "SUCCEEDED_0.json")); string(b) != "abcdefg" {
		t.Fatalf("object = %q", b)
	}
	if left, _ := os.ReadDir(filepath.Join(root, uploads)); len(left) != 0 {
		t.Fatalf("%d leftovers in %s", len(left), uploads)
	}
	if err := d.CompleteUpload(ctx, "b", "r/x", id, parts); err == nil || !strings.Contains(err.Error(), "NoSuchUpload") {
		t.Fatalf("completing twice: %v", err)
	}
	if _, err := d.UploadPart(ctx, "b", "k", "../../etc", 1, nil); err == nil || !strings.Contains(err.Error(), "NoSuchUpload") {
		t.Fatalf("foreign upload id: %v", err)
	}
	id2, _ := d.CreateUpload(ctx, "b", "r/y")
	if err := d.CompleteUpload(ctx, "b", "r/y", id2, []resultwriter.Part{{PartNumber: 1}}); err == nil || !strings.Contains(err.Error(), "InvalidPart") {
		t.Fatalf("missing part: %v", err)
	}
	if err := d.AbortUpload(ctx, "b", "r/y", id2); err != nil {
		t.Fatal(err)
	}
	if _, err := d.UploadPart(ctx, "b", "r/y", id2, 1, nil); err == nil {
		t.Fatal("an aborted upload took a part")
	}
}

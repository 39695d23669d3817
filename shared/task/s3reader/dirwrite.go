package s3reader

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
)

// uploads is the folder beside the buckets that holds unfinished writes
// (whole objects before their rename, multipart parts); no bucket name
// starts with a dot, so it is never taken for a bucket.
const uploads = ".uploads"

// PutObject writes the object's file whole: the content goes to a
// temporary file first and is renamed into place, so readers never see
// half an object. The ETag is the MD5 of the content, as S3 gives it.
func (d Dir) PutObject(_ context.Context, bucket, key string, body []byte) (string, error) {
	r, name, err := d.target(bucket, key)
	if err != nil {
		return "", err
	}
	defer r.Close()
	tmp := path.Join(uploads, "put-"+newID())
	if err := r.WriteFile(tmp, body, 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", key, err)
	}
	if err := r.Rename(tmp, name); err != nil {
		_ = r.Remove(tmp)
		return "", fmt.Errorf("write %s: %w", key, err)
	}
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`, nil
}

// target opens the folder above the buckets and names the key's file in
// it, creating the key's folders; the bucket must exist, as in S3.
func (d Dir) target(bucket, key string) (*os.Root, string, error) {
	b, err := d.bucket(bucket)
	if err != nil {
		return nil, "", err
	}
	b.Close()
	if key == "" || strings.HasSuffix(key, "/") || !fs.ValidPath(key) {
		return nil, "", fmt.Errorf("InvalidArgument: the key %q cannot be a file in a local folder", key)
	}
	r, err := os.OpenRoot(d.root)
	if err != nil {
		return nil, "", err
	}
	name := bucket + "/" + key
	if err := r.MkdirAll(path.Dir(name), 0o755); err != nil {
		r.Close()
		return nil, "", fmt.Errorf("write %s: %w", key, err)
	}
	if err := r.MkdirAll(uploads, 0o755); err != nil {
		r.Close()
		return nil, "", err
	}
	return r, name, nil
}

// newID is a random upload id.
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// partName is where part n of an upload waits for its completion.
func partName(id string, n int) string { return path.Join(uploads, id, strconv.Itoa(n)) }

// errNoUpload is S3's error for an unknown upload id.
var errNoUpload = errors.New("NoSuchUpload: The specified multipart upload does not exist")

func validID(id string) bool {
	_, err := hex.DecodeString(id)
	return err == nil && len(id) == 32
}

package s3reader

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/itemreader"
)

// Dir stands a local folder in for S3: s3://bucket/key is the file
// <root>/bucket/key. It lets a distributed workflow run on a laptop.
type Dir struct{ root string }

var _ Source = Dir{}

// NewDir serves the buckets under root.
func NewDir(root string) Dir { return Dir{root: root} }

// Get opens the object's file at offset; keys cannot leave their bucket's
// folder.
func (d Dir) Get(_ context.Context, bucket, key, version string, offset int64) (io.ReadCloser, error) {
	if version != "" {
		return nil, fmt.Errorf("NoSuchVersion: a local folder keeps no object versions")
	}
	b, err := d.bucket(bucket)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	f, err := b.Open(path.Clean(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("NoSuchKey: The specified key does not exist")
	}
	if err != nil {
		return nil, fmt.Errorf("NoSuchKey: %w", err)
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("read %s at %d: %w", key, offset, err)
	}
	return f, nil
}

// Size is the object's file's size.
func (d Dir) Size(ctx context.Context, bucket, key, version string) (int64, error) {
	f, err := d.Get(ctx, bucket, key, version, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.(*os.File).Stat()
	if err != nil {
		return 0, fmt.Errorf("stat %s: %w", key, err)
	}
	return info.Size(), nil
}

// List lists the files under prefix in key order, as ListObjectsV2 does,
// a page at a time (only a page is held): their ETag is the MD5 of their
// content, as S3 gives a simple upload's.
func (d Dir) List(_ context.Context, bucket, prefix, startAfter string, fn func([]itemreader.Object) bool) error {
	b, err := d.bucket(bucket)
	if err != nil {
		return err
	}
	defer b.Close()
	w := &walker{fsys: b.FS(), prefix: prefix, after: startAfter, fn: fn}
	err = w.walk(".")
	if err == nil {
		err = w.flush()
	}
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

func (d Dir) bucket(name string) (*os.Root, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("InvalidBucketName: %q", name)
	}
	r, err := os.OpenRoot(d.root + string(os.PathSeparator) + name)
	if err != nil {
		return nil, fmt.Errorf("NoSuchBucket: The specified bucket does not exist (no folder %s in %s)", name, d.root)
	}
	return r, nil
}

// errStop ends a walk whose callback asked for no more objects.
var errStop = errors.New("stop")

// walker visits the files under prefix in S3's key order: a folder's
// entries sorted with each subfolder named as its keys begin ("name/"),
// depth first, give the keys in byte order without sorting them all.
type walker struct {
	fsys   fs.FS
	prefix string
	after  string // keys up to this one are passed over
	fn     func([]itemreader.Object) bool
	page   []string
}

func (w *walker) walk(dir string) error {
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(entries))
	for _, e := range entries {
		k := path.Join(dir, e.Name())
		if e.IsDir() {
			k += "/"
		} else if !e.Type().IsRegular() {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !strings.HasPrefix(k, w.prefix) && !strings.HasPrefix(w.prefix, k) {
			continue
		}
		if k <= w.after && !strings.HasPrefix(w.after, k) {
			continue // the folder or file comes before startAfter
		}
		if err := w.visit(k); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) visit(key string) error {
	if strings.HasSuffix(key, "/") {
		return w.walk(strings.TrimSuffix(key, "/"))
	}
	if !strings.HasPrefix(key, w.prefix) || key <= w.after {
		return nil
	}
	w.page = append(w.page, key)
	if len(w.page) < 1000 {
		return nil
	}
	return w.flush()
}

// flush hands the page to the callback.
func (w *walker) flush() error {
	if len(w.page) == 0 {
		return nil
	}
	objs, err := describe(w.fsys, w.page)
	if err != nil {
		return err
	}
	w.page = w.page[:0]
	if !w.fn(objs) {
		return errStop
	}
	return nil
}

func describe(fsys fs.FS, keys []string) ([]itemreader.Object, error) {
	objs := make([]itemreader.Object, len(keys))
	for i, k := range keys {
		info, err := fs.Stat(fsys, k)
		if err != nil {
			return nil, err
		}
		sum, err := md5sum(fsys, k)
		if err != nil {
			return nil, err
		}
		objs[i] = itemreader.Object{Key: k, ETag: `"` + sum + `"`, LastModified: info.ModTime().UTC(), Size: info.Size(), StorageClass: "STANDARD"}
	}
	return objs, nil
}

func md5sum(fsys fs.FS, key string) (string, error) {
	f, err := fsys.Open(key)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

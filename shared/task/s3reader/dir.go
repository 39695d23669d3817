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

// Get opens the object's file; keys cannot leave their bucket's folder.
func (d Dir) Get(_ context.Context, bucket, key, version string) (io.ReadCloser, error) {
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
	return f, nil
}

// List lists the files under prefix in key order, as ListObjectsV2 does:
// their ETag is the MD5 of their content, as S3 gives a simple upload's.
func (d Dir) List(_ context.Context, bucket, prefix string, fn func([]itemreader.Object) bool) error {
	b, err := d.bucket(bucket)
	if err != nil {
		return err
	}
	defer b.Close()
	keys, err := listKeys(b.FS(), prefix)
	if err != nil {
		return err
	}
	const page = 1000
	for start := 0; start < len(keys); start += page {
		objs, err := describe(b.FS(), keys[start:min(start+page, len(keys))])
		if err != nil {
			return err
		}
		if !fn(objs) {
			return nil
		}
	}
	return nil
}

func (d Dir) bucket(name string) (*os.Root, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return nil, fmt.Errorf("InvalidBucketName: %q", name)
	}
	r, err := os.OpenRoot(d.root + string(os.PathSeparator) + name)
	if err != nil {
		return nil, fmt.Errorf("NoSuchBucket: The specified bucket does not exist (no folder %s in %s)", name, d.root)
	}
	return r, nil
}

// listKeys walks from the deepest folder the prefix names and keeps the
// files whose key starts with prefix, sorted as S3 sorts keys.
func listKeys(fsys fs.FS, prefix string) ([]string, error) {
	start := "."
	if i := strings.LastIndex(prefix, "/"); i > 0 {
		start = path.Clean(prefix[:i])
	}
	var keys []string
	err := fs.WalkDir(fsys, start, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if e.Type().IsRegular() && strings.HasPrefix(p, prefix) {
			keys = append(keys, p)
		}
		return nil
	})
	sort.Strings(keys)
	return keys, err
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

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
	"strconv"

	"github.com/stepwise/stepwise/shared/resultwriter"
)

// CreateUpload starts a multipart upload: its parts are files in a folder
// of their own until CompleteUpload joins them.
func (d Dir) CreateUpload(_ context.Context, bucket, key string) (string, error) {
	r, _, err := d.target(bucket, key)
	if err != nil {
		return "", err
	}
	defer r.Close()
	id := newID()
	return id, r.Mkdir(path.Join(uploads, id), 0o755)
}

// UploadPart stores part n; sending it again replaces it, as in S3.
func (d Dir) UploadPart(_ context.Context, bucket, key, id string, n int, body []byte) (string, error) {
	r, err := d.upload(id)
	if err != nil {
		return "", err
	}
	defer r.Close()
	if err := r.WriteFile(partName(id, n), body, 0o644); err != nil {
		return "", fmt.Errorf("write part %d of %s: %w", n, key, err)
	}
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`, nil
}

// CompleteUpload joins the listed parts, in order, into the object.
func (d Dir) CompleteUpload(_ context.Context, bucket, key, id string, parts []resultwriter.Part) error {
	r, name, err := d.target(bucket, key)
	if err != nil {
		return err
	}
	defer r.Close()
	if _, err := r.Stat(path.Join(uploads, id)); err != nil || !validID(id) {
		return errNoUpload
	}
	joined := path.Join(uploads, id, "object")
	if err := join(r, joined, id, parts); err != nil {
		return fmt.Errorf("complete %s: %w", key, err)
	}
	if err := r.Rename(joined, name); err != nil {
		return fmt.Errorf("complete %s: %w", key, err)
	}
	return r.RemoveAll(path.Join(uploads, id))
}

func join(r *os.Root, dst, id string, parts []resultwriter.Part) error {
	out, err := r.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	for i, p := range parts {
		if p.PartNumber != i+1 && (i == 0 || p.PartNumber <= parts[i-1].PartNumber) {
			return errors.New("InvalidPartOrder: The list of parts was not in ascending order")
		}
		in, err := r.Open(partName(id, p.PartNumber))
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("InvalidPart: part " + strconv.Itoa(p.PartNumber) + " was not uploaded")
		}
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if err != nil {
			return err
		}
	}
	return out.Close()
}

// AbortUpload drops an upload's parts.
func (d Dir) AbortUpload(_ context.Context, _, _, id string) error {
	r, err := d.upload(id)
	if err != nil {
		return err
	}
	defer r.Close()
	return r.RemoveAll(path.Join(uploads, id))
}

// upload opens the folder above the buckets, checking that upload id exists.
func (d Dir) upload(id string) (*os.Root, error) {
	if !validID(id) {
		return nil, errNoUpload
	}
	r, err := os.OpenRoot(d.root)
	if err != nil {
		return nil, err
	}
	if _, err := r.Stat(path.Join(uploads, id)); err != nil {
		r.Close()
		return nil, errNoUpload
	}
	return r, nil
}

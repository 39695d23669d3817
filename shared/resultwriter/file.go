package resultwriter

import (
	"strconv"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// File is a written result file as the manifest lists it.
type File struct {
	Key  string
	Size int64
}

// files streams the result files of one kind (SUCCEEDED, FAILED or
// PENDING): entries are appended to the current file, whose bytes go out in
// parts of w.partBytes, and a file that would pass w.maxFile is closed and
// the next one (_1, _2, …) started.
type files struct {
	w      *writer
	kind   string
	n      int   // index of the current file
	open   bool  // the current file has entries
	size   int64 // bytes of the current file, flushed or not
	buf    []byte
	upload string
	parts  []Part
	done   []File
}

func (f *files) key() string {
	ext := ".json"
	if f.w.jsonl {
		ext = ".jsonl"
	}
	return f.w.base + f.kind + "_" + strconv.Itoa(f.n) + ext
}

// add appends one entry.
func (f *files) add(v jsonval.Value) error {
	entry := jsonval.Marshal(v)
	if f.open && f.size+int64(len(entry))+2 > f.w.maxFile {
		if err := f.close(); err != nil {
			return err
		}
		f.n++
	}
	switch {
	case f.w.jsonl:
	case f.open:
		f.write([]byte{','})
	default:
		f.write([]byte{'['})
	}
	f.open = true
	f.write(entry)
	if f.w.jsonl {
		f.write([]byte{'\n'})
	}
	if len(f.buf) >= f.w.partBytes {
		return f.flushPart()
	}
	return nil
}

func (f *files) write(b []byte) {
	f.buf = append(f.buf, b...)
	f.size += int64(len(b))
}

// flushPart uploads the buffered bytes as the next part.
func (f *files) flushPart() error {
	if f.upload == "" {
		id, err := f.w.create(f.key())
		if err != nil {
			return err
		}
		f.upload = id
	}
	n := len(f.parts) + 1
	etag, err := f.w.part(f.key(), f.upload, n, f.buf)
	if err != nil {
		f.drop()
		return err
	}
	f.parts = append(f.parts, Part{PartNumber: n, ETag: etag})
	f.buf = f.buf[:0]
	return nil
}

// close finishes the current file, if it has entries.
func (f *files) close() error {
	if !f.open {
		return nil
	}
	if !f.w.jsonl {
		f.write([]byte{']'})
	}
	var err error
	if f.upload == "" {
		err = f.w.put(f.key(), f.buf)
	} else if err = f.flushPart(); err == nil {
		err = f.w.complete(f.key(), f.upload, f.parts)
	}
	if err != nil {
		f.drop()
		return err
	}
	f.done = append(f.done, File{Key: f.key(), Size: f.size})
	f.open, f.size, f.buf, f.upload, f.parts = false, 0, f.buf[:0], "", nil
	return nil
}

// drop aborts the current file's upload, if one is open: a failed write
// leaves no parts behind (S3 would keep, and bill, them).
func (f *files) drop() {
	if f.upload != "" {
		f.w.abort(f.key(), f.upload)
		f.upload, f.parts = "", nil
	}
}

// refs lists files for the manifest.
func refs(files []File) []any {
	out := make([]any, len(files))
	for i, r := range files {
		o := jsonval.NewObject(2)
		o.Set("Key", r.Key)
		o.Set("Size", jsonval.NumberFromInt(r.Size))
		out[i] = o
	}
	return out
}

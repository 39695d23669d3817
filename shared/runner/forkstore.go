package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"

	"github.com/stepwise/stepwise/shared/interp"
)

// chunkSize is how many children or results share one payload item.
const chunkSize = 100

// chunkKey names a chunk of a fork; the parent frame and its version (in
// fs.ChunkKey) make it unique per fork, and the content is deterministic,
// so writing it again is harmless. Keys are derived rather than listed, so
// that the state does not grow with the item count.
func chunkKey(fs *forkState, what string, chunk int) string {
	return fs.ChunkKey + what + "#" + strconv.Itoa(chunk)
}

// childChunkKey is the key of children chunk c (listed in records written
// before keys were derived).
func childChunkKey(fs *forkState, c int) string {
	if len(fs.ChildChunks) > 0 {
		return fs.ChildChunks[c]
	}
	if fs.Paged {
		return pagedChunkKey(fs, c, min(chunkSize, fs.Total-c*chunkSize))
	}
	return chunkKey(fs, "children", c)
}

// storeChildren keeps the children inline, or in payload chunks for a
// large fork. Children are encoded a chunk at a time, so that a map run of
// many items holds one chunk's encoding, not a second copy of every item.
func (t *tx) storeChildren(ctx context.Context, parent *frame, children []interp.Child) error {
	fs := parent.Fork
	if len(children) <= chunkSize && !fs.Paged {
		fs.Inline = encodeChildren(children)
		return nil
	}
	if fs.ChunkKey == "" {
		fs.ChunkKey = "fork#" + t.ex.ARN + "#" + parent.ID + "@" + strconv.FormatInt(parent.Version, 10) + "#"
	}
	for len(children) > 0 {
		first := children[0].Index
		c, at := first/chunkSize, first%chunkSize
		n := min(len(children), chunkSize-at)
		chunk, err := t.chunkStart(ctx, fs, c, at)
		if err != nil {
			return err
		}
		chunk = append(chunk, encodeChildren(children[:n])...)
		if err := t.putChunk(ctx, fs, c, chunk); err != nil {
			return fmt.Errorf("store children of %s: %w", parent.ID, err)
		}
		children = children[n:]
	}
	return nil
}

// chunkStart is the first at children of chunk c, stored by an earlier
// page of a paged fork (none when at is 0).
func (t *tx) chunkStart(ctx context.Context, fs *forkState, c, at int) ([]childJSON, error) {
	if at == 0 {
		return nil, nil
	}
	prev, err := t.child(ctx, fs, c*chunkSize+at-1) // loads the chunk
	if err != nil {
		return nil, err
	}
	chunk := t.chunks[childChunkKey(fs, c)]
	if len(chunk) != at || prev.Index != c*chunkSize+at-1 {
		return nil, fmt.Errorf("children chunk %d holds %d children, not %d", c, len(chunk), at)
	}
	return append([]childJSON(nil), chunk...), nil
}

// putChunk stores children chunk c; a paged fork's is kept for the
// transaction, which starts its children next.
func (t *tx) putChunk(ctx context.Context, fs *forkState, c int, chunk []childJSON) error {
	data, err := json.Marshal(chunk)
	if err != nil {
		return fmt.Errorf("encode children: %w", err)
	}
	key := chunkKey(fs, "children", c)
	if fs.Paged {
		key = pagedChunkKey(fs, c, len(chunk))
	}
	if err := t.r.opts.Store.PutPayload(ctx, key, data); err != nil {
		return err
	}
	if !fs.Paged {
		return nil
	}
	if t.chunks == nil {
		t.chunks = map[string][]childJSON{}
	}
	t.chunks[key] = chunk
	return nil
}

// encodeChildren is the stored form of children; their shared outer
// variables are kept once, in the fork (forkState.Outer).
func encodeChildren(children []interp.Child) []childJSON {
	out := make([]childJSON, len(children))
	for i, c := range children {
		rec := c.Record
		rec.Vars.Outer = nil
		out[i] = childJSON{
			Rec: encodeRecord(rec), Index: c.Index, StartEvent: c.StartEvent,
			Success: c.SuccessEvent, Fail: c.FailEvent, MapName: c.MapName, Items: c.Items,
		}
	}
	return out
}

// child returns child i of the fork, reading its chunk when stored apart.
func (t *tx) child(ctx context.Context, fs *forkState, i int) (childJSON, error) {
	if fs.Inline != nil {
		return fs.Inline[i], nil
	}
	key := childChunkKey(fs, i/chunkSize)
	chunk, ok := t.chunks[key]
	if !ok {
		data, err := t.r.payload(ctx, key)
		if err != nil {
			return childJSON{}, fmt.Errorf("load children chunk %s: %w", key, err)
		}
		if err := json.Unmarshal(data, &chunk); err != nil {
			return childJSON{}, fmt.Errorf("decode children chunk %s: %w", key, err)
		}
		if t.chunks == nil {
			t.chunks = map[string][]childJSON{}
		}
		t.chunks[key] = chunk
	}
	return chunk[i%chunkSize], nil
}

// addResult records child i's result and moves a completed chunk of
// results of a large fork to a payload item.
func (t *tx) addResult(ctx context.Context, parent *frame, i int, r resultJSON) error {
	fs := parent.Fork
	if fs.Results == nil {
		fs.Results = map[int]resultJSON{}
	}
	fs.Results[i] = r
	if fs.Total <= chunkSize {
		return nil
	}
	c := i / chunkSize
	lo, hi := c*chunkSize, min((c+1)*chunkSize, fs.Total)
	for j := lo; j < hi; j++ {
		if _, ok := fs.Results[j]; !ok {
			return nil
		}
	}
	chunk := make([]resultJSON, 0, hi-lo)
	for j := lo; j < hi; j++ {
		chunk = append(chunk, fs.Results[j])
	}
	data, err := json.Marshal(chunk)
	if err != nil {
		return fmt.Errorf("encode results: %w", err)
	}
	key := chunkKey(fs, "results", c)
	if err := t.r.opts.Store.PutPayload(ctx, key, data); err != nil {
		return fmt.Errorf("store results of %s: %w", parent.ID, err)
	}
	for j := lo; j < hi; j++ {
		delete(fs.Results, j)
	}
	fs.ResultBits.set(c)
	return nil
}

// collect assembles every child's result in order; a child that never ran
// (the fork failed fast) has a zero result.
func (t *tx) collect(ctx context.Context, fs *forkState) ([]interp.ChildResult, error) {
	out := make([]interp.ChildResult, fs.Total)
	set := func(i int, r resultJSON) {
		out[i] = interp.ChildResult{Failed: r.Failed, Output: r.Output.V, Error: r.Error, Cause: r.Cause}
	}
	keys := maps.Clone(fs.ResultChunks) // records written before keys were derived
	if keys == nil {
		keys = map[int]string{}
	}
	for c := range fs.ResultBits.all() {
		keys[c] = chunkKey(fs, "results", c)
	}
	for c, key := range keys {
		data, err := t.r.opts.Store.GetPayload(ctx, key)
		if err != nil {
			return nil, fmt.Errorf("load results chunk %s: %w", key, err)
		}
		var chunk []resultJSON
		if err := json.Unmarshal(data, &chunk); err != nil {
			return nil, fmt.Errorf("decode results chunk %s: %w", key, err)
		}
		for j, r := range chunk {
			set(c*chunkSize+j, r)
		}
	}
	for i, r := range fs.Results {
		set(i, r)
	}
	return out, nil
}

// stashLimit is the encoded size beyond which a stashed frame's record
// moves to a payload item.
const stashLimit = 4 << 10

// stash moves a frame's large record to a payload item (named by its
// content, so a retried commit writes the same item), keeping the fields
// read while it is away (its place in the history). Frames waiting for
// their children are stashed, and any frame of a step that spills (see
// tx.encode); step and join restore the record.
func (t *tx) stash(ctx context.Context, f *frame) error {
	data, err := json.Marshal(encodeRecord(f.Rec))
	if err != nil {
		return fmt.Errorf("encode record of %s: %w", f.ID, err)
	}
	if len(data) <= stashLimit {
		return nil
	}
	key := contentKey("rec#", data)
	if err := t.r.opts.Store.PutPayload(ctx, key, data); err != nil {
		return fmt.Errorf("stash record of %s: %w", f.ID, err)
	}
	f.RecKey = key
	f.Rec = interp.Record{Machine: f.Rec.Machine, State: f.Rec.State, EnteredEventID: f.Rec.EnteredEventID,
		LastEventID: f.Rec.LastEventID, EnteredTime: f.Rec.EnteredTime, Phase: f.Rec.Phase}
	return nil
}

// unstash restores a stashed record.
func (t *tx) unstash(ctx context.Context, f *frame) error {
	if f.RecKey == "" {
		return nil
	}
	data, err := t.r.payload(ctx, f.RecKey)
	if err != nil {
		return fmt.Errorf("load record of %s: %w", f.ID, err)
	}
	var j recordJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("decode record of %s: %w", f.ID, err)
	}
	f.Rec, f.RecKey = decodeRecord(&j), ""
	return nil
}

package runner

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
)

// execState is the runner's state of one execution, stored as the
// execution record's opaque State. Every frame (the root, each running
// branch or iteration) lives here, so that one conditional write of the
// record commits a step with contiguous event ids.
type execState struct {
	// DefinitionKey names the definition, stored once as a payload item
	// rather than in every write of the record.
	DefinitionKey string `json:"definitionKey"`
	RoleARN       string `json:"roleArn,omitempty"`
	// Secret keys the UUIDs and task tokens of the execution's steps (see
	// tx.uuids); it never leaves the record.
	Secret   string `json:"secret,omitempty"`
	SMName   string `json:"smName"`
	TestCase string `json:"testCase,omitempty"`
	// ParentToken/ParentPattern: a .sync parent waiting for this execution.
	ParentToken   string `json:"parentToken,omitempty"`
	ParentPattern string `json:"parentPattern,omitempty"`
	// RedriveFrame is the root frame, at the state where a failed, timed
	// out or aborted execution stopped, for RedriveExecution.
	RedriveFrame *frame `json:"redriveFrame,omitempty"`
	// RedriveDate is when the execution was last redriven: its
	// definition's TimeoutSeconds runs from then.
	RedriveDate time.Time         `json:"redriveDate,omitzero"`
	Frames      map[string]*frame `json:"frames"`
	// NextFrame numbers child frames so that a retried fork never reuses
	// an id (stale messages of the earlier attempt then find no frame).
	NextFrame int `json:"nextFrame"`
	// Outboxes are the messages of recent commits, newest last, one per
	// trigger. Each is sent right after its commit; a redelivered trigger
	// sends its outbox again, which is harmless when already done.
	Outboxes []*outbox `json:"outboxes,omitempty"`
	// Pending are the newest history events, committed with the record and
	// not yet written as history items: they are written in batches (see
	// pendingDue), which saves a write per step.
	Pending []eventJSON `json:"pending,omitempty"`
	// MapRuns are the runs of the execution's Distributed Maps.
	MapRuns []*mapRun `json:"mapRuns,omitempty"`
}

// frame is one running interpreter frame.
type frame struct {
	ID      string        `json:"id"`
	Parent  string        `json:"parent,omitempty"`
	Index   int           `json:"index"`
	Version int64         `json:"version"`
	Rec     interp.Record `json:"-"`
	RecJSON *recordJSON   `json:"rec"`
	// RecKey names the payload item that holds Rec while the frame waits
	// for its children, when Rec is large (a big Map's input): Rec then
	// keeps only its small fields, and steps do not rewrite the rest.
	RecKey string `json:"recKey,omitempty"`

	// Waiting for a callback (.waitForTaskToken): the token, and the
	// deadlines enforced by timer messages.
	Token        string    `json:"token,omitempty"`
	TaskDeadline time.Time `json:"taskDeadline,omitzero"`
	HeartbeatDue time.Time `json:"heartbeatDue,omitzero"`
	HeartbeatSec int64     `json:"heartbeatSec,omitempty"`
	// Child is the execution a .sync nested start waits for.
	Child string `json:"child,omitempty"`
	// MapChild: the frame stands for a child execution of a map run
	// (Child), and ends with it.
	MapChild bool `json:"mapChild,omitempty"`
	// Items is how many items the map run child processes.
	Items int `json:"items,omitempty"`
	// Job is the job a .sync service task polls (see jobs.go).
	Job *jobState `json:"job,omitempty"`

	// Fork bookkeeping on a parent frame.
	Fork *forkState `json:"fork,omitempty"`

	// Child events (Map iterations) recorded when it ends.
	ChildEvents *childEvents `json:"childEvents,omitempty"`

	// Redo: the frame's inline fork failed, and a redrive resumes it (see
	// redrivefork.go); kept while the frame fails with it.
	Redo *redo `json:"redo,omitempty"`
}

type childEvents struct {
	Success string `json:"success"`
	Fail    string `json:"fail"`
	MapName string `json:"mapName"`
}

// forkState tracks a Parallel's branches or a Map's iterations. Children
// not yet started and results not yet collected are kept in chunks of
// chunkSize: small forks inline, large ones as payload items, so that a
// step of a 10,000-item Map re-encodes a bounded state.
type forkState struct {
	Total     int `json:"total"`
	Next      int `json:"next"` // index of the next child to start
	Running   int `json:"running"`
	Failed    int `json:"failed"`
	MaxConc   int `json:"maxConc"`
	Tolerated int `json:"tolerated"`
	// Joining: the children are over and the parent's step joins them
	// (see joinSoon).
	Joining bool `json:"joining,omitempty"`
	// MapRun is the ARN of a Distributed Map's run: its children are
	// child executions (see mapchild.go).
	MapRun string `json:"mapRun,omitempty"`
	// Slots are a map run's running children: item index to item count.
	Slots slotSet `json:"slots,omitempty"`
	// Unfinished marks the children (a map run's items, an inline fork's
	// branches or iterations) that failed or were stopped or never started
	// (see mapredrive.go, redrivefork.go); Redo, in a redriven fork, the
	// children that run again.
	Unfinished bitset `json:"unfinished,omitempty"`
	Redo       bitset `json:"redo,omitempty"`
	// Resume, in an inline fork, is where each child that did not succeed
	// picks up on a redrive (see redrivefork.go); ResumeBytes their size.
	Resume      map[int]*redo `json:"resume,omitempty"`
	ResumeBytes int           `json:"resumeBytes,omitempty"`
	// RedoEnd ends the items Redo marks: later ones were read after the
	// run stopped, and run.
	RedoEnd int `json:"redoEnd,omitempty"`
	// Reader is the rest of a map run's paged read (see mappages.go);
	// Unread keeps it when the run stopped before the end of its items.
	Reader *readerJSON `json:"reader,omitempty"`
	Unread *readerJSON `json:"unread,omitempty"`
	// Paged: the children were stored page by page (see pagedChunkKey).
	Paged bool `json:"paged,omitempty"`
	// Failure stopped the run while it read its items.
	Failure *resultJSON `json:"failure,omitempty"`
	// Inline holds every child when the fork is small.
	Inline []childJSON `json:"inline,omitempty"`
	// ChunkKey starts the payload keys of the fork's chunks (see chunkKey).
	ChunkKey string `json:"chunkKey,omitempty"`
	// ChildChunks are payload keys of chunkSize children each, in records
	// written before chunk keys were derived from ChunkKey.
	ChildChunks []string `json:"childChunks,omitempty"`
	// Results not yet moved to a result chunk, by child index.
	Results map[int]resultJSON `json:"results,omitempty"`
	// ResultBits marks the chunks of results stored as payload items.
	ResultBits bitset `json:"resultBits,omitempty"`
	// ResultChunks are payload keys of complete result chunks, by chunk,
	// in records written before chunk keys were derived.
	ResultChunks map[int]string `json:"resultChunks,omitempty"`
	// Outer are the variables every child inherits, kept once rather than
	// in each child.
	Outer map[string]jv `json:"outer,omitempty"`
}

type childJSON struct {
	Rec        *recordJSON `json:"rec"`
	Index      int         `json:"index"`
	StartEvent string      `json:"startEvent,omitempty"`
	Success    string      `json:"success,omitempty"`
	Fail       string      `json:"fail,omitempty"`
	MapName    string      `json:"mapName,omitempty"`
	// Items is how many items a map run's child processes.
	Items int `json:"items,omitempty"`
}

type resultJSON struct {
	Set    bool   `json:"set,omitempty"`
	Failed bool   `json:"failed,omitempty"`
	Output jv     `json:"output"`
	Error  string `json:"error,omitempty"`
	Cause  string `json:"cause,omitempty"`
}

// outbox is what a commit still has to send after it succeeded.
type outbox struct {
	// Key is the trigger of the commit: "<frame>@<version>/<kind>".
	Key      string       `json:"key"`
	Messages []outMessage `json:"messages,omitempty"`
	// Stopping are the .sync jobs the commit abandoned (see noteAbandoned).
	Stopping []*jobState `json:"stopping,omitempty"`
}

type outMessage struct {
	Message queue.Message `json:"m"`
	Delay   time.Duration `json:"d"`
}

// jv wraps a JSON value so that it encodes with jsonval (order, exact numbers).
type jv struct{ V jsonval.Value }

func (v jv) MarshalJSON() ([]byte, error) { return jsonval.Marshal(v.V), nil }

func (v *jv) UnmarshalJSON(b []byte) error {
	x, err := jsonval.Decode(b)
	if err != nil {
		return err
	}
	v.V = x
	return nil
}

// recordJSON is the stored form of interp.Record.
type recordJSON struct {
	Machine        string        `json:"machine,omitempty"`
	State          string        `json:"state"`
	Input          jv            `json:"input"`
	Outer          map[string]jv `json:"outer,omitempty"`
	Local          map[string]jv `json:"local,omitempty"`
	EnteredEventID int64         `json:"entered,omitempty"`
	LastEventID    int64         `json:"last,omitempty"`
	EnteredTime    time.Time     `json:"enteredTime,omitzero"`
	Phase          interp.Phase  `json:"phase,omitempty"`
	Attempt        int           `json:"attempt,omitempty"`
	Retries        []int         `json:"retries,omitempty"`
	TaskInput      *jv           `json:"taskInput,omitempty"`
	TaskToken      string        `json:"taskToken,omitempty"`
	MapIndex       *int          `json:"mapIndex,omitempty"`
	MapValue       *jv           `json:"mapValue,omitempty"`
}

func wrapVars(m map[string]jsonval.Value) map[string]jv {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]jv, len(m))
	for k, v := range m {
		out[k] = jv{v}
	}
	return out
}

func unwrapVars(m map[string]jv) map[string]jsonval.Value {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]jsonval.Value, len(m))
	for k, v := range m {
		out[k] = v.V
	}
	return out
}

func encodeRecord(r interp.Record) *recordJSON {
	j := &recordJSON{
		Machine: r.Machine, State: r.State, Input: jv{r.Input},
		Outer: wrapVars(r.Vars.Outer), Local: wrapVars(r.Vars.Local),
		EnteredEventID: r.EnteredEventID, LastEventID: r.LastEventID, EnteredTime: r.EnteredTime,
		Phase: r.Phase, Attempt: r.Attempt, Retries: r.Retries, TaskToken: r.TaskToken,
	}
	if r.TaskInput != nil {
		j.TaskInput = &jv{r.TaskInput}
	}
	if r.MapItem != nil {
		idx := r.MapItem.Index
		j.MapIndex, j.MapValue = &idx, &jv{r.MapItem.Value}
	}
	return j
}

func decodeRecord(j *recordJSON) interp.Record {
	r := interp.Record{
		Machine: j.Machine, State: j.State, Input: j.Input.V,
		Vars:           interp.Vars{Outer: unwrapVars(j.Outer), Local: unwrapVars(j.Local)},
		EnteredEventID: j.EnteredEventID, LastEventID: j.LastEventID, EnteredTime: j.EnteredTime,
		Phase: j.Phase, Attempt: j.Attempt, Retries: j.Retries, TaskToken: j.TaskToken,
	}
	if j.TaskInput != nil {
		r.TaskInput = j.TaskInput.V
	}
	if j.MapIndex != nil && j.MapValue != nil {
		r.MapItem = &interp.MapItem{Index: *j.MapIndex, Value: j.MapValue.V}
	}
	return r
}

// eventJSON is the stored form of a history event, kept compact because
// pending events are rewritten with the record at every step: the time in
// Unix milliseconds (the precision AWS reports), the previous event as
// its distance back, left out when it is the event just before.
type eventJSON struct {
	ID      int64  `json:"id"`
	Back    int64  `json:"b,omitempty"`
	Time    int64  `json:"t"`
	Type    string `json:"type,omitempty"`
	Details *jv    `json:"details,omitempty"`
	// Spill, on a pending entry, names a payload item that holds N events
	// from ID on: a step whose events were too large to carry in the
	// record (see tx.spill).
	Spill string `json:"spill,omitempty"`
	N     int    `json:"n,omitempty"`
}

func encodeEvents(evs []history.Event) []eventJSON {
	out := make([]eventJSON, len(evs))
	for i, e := range evs {
		out[i] = eventJSON{ID: e.ID, Time: e.Timestamp.UnixMilli(), Type: e.Type}
		if back := e.ID - e.PreviousEventID; back != 1 {
			out[i].Back = back
		}
		if d := e.JSON(); d != nil {
			if v, ok := d.Get(history.DetailsKey(e.Type)); ok {
				out[i].Details = &jv{v}
			}
		}
	}
	return out
}

func decodeEvents(in []eventJSON) []history.Event {
	out := make([]history.Event, len(in))
	for i, e := range in {
		var kv []any
		if e.Details != nil {
			if o, ok := e.Details.V.(*jsonval.Object); ok {
				o.Range(func(k string, v jsonval.Value) bool {
					kv = append(kv, k, v)
					return true
				})
			}
		}
		ev := history.New(e.Type, kv...)
		back := e.Back
		if back == 0 {
			back = 1
		}
		ev.ID, ev.PreviousEventID, ev.Timestamp = e.ID, e.ID-back, time.UnixMilli(e.Time).UTC()
		out[i] = ev
	}
	return out
}

func encodeState(s *execState) ([]byte, error) {
	for _, f := range s.Frames {
		f.RecJSON = encodeRecord(f.Rec)
	}
	if s.RedriveFrame != nil {
		s.RedriveFrame.RecJSON = encodeRecord(s.RedriveFrame.Rec)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encode execution state: %w", err)
	}
	return b, nil
}

func decodeState(b []byte) (*execState, error) {
	s := &execState{}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("decode execution state: %w", err)
	}
	if s.Frames == nil {
		s.Frames = map[string]*frame{}
	}
	for _, f := range s.Frames {
		if f.RecJSON != nil {
			f.Rec = decodeRecord(f.RecJSON)
		}
	}
	if f := s.RedriveFrame; f != nil && f.RecJSON != nil {
		f.Rec = decodeRecord(f.RecJSON)
	}
	return s, nil
}

package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
)

// sampleEvents returns events with ids from..to of a small execution.
func sampleEvents(from, to int64) []history.Event {
	var out []history.Event
	for id := from; id <= to; id++ {
		var e history.Event
		switch id % 3 {
		case 1:
			e = history.New(history.ExecutionStarted, "input", history.Payload{Value: jsonval.MustDecode(`{"b":1,"a":[1.50,"x"]}`)}, "roleArn", roleARN)
		case 2:
			e = history.Entered(history.StateEntered("Pass"), fmt.Sprintf("S%d", id), jsonval.MustDecode(`{"z":null,"y":true}`))
		default:
			e = history.Exited(history.StateExited("Pass"), fmt.Sprintf("S%d", id), jsonval.MustDecode(`"out"`))
		}
		e.ID, e.PreviousEventID, e.Timestamp = id, id-1, at(int(id))
		out = append(out, e)
	}
	return out
}

// eventTexts renders events in the GetExecutionHistory shape, which is what
// the store must preserve.
func eventTexts(es []history.Event) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = jsonval.String(e.JSON())
	}
	return out
}

var eventTests = map[string]func(t *testing.T, s store.Store){
	"PutGetRanges": func(t *testing.T, s store.Store) {
		ex := execARN("sm", "e1")
		mustNil(t, s.PutEvents(ctx(), ex, sampleEvents(1, 4)), "put 1-4")
		mustNil(t, s.PutEvents(ctx(), ex, sampleEvents(5, 7)), "put 5-7")
		mustNil(t, s.PutEvents(ctx(), execARN("sm", "e2"), sampleEvents(1, 9)), "put other")
		cases := []struct{ from, to, wantFrom, wantTo int64 }{
			{1, 7, 1, 7}, {1, 100, 1, 7}, {3, 5, 3, 5}, {6, 6, 6, 6}, {8, 20, 1, 0}, {0, 2, 1, 2},
		}
		for _, c := range cases {
			got, err := s.GetEvents(ctx(), ex, c.from, c.to)
			mustNil(t, err, fmt.Sprintf("get [%d,%d]", c.from, c.to))
			want := sampleEvents(c.wantFrom, c.wantTo)
			sameSeq(t, fmt.Sprintf("range [%d,%d]", c.from, c.to), eventTexts(got), eventTexts(want))
		}
	},
	"PutIdempotent": func(t *testing.T, s store.Store) {
		ex := execARN("sm", "e1")
		mustNil(t, s.PutEvents(ctx(), ex, sampleEvents(1, 5)), "put")
		mustNil(t, s.PutEvents(ctx(), ex, sampleEvents(3, 5)), "re-put 3-5")
		mustNil(t, s.PutEvents(ctx(), ex, sampleEvents(1, 5)), "re-put all")
		got, err := s.GetEvents(ctx(), ex, 1, 10)
		mustNil(t, err, "get")
		sameSeq(t, "after repeated puts", eventTexts(got), eventTexts(sampleEvents(1, 5)))
	},
	"PutEmpty": func(t *testing.T, s store.Store) {
		mustNil(t, s.PutEvents(ctx(), execARN("sm", "e1"), nil), "put nothing")
	},
	"GetAbsent": func(t *testing.T, s store.Store) {
		got, err := s.GetEvents(ctx(), execARN("sm", "none"), 1, 10)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("get events of unknown execution: %v", err)
		}
		if len(got) != 0 {
			t.Fatalf("got %d events for unknown execution", len(got))
		}
	},
	"ManyEvents": func(t *testing.T, s store.Store) {
		ex := execARN("sm", "big")
		all := sampleEvents(1, 250)
		for i := 0; i < len(all); i += 25 {
			mustNil(t, s.PutEvents(ctx(), ex, all[i:i+25]), "put batch")
		}
		got, err := s.GetEvents(ctx(), ex, 1, 250)
		mustNil(t, err, "get all")
		sameSeq(t, "250 events", eventTexts(got), eventTexts(all))
	},
}

var payloadTests = map[string]func(t *testing.T, s store.Store){
	"PutGet": func(t *testing.T, s store.Store) {
		data := []byte(`{"big":"` + strings.Repeat("x", 64<<10) + `"}`)
		mustNil(t, s.PutPayload(ctx(), "sha256:abc", data), "put")
		mustNil(t, s.PutPayload(ctx(), "sha256:abc", data), "put again (idempotent)")
		got, err := s.GetPayload(ctx(), "sha256:abc")
		mustNil(t, err, "get")
		if !bytes.Equal(got, data) {
			t.Fatalf("payload changed: %d bytes, want %d", len(got), len(data))
		}
		got[0] = 'X'
		again, _ := s.GetPayload(ctx(), "sha256:abc")
		if !bytes.Equal(again, data) {
			t.Fatal("store aliased a returned payload")
		}
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetPayload(ctx(), "sha256:none")
		mustIs(t, err, store.ErrNotFound, "get absent payload")
	},
}

var tokenTests = map[string]func(t *testing.T, s store.Store){
	"PutGet": func(t *testing.T, s store.Store) {
		tok := strings.Repeat("AAAA", 64) + "/+=="
		mustNil(t, s.PutToken(ctx(), tok, execARN("sm", "e1")), "put")
		mustNil(t, s.PutToken(ctx(), "t2", execARN("sm", "e2")), "put t2")
		got, err := s.GetToken(ctx(), tok)
		mustNil(t, err, "get")
		if got != execARN("sm", "e1") {
			t.Fatalf("token resolved to %q", got)
		}
		mustNil(t, s.PutToken(ctx(), tok, execARN("sm", "e1")), "put again (idempotent)")
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetToken(ctx(), "no-such-token")
		mustIs(t, err, store.ErrNotFound, "get absent token")
	},
}

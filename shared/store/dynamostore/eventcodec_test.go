package dynamostore

import (
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestEventCodec_RoundTrip(t *testing.T) {
	ts := time.Date(2026, 3, 14, 15, 9, 26, 535_000_001, time.UTC)
	cases := map[string]history.Event{
		"no details": history.New(history.ExecutionSucceeded),
		"payload and plain details": history.New(history.ExecutionStarted,
			"input", history.Payload{Value: jsonval.MustDecode(`{"b":1,"a":[1.50,"x",1e400]}`)},
			"roleArn", "arn:aws:iam::1:role/r"),
		"plain string that looks like JSON": history.New(history.ExecutionFailed, "error", "E", "cause", `{"x":1}`),
		"nested detail object": history.New(history.TaskScheduled,
			"resource", "invoke", "parameters", history.Payload{Value: jsonval.MustDecode(`{"FunctionName":"f"}`)},
			"timeoutInSeconds", jsonval.NumberFromInt(30), "heartbeat", jsonval.MustDecode(`{"deep":{"z":null}}`)),
		"entered":              history.Entered(history.StateEntered("Pass"), "S1", jsonval.MustDecode(`{"z":null,"y":true}`)),
		"entered null input":   history.Entered(history.StateEntered("Task"), "S2", nil),
		"exited string output": history.Exited(history.StateExited("Map"), "S3", "out"),
		"unicode name":         history.Exited(history.StateExited("Pass"), "ステート \u2028", jsonval.MustDecode(`[]`)),
	}
	for name, e := range cases {
		t.Run(name, func(t *testing.T) {
			e.ID, e.PreviousEventID, e.Timestamp = 7, 6, ts
			got, err := decodeEvent(encodeEvent(e))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if g, w := jsonval.String(got.JSON()), jsonval.String(e.JSON()); g != w {
				t.Fatalf("rendered event changed:\n got %s\nwant %s", g, w)
			}
			if !got.Timestamp.Equal(ts) || got.ID != 7 || got.PreviousEventID != 6 {
				t.Fatalf("header changed: %v %d %d", got.Timestamp, got.ID, got.PreviousEventID)
			}
			if got.StateName() != e.StateName() {
				t.Fatalf("StateName %q, want %q", got.StateName(), e.StateName())
			}
			for _, k := range []string{"input", "output", "parameters", "cause"} {
				gv, gok := got.Detail(k)
				wv, wok := e.Detail(k)
				_, gp := gv.(history.Payload)
				_, wp := wv.(history.Payload)
				if gok != wok || gp != wp {
					t.Fatalf("detail %s: got %T (%v), want %T (%v)", k, gv, gok, wv, wok)
				}
			}
		})
	}
}

func TestEventCodec_RejectsGarbage(t *testing.T) {
	for _, b := range []string{``, `[]`, `"x"`, `{"ts":"yesterday"}`, `{`} {
		if _, err := decodeEvent([]byte(b)); err == nil {
			t.Errorf("decodeEvent(%q) succeeded", b)
		}
	}
}

func FuzzDecodeEvent(f *testing.F) {
	e := history.New(history.ExecutionStarted, "input", history.Payload{Value: jsonval.MustDecode(`{"a":1}`)})
	f.Add(encodeEvent(e))
	f.Add(encodeEvent(history.Entered("PassStateEntered", "S", nil)))
	f.Add([]byte(`{"type":"X","d":{"name":1,"input":2},"p":["input",3]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeEvent(b)
		if err != nil {
			return
		}
		_ = got.JSON() // must render without panicking
	})
}

package dynamostore

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Event encoding: a JSON object
//
//	{"type":…, "id":…, "prev":…, "ts":…, "d":{details}, "p":[payload detail names]}
//
// Payload details (history.Payload) are stored as their JSON value, and
// "p" names them so that decoding wraps them again; every other detail is
// stored as it is.

func encodeEvent(e history.Event) []byte {
	o := jsonval.NewObject(6)
	o.Set("type", e.Type)
	o.Set("id", jsonval.NumberFromInt(e.ID))
	o.Set("prev", jsonval.NumberFromInt(e.PreviousEventID))
	o.Set("ts", formatTime(e.Timestamp))
	if d := e.Details(); d != nil {
		plain := jsonval.NewObject(d.Len())
		var payloads []any
		d.Range(func(k string, v jsonval.Value) bool {
			if p, ok := v.(history.Payload); ok {
				v = p.Value
				payloads = append(payloads, k)
			}
			plain.Set(k, v)
			return true
		})
		o.Set("d", plain)
		if len(payloads) > 0 {
			o.Set("p", payloads)
		}
	}
	return jsonval.Marshal(o)
}

var errBadEvent = errors.New("malformed stored event")

func decodeEvent(b []byte) (history.Event, error) {
	v, err := jsonval.Decode(b)
	if err != nil {
		return history.Event{}, fmt.Errorf("decode event: %w", err)
	}
	o, ok := v.(*jsonval.Object)
	if !ok {
		return history.Event{}, errBadEvent
	}
	typ, _ := get[string](o, "type")
	id, _ := get[jsonval.Number](o, "id")
	prev, _ := get[jsonval.Number](o, "prev")
	ts, _ := get[string](o, "ts")
	e := rebuild(typ, o)
	e.ID, _ = id.Int()
	e.PreviousEventID, _ = prev.Int()
	if ts != "" {
		if e.Timestamp, err = time.Parse(timeLayout, ts); err != nil {
			return history.Event{}, fmt.Errorf("decode event timestamp: %w", err)
		}
	}
	return e, nil
}

// rebuild makes the event from its type and details, using the compact
// state-event form when the details are exactly a state event's.
func rebuild(typ string, o *jsonval.Object) history.Event {
	d, _ := get[*jsonval.Object](o, "d")
	if d == nil {
		return history.New(typ)
	}
	isPayload := map[string]bool{}
	if ps, ok := get[[]any](o, "p"); ok {
		for _, p := range ps {
			if s, ok := p.(string); ok {
				isPayload[s] = true
			}
		}
	}
	if e, ok := stateEvent(typ, d, isPayload); ok {
		return e
	}
	kv := make([]any, 0, 2*d.Len())
	d.Range(func(k string, v jsonval.Value) bool {
		if isPayload[k] {
			v = history.Payload{Value: v}
		}
		kv = append(kv, k, v)
		return true
	})
	return history.New(typ, kv...)
}

func stateEvent(typ string, d *jsonval.Object, isPayload map[string]bool) (history.Event, bool) {
	name, ok := get[string](d, "name")
	if !ok || d.Len() != 2 {
		return history.Event{}, false
	}
	switch {
	case strings.HasSuffix(typ, "StateEntered") && isPayload["input"] && d.Has("input"):
		v, _ := d.Get("input")
		return history.Entered(typ, name, v), true
	case strings.HasSuffix(typ, "StateExited") && isPayload["output"] && d.Has("output"):
		v, _ := d.Get("output")
		return history.Exited(typ, name, v), true
	}
	return history.Event{}, false
}

func get[T any](o *jsonval.Object, k string) (T, bool) {
	v, _ := o.Get(k)
	t, ok := v.(T)
	return t, ok
}

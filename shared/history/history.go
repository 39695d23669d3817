// Package history defines execution history events with AWS's event type
// names and detail field names, so that GetExecutionHistory output matches
// Step Functions'.
package history

import (
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Event is one history event. Details holds the type's detail fields
// (input, output, error, cause, name, resource, ...) as AWS names them.
type Event struct {
	ID              int64
	PreviousEventID int64
	Timestamp       time.Time
	Type            string
	Details         *jsonval.Object
}

// New returns an event of type typ with details given as key/value pairs.
// Pairs whose value is nil are skipped, since AWS omits absent details.
func New(typ string, kv ...any) Event {
	var d *jsonval.Object
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			continue
		}
		if d == nil {
			d = jsonval.NewObject(len(kv) / 2)
		}
		d.Set(kv[i].(string), kv[i+1])
	}
	return Event{Type: typ, Details: d}
}

// DetailsKey is the name of the detail member for an event type, e.g.
// "stateEnteredEventDetails" for PassStateEntered.
func DetailsKey(typ string) string {
	switch {
	case strings.HasSuffix(typ, "StateEntered"):
		return "stateEnteredEventDetails"
	case strings.HasSuffix(typ, "StateExited"):
		return "stateExitedEventDetails"
	}
	return strings.ToLower(typ[:1]) + typ[1:] + "EventDetails"
}

// StateName is the state name carried by entered/exited events, or "".
func (e Event) StateName() string {
	if e.Details == nil || !(strings.HasSuffix(e.Type, "StateEntered") || strings.HasSuffix(e.Type, "StateExited")) {
		return ""
	}
	n, _ := e.Details.Get("name")
	s, _ := n.(string)
	return s
}

// Payload is a JSON document that a detail shows as a string (input,
// output, parameters). It is encoded only when the event is rendered, so
// recording history costs no encoding.
type Payload struct{ Value jsonval.Value }

// Text returns the payload's compact encoding.
func (p Payload) Text() string { return jsonval.String(p.Value) }

// JSON renders the event in the shape of GetExecutionHistory.
func (e Event) JSON() *jsonval.Object {
	o := jsonval.NewObject(5)
	o.Set("timestamp", jsonval.NumberFromFloat(float64(e.Timestamp.UnixMilli())/1000))
	o.Set("type", e.Type)
	o.Set("id", jsonval.NumberFromInt(e.ID))
	o.Set("previousEventId", jsonval.NumberFromInt(e.PreviousEventID))
	if e.Details != nil {
		o.Set(DetailsKey(e.Type), renderDetails(e.Details))
	}
	return o
}

// renderDetails encodes the payloads of a detail object.
func renderDetails(d *jsonval.Object) *jsonval.Object {
	out := jsonval.NewObject(d.Len())
	d.Range(func(k string, v jsonval.Value) bool {
		if p, ok := v.(Payload); ok {
			v = p.Text()
		}
		out.Set(k, v)
		return true
	})
	return out
}

// Package history defines execution history events with AWS's event type
// names and detail field names, so that GetExecutionHistory output matches
// Step Functions'.
package history

import (
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Event is one history event. Its detail fields (input, output, error,
// cause, name, resource, ...) are read with Details or Detail, under the
// names AWS gives them.
//
// State entered/exited events, the bulk of any history, keep their two
// details in fixed fields so that recording them allocates nothing; other
// events keep a detail object.
type Event struct {
	ID              int64
	PreviousEventID int64
	Timestamp       time.Time
	Type            string

	kind  kind
	index int32  // iteration index (Map iteration events)
	name  string // state name (state events), Map name (iteration events)
	// payload is the input (entered) or output (exited) of a state event,
	// or the *jsonval.Object of details (or nil) of an event built by New.
	payload jsonval.Value
}

type kind uint8

const (
	kindGeneric kind = iota
	kindEntered
	kindExited
	kindIteration
)

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
	if d == nil {
		return Event{Type: typ}
	}
	return Event{Type: typ, payload: d}
}

// Entered returns a state entered event of type typ (e.g. "PassStateEntered")
// whose details are the state's name and raw input.
func Entered(typ, name string, input jsonval.Value) Event {
	return Event{Type: typ, kind: kindEntered, name: name, payload: input}
}

// Exited returns a state exited event of type typ (e.g. "PassStateExited")
// whose details are the state's name and output.
func Exited(typ, name string, output jsonval.Value) Event {
	return Event{Type: typ, kind: kindExited, name: name, payload: output}
}

// extra is the detail object of an event built by New.
func (e *Event) extra() *jsonval.Object {
	d, _ := e.payload.(*jsonval.Object)
	return d
}

// Iteration returns a Map iteration event of type typ (e.g.
// "MapIterationStarted") whose details are the Map state's name and the
// item's index.
func Iteration(typ, mapName string, index int) Event {
	return Event{Type: typ, kind: kindIteration, name: mapName, index: int32(index)}
}

// payloadKey is the detail name of a state event's payload.
func (e *Event) payloadKey() string {
	if e.kind == kindEntered {
		return "input"
	}
	return "output"
}

// Details returns the event's details, payloads as Payload values, or nil
// when it has none. The object may be shared: do not modify it.
func (e Event) Details() *jsonval.Object {
	if e.kind == kindGeneric {
		return e.extra()
	}
	d := jsonval.NewObject(2)
	switch e.kind {
	case kindIteration:
		d.Set("name", e.name)
		d.Set("index", jsonval.NumberFromInt(int64(e.index)))
	default:
		d.Set("name", e.name)
		d.Set(e.payloadKey(), Payload{Value: e.payload})
	}
	return d
}

// Detail returns the detail named key (a payload as a Payload value).
func (e Event) Detail(key string) (jsonval.Value, bool) {
	switch {
	case e.kind == kindGeneric:
		if d := e.extra(); d != nil {
			return d.Get(key)
		}
		return nil, false
	case key == "name":
		return e.name, true
	case e.kind == kindIteration:
		if key == "index" {
			return jsonval.NumberFromInt(int64(e.index)), true
		}
	case key == e.payloadKey():
		return Payload{Value: e.payload}, true
	}
	return nil, false
}

// DetailsKey is the name of the detail member for an event type, e.g.
// "stateEnteredEventDetails" for PassStateEntered.
func DetailsKey(typ string) string {
	switch {
	case strings.HasSuffix(typ, "StateEntered"):
		return "stateEnteredEventDetails"
	case strings.HasSuffix(typ, "StateExited"):
		return "stateExitedEventDetails"
	case typ == "":
		return "eventDetails"
	}
	return strings.ToLower(typ[:1]) + typ[1:] + "EventDetails"
}

// StateName is the state name carried by entered/exited events, or "".
func (e Event) StateName() string {
	switch e.kind {
	case kindEntered, kindExited:
		return e.name
	case kindIteration:
		return ""
	}
	d := e.extra()
	if d == nil || !(strings.HasSuffix(e.Type, "StateEntered") || strings.HasSuffix(e.Type, "StateExited")) {
		return ""
	}
	n, _ := d.Get("name")
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
	o.Set("previousEventId", jsonval.NumberFromInt(e.wirePrevious()))
	if d := e.Details(); d != nil {
		o.Set(DetailsKey(e.Type), renderDetails(d))
	} else if alwaysDetailed[e.Type] {
		o.Set(DetailsKey(e.Type), jsonval.NewObject(0))
	}
	return o
}

// wirePrevious is the previousEventId AWS reports. AWS links the first
// state entered to 0 rather than to ExecutionStarted (always event 1), and
// an abort, caused by a StopExecution call rather than by an event, to 0.
// Stored ids keep the causal link, which the runner relies on.
func (e Event) wirePrevious() int64 {
	if e.Type == ExecutionAborted || e.PreviousEventID == 1 && strings.HasSuffix(e.Type, "StateEntered") {
		return 0
	}
	return e.PreviousEventID
}

// alwaysDetailed are the event types whose details member AWS sends even
// when empty (e.g. a StopExecution without error or cause).
var alwaysDetailed = map[string]bool{ExecutionAborted: true, ExecutionFailed: true, ExecutionTimedOut: true}

// dataDetails maps a payload detail to the detail that AWS sends beside
// it, telling whether the payload was truncated. Stepwise keeps payloads
// whole (they are bounded by the 256 KiB quota), so it never is.
var dataDetails = map[string]string{"input": "inputDetails", "output": "outputDetails"}

// renderDetails encodes the payloads of a detail object.
func renderDetails(d *jsonval.Object) *jsonval.Object {
	out := jsonval.NewObject(d.Len() + 1)
	d.Range(func(k string, v jsonval.Value) bool {
		p, isPayload := v.(Payload)
		if isPayload {
			v = p.Text()
		}
		out.Set(k, v)
		if name, ok := dataDetails[k]; ok && isPayload && !d.Has(name) {
			truncated := jsonval.NewObject(1)
			truncated.Set("truncated", false)
			out.Set(name, truncated)
		}
		return true
	})
	return out
}

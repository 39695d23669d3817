package graph

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// visit is one entry into a state.
type visit struct {
	name           string
	failed, exited bool
}

// Statuses derives each reached state's status from an execution's history
// events. Every event is attributed, through its previousEventId chain, to
// the state entry it follows, so interleaved Parallel branches and Map
// iterations are told apart. A state entered several times takes its most
// telling status (failed, running, aborted, caught, then succeeded).
func Statuses(events []*jsonval.Object) map[string]Status {
	owner := map[int64]*visit{}
	var visits []*visit
	end := ""
	for _, e := range events {
		typ, id, prev := eventType(e), number(e, "id"), number(e, "previousEventId")
		v := owner[prev]
		switch {
		case strings.HasSuffix(typ, "StateEntered"):
			v = &visit{name: detailName(e, "stateEnteredEventDetails")}
			visits = append(visits, v)
		case strings.HasSuffix(typ, "StateExited"):
			v = exitedVisit(v, visits, detailName(e, "stateExitedEventDetails"))
			if v != nil {
				v.exited = true
			}
		case strings.HasPrefix(typ, "Execution") && typ != "ExecutionStarted":
			end = typ
		case v != nil && isFailure(typ):
			v.failed = true
		case v != nil && isRetry(typ):
			v.failed = false
		}
		owner[id] = v
	}
	out := map[string]Status{}
	for _, v := range visits {
		s := v.status(end)
		if old, ok := out[v.name]; !ok || rank[s] > rank[old] {
			out[v.name] = s
		}
	}
	return out
}

// isRetry reports whether an event starts a (new) attempt of a state, which
// clears an earlier attempt's failure.
func isRetry(typ string) bool {
	return strings.HasSuffix(typ, "Scheduled") || strings.HasSuffix(typ, "StateStarted")
}

// exitedVisit finds the entry a StateExited event closes: the one its
// previousEventId chain leads to, else the latest open entry of that name.
func exitedVisit(v *visit, visits []*visit, name string) *visit {
	if v != nil && v.name == name && !v.exited {
		return v
	}
	for i := len(visits) - 1; i >= 0; i-- {
		if visits[i].name == name && !visits[i].exited {
			return visits[i]
		}
	}
	return nil
}

// status is a state entry's outcome given how the execution ended (empty
// while it runs).
func (v *visit) status(end string) Status {
	switch {
	case v.exited && v.failed:
		return Caught
	case v.exited:
		return Succeeded
	case v.failed:
		return Failed
	case end == "ExecutionAborted":
		return Aborted
	case end == "ExecutionFailed" || end == "ExecutionTimedOut":
		return Failed
	case end == "":
		return Running
	}
	return Succeeded
}

func eventType(e *jsonval.Object) string {
	s, _ := e.Get("type")
	str, _ := s.(string)
	return str
}

func number(e *jsonval.Object, key string) int64 {
	v, _ := e.Get(key)
	f, _ := jsonval.ToFloat(v)
	return int64(f)
}

func detailName(e *jsonval.Object, key string) string {
	d, _ := e.Get(key)
	o, _ := d.(*jsonval.Object)
	if o == nil {
		return ""
	}
	s, _ := o.Get("name")
	str, _ := s.(string)
	return str
}

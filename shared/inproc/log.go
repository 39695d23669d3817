package inproc

import "github.com/stepwise/stepwise/shared/history"

// eventLog is an execution's history in one slice, handed out whole as
// Result.History (no final copy). It grows by doubling: append's 1.25x
// growth of large slices would copy a long history (tens of thousands of
// events, each holding pointers) many more times.
type eventLog struct {
	events []history.Event
}

// Len is the number of events recorded.
func (l *eventLog) Len() int { return len(l.events) }

// tail returns the slice to append to, with room for a step's events;
// after appending, store it back with setTail.
func (l *eventLog) tail() []history.Event {
	const headroom = 16
	if cap(l.events)-len(l.events) < headroom {
		grown := make([]history.Event, len(l.events), max(256, 2*cap(l.events)))
		copy(grown, l.events)
		l.events = grown
	}
	return l.events
}

// setTail stores the appended slice.
func (l *eventLog) setTail(events []history.Event) { l.events = events }

// add appends one event.
func (l *eventLog) add(e history.Event) { l.setTail(append(l.tail(), e)) }

// All returns the whole history.
func (l *eventLog) All() []history.Event { return l.events }

package inproc

import "github.com/stepwise/stepwise/shared/history"

// chunkSize is the capacity of one chunk of the event log.
const chunkSize = 512

// eventLog is an execution's history kept in fixed-size chunks: appending
// never copies earlier events, and All copies each event once at the end.
// A single growing slice copies a long history (tens of thousands of
// events, each holding pointers) several times and allocates more; measured
// on BenchmarkChoiceLoop, chunks are a few percent faster.
type eventLog struct {
	full [][]history.Event // filled chunks, in order
	cur  []history.Event   // the chunk being filled
	n    int               // events in full
}

// Len is the number of events recorded.
func (l *eventLog) Len() int { return l.n + len(l.cur) }

// tail returns the chunk to append to; after appending, store it back
// with setTail.
func (l *eventLog) tail() []history.Event {
	if l.cur == nil {
		l.cur = make([]history.Event, 0, chunkSize)
	}
	return l.cur
}

// setTail stores the appended chunk and seals it once nearly full, so a
// step's events (a handful) rarely spill over a chunk's capacity.
func (l *eventLog) setTail(cur []history.Event) {
	l.cur = cur
	if len(cur) >= chunkSize-16 {
		l.full = append(l.full, cur)
		l.n += len(cur)
		l.cur = nil
	}
}

// add appends one event.
func (l *eventLog) add(e history.Event) {
	l.setTail(append(l.tail(), e))
}

// All returns the whole history as one slice.
func (l *eventLog) All() []history.Event {
	if len(l.full) == 0 {
		return l.cur
	}
	out := make([]history.Event, 0, l.Len())
	for _, c := range l.full {
		out = append(out, c...)
	}
	return append(out, l.cur...)
}

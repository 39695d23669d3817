package inproc

import "github.com/stepwise/stepwise/shared/history"

// chunkSize is the capacity of one chunk of the event log.
const chunkSize = 512

// History is an execution's events, kept in fixed-size chunks: appending
// never copies earlier events, and a caller that only counts them (Express
// executions) never pays for one contiguous slice. A single growing slice
// copies a long history (tens of thousands of events, each holding
// pointers) several times; flattening it at the end of every run cost
// BenchmarkChoiceLoop about 40% of its time in copying and GC.
type History struct {
	full [][]history.Event // filled chunks, in order
	cur  []history.Event   // the chunk being filled
	n    int               // events in full
}

// HistoryOf returns a History of events, which it keeps without copying.
func HistoryOf(events []history.Event) History { return History{cur: events} }

// Len is the number of events recorded.
func (l History) Len() int { return l.n + len(l.cur) }

// Events returns the whole history as one slice. A history longer than a
// chunk is copied into a new slice on every call, so keep the result rather
// than calling Events repeatedly.
func (l History) Events() []history.Event {
	if len(l.full) == 0 {
		return l.cur
	}
	out := make([]history.Event, 0, l.Len())
	for _, c := range l.full {
		out = append(out, c...)
	}
	return append(out, l.cur...)
}

// tail returns the chunk to append to; after appending, store it back
// with setTail.
func (l *History) tail() []history.Event {
	if l.cur == nil {
		l.cur = make([]history.Event, 0, chunkSize)
	}
	return l.cur
}

// setTail stores the appended chunk and seals it once nearly full, so a
// step's events (a handful) rarely spill over a chunk's capacity.
func (l *History) setTail(cur []history.Event) {
	l.cur = cur
	if len(cur) >= chunkSize-16 {
		l.full = append(l.full, cur)
		l.n += len(cur)
		l.cur = nil
	}
}

// add appends one event.
func (l *History) add(e history.Event) {
	l.setTail(append(l.tail(), e))
}

// truncate drops the events after the first n.
func (l *History) truncate(n int) {
	if n >= l.Len() {
		return
	}
	if n >= l.n {
		l.cur = l.cur[:n-l.n]
		return
	}
	all := l.Events()[:n]
	*l = History{cur: all[:n:n]}
}

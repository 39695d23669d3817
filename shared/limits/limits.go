// Package limits is the one home of the bounds Stepwise puts on what a
// user's definition and input may cost: expression evaluation (depth,
// steps, allocated size) and AWS's execution quotas (history events,
// payload size, nesting, fan-out, duration). Every limit has a default that
// matches AWS's published quota where one exists and that no workflow in
// the AWS-recorded conformance corpus reaches; deployments and the
// `stepwise` command may override them (see shared/config).
//
// The package is pure (stdlib only) so the interpreter core may import it.
package limits

import "time"

// Limits is one set of bounds. The zero value of a field means "use the
// default"; Resolve fills those in.
type Limits struct {
	// Execution quotas (AWS's).

	// HistoryEvents is the most events one execution may record; the
	// execution fails when its history would exceed it (AWS: 25,000).
	HistoryEvents int
	// PayloadBytes caps the input and output of a state or execution
	// (AWS: 256 KiB).
	PayloadBytes int
	// StandardDuration and ExpressDuration cap an execution's run when its
	// definition sets no TimeoutSeconds (AWS: one year, five minutes).
	StandardDuration time.Duration
	ExpressDuration  time.Duration
	// JSONDepth is the deepest nesting of arrays and objects accepted in
	// an execution's input, a task's result and a state's output (AWS's
	// JSON parser stops at 1,000). At most MaxJSONDepth.
	JSONDepth int
	// ForkChildren is the most branches or iterations one Parallel or Map
	// state may start. Each costs at least two history events, so the
	// default (half of HistoryEvents when unset) is where AWS would fail
	// the execution on its history quota anyway.
	ForkChildren int
	// ReaderItems is the most items one Map ItemReader read may hold, and
	// the most children one page of a distributed Map may start: a read's
	// items are held in memory, so this bounds the memory a read takes.
	// The durable runner reads a page at a time (runner.Options.ReaderPage),
	// so it bounds a page, not a run; a read over it fails the Map with
	// States.ItemReaderFailed.
	ReaderItems int
	// ReaderBytes is the most bytes one ItemReader read may take from S3
	// (an object, or the data files of a manifest); over it the Map fails
	// with States.ItemReaderFailed.
	ReaderBytes int

	// JSONata evaluation (Stepwise's; AWS publishes none). Exceeding one
	// fails the state with States.QueryEvaluationError.

	// JSONataDepth bounds nested evaluation frames, e.g. recursive
	// function calls; it bounds the Go stack an evaluation can use (about
	// 8 MB at the default). At most MaxJSONataDepth.
	JSONataDepth int
	// JSONataSteps bounds the expression nodes one evaluation evaluates.
	JSONataSteps int
	// JSONataBytes bounds what one evaluation allocates, cumulatively:
	// string bytes, 16 bytes per array item, 48 per object entry.
	JSONataBytes int
}

// MaxJSONataDepth bounds JSONataDepth so that an evaluation's Go stack
// stays far below Go's fatal 1 GB (about 32 MB at this depth).
const MaxJSONataDepth = 20_000

// MaxJSONDepth bounds JSONDepth: the runner stores a value a few levels
// inside its execution record, and Go's JSON decoder refuses documents
// nested beyond 10,000 levels. Accepting deeper values would store records
// the runner could not read back.
const MaxJSONDepth = 9_000

// Default returns AWS's quotas and Stepwise's evaluation bounds.
func Default() Limits {
	return Limits{
		HistoryEvents:    25_000,
		PayloadBytes:     256 * 1024,
		StandardDuration: 366 * 24 * time.Hour,
		ExpressDuration:  5 * time.Minute,
		JSONDepth:        1_000,
		ForkChildren:     12_500,
		ReaderItems:      100_000,
		ReaderBytes:      64 << 20,
		JSONataDepth:     5_000,
		JSONataSteps:     10_000_000,
		JSONataBytes:     32 << 20,
	}
}

// Resolve returns l with every zero field set to its default.
func (l Limits) Resolve() Limits {
	d := Default()
	fill(&l.HistoryEvents, d.HistoryEvents)
	fill(&l.PayloadBytes, d.PayloadBytes)
	fill(&l.StandardDuration, d.StandardDuration)
	fill(&l.ExpressDuration, d.ExpressDuration)
	fill(&l.JSONDepth, d.JSONDepth)
	fill(&l.ForkChildren, l.HistoryEvents/2)
	fill(&l.ReaderItems, d.ReaderItems)
	fill(&l.ReaderBytes, d.ReaderBytes)
	l.JSONDepth = min(l.JSONDepth, MaxJSONDepth)
	fill(&l.JSONataDepth, d.JSONataDepth)
	fill(&l.JSONataSteps, d.JSONataSteps)
	fill(&l.JSONataBytes, d.JSONataBytes)
	l.JSONataDepth = min(l.JSONataDepth, MaxJSONataDepth)
	return l
}

func fill[T comparable](field *T, def T) {
	var zero T
	if *field == zero {
		*field = def
	}
}

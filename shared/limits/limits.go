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
}

// Default returns AWS's quotas and Stepwise's evaluation bounds.
func Default() Limits {
	return Limits{
		HistoryEvents:    25_000,
		PayloadBytes:     256 * 1024,
		StandardDuration: 366 * 24 * time.Hour,
		ExpressDuration:  5 * time.Minute,
	}
}

// Resolve returns l with every zero field set to its default.
func (l Limits) Resolve() Limits {
	d := Default()
	fill(&l.HistoryEvents, d.HistoryEvents)
	fill(&l.PayloadBytes, d.PayloadBytes)
	fill(&l.StandardDuration, d.StandardDuration)
	fill(&l.ExpressDuration, d.ExpressDuration)
	return l
}

func fill[T comparable](field *T, def T) {
	var zero T
	if *field == zero {
		*field = def
	}
}

package resultwriter

import (
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Statuses of a child; TIMED_OUT and ABORTED go to the FAILED files, and
// Pending marks an item whose child never started.
const (
	StatusSucceeded = "SUCCEEDED"
	StatusFailed    = "FAILED"
	StatusTimedOut  = "TIMED_OUT"
	StatusAborted   = "ABORTED"
	StatusPending   = "PENDING"
)

// Child is one child execution (or never-started item) of a map run.
type Child struct {
	ExecutionArn    string
	Name            string
	StateMachineArn string
	Status          string
	Input           string // JSON text of the child's input
	Output          string // JSON text; succeeded children only
	Error, Cause    string
	StartDate       time.Time
	StopDate        time.Time
	RedriveCount    int
	// RedriveStatus defaults to AWS's: NOT_REDRIVABLE for a succeeded
	// child, REDRIVABLE_BY_MAP_RUN for the others.
	RedriveStatus string
}

// Source calls fn with every child of the map run once, in item order,
// stopping at fn's first error (which it returns).
type Source func(fn func(Child) error) error

// Slice is a Source over children held in memory (tests, small runs).
func Slice(children []Child) Source {
	return func(fn func(Child) error) error {
		for _, c := range children {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// kind is the result file a child goes to.
func (c Child) kind() string {
	switch c.Status {
	case StatusSucceeded:
		return StatusSucceeded
	case StatusPending:
		return StatusPending
	}
	return StatusFailed
}

// dateLayout is how the result files spell dates: UTC, milliseconds.
const dateLayout = "2006-01-02T15:04:05.000Z"

// Entry is the child as a NONE entry: its execution's fields in the order
// AWS writes them (alphabetical). A pending item has only its input.
func (c Child) Entry() *jsonval.Object {
	o := jsonval.NewObject(14)
	included := jsonval.NewObject(1)
	included.Set("Included", true)
	if c.Status == StatusPending {
		o.Set("Input", c.Input)
		o.Set("InputDetails", included)
		o.Set("Status", StatusPending)
		return o
	}
	failed := c.Status != StatusSucceeded
	if failed && c.Cause != "" {
		o.Set("Cause", c.Cause)
	}
	if failed && c.Error != "" {
		o.Set("Error", c.Error)
	}
	o.Set("ExecutionArn", c.ExecutionArn)
	o.Set("Input", c.Input)
	o.Set("InputDetails", included)
	o.Set("Name", c.Name)
	if !failed {
		o.Set("Output", c.Output)
	}
	o.Set("OutputDetails", included)
	o.Set("RedriveCount", jsonval.NumberFromInt(int64(c.RedriveCount)))
	c.setRedrive(o, failed)
	o.Set("StartDate", c.StartDate.UTC().Format(dateLayout))
	o.Set("StateMachineArn", c.StateMachineArn)
	o.Set("Status", c.Status)
	if !c.StopDate.IsZero() {
		o.Set("StopDate", c.StopDate.UTC().Format(dateLayout))
	}
	return o
}

func (c Child) setRedrive(o *jsonval.Object, failed bool) {
	status := c.RedriveStatus
	switch {
	case status != "":
	case failed:
		status = "REDRIVABLE_BY_MAP_RUN"
	default:
		status = "NOT_REDRIVABLE"
	}
	o.Set("RedriveStatus", status)
	if status == "NOT_REDRIVABLE" {
		o.Set("RedriveStatusReason", "Execution is "+c.Status+" and cannot be redriven")
	}
}

// values are the child's entries in a file under transformation t: its
// output (COMPACT), the output's items when it is an array (FLATTEN), or
// the NONE entry (failed and pending children always).
func (c Child) values(t string) ([]jsonval.Value, error) {
	if c.Status != StatusSucceeded || t == TransformNone {
		return []jsonval.Value{c.Entry()}, nil
	}
	out, err := jsonval.DecodeString(c.Output)
	if err != nil {
		return nil, err
	}
	if arr, ok := out.([]any); ok && t == TransformFlatten {
		return arr, nil
	}
	return []jsonval.Value{out}, nil
}

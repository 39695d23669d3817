package store

import (
	"context"
	"time"

	"github.com/stepwise/stepwise/shared/history"
)

// Execution is the durable record of one execution. State is the runner's
// serialized state (frames, pending work), opaque to the store. Version
// increases by one on every committed update.
type Execution struct {
	ARN             string
	StateMachineARN string // the state machine (not version/alias) ARN
	// ExecutedARN is the version or alias ARN the execution started from, if any.
	ExecutedARN string
	// VersionARN is the version that ran: the one named, or the one an
	// alias routed to ("" when the state machine itself was named).
	VersionARN string
	// MapRunARN is the map run a child execution of a Distributed Map
	// belongs to ("" for any other execution).
	MapRunARN string
	// TraceHeader is the X-Ray trace header given to StartExecution, which
	// DescribeExecution echoes ("" when none was given).
	TraceHeader  string
	Name         string
	Type         string // STANDARD or EXPRESS
	Status       string // RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
	Input        string
	Output       string
	Error, Cause string
	StartDate    time.Time
	StopDate     time.Time
	RedriveCount int
	Version      int64
	// LastEventID is the id of the last history event of committed steps.
	LastEventID int64
	// State is the runner's opaque state document.
	State []byte
	// ExpiresAt is when a finished execution may be deleted (TTL); zero = never.
	ExpiresAt time.Time
}

// ExecutionFilter narrows ListExecutions.
type ExecutionFilter struct {
	StateMachineARN string
	Status          string // "" = any
	ExecutedARN     string // alias ARN filter: executions started with it; "" = any
	// VersionARN filters executions that ran the version: started with its
	// ARN, or with an alias that routed to it (as AWS lists them); "" = any.
	VersionARN string
	// MapRunARN filters the child executions of a map run; "" = any.
	MapRunARN string
}

// Executions stores execution records and their history.
type Executions interface {
	// CreateExecution stores a new record; ErrExists if the ARN is taken.
	CreateExecution(ctx context.Context, ex Execution) error
	// GetExecution loads a record; ErrNotFound if absent.
	GetExecution(ctx context.Context, arn string) (Execution, error)
	// UpdateExecution replaces the record if its stored Version equals
	// expectedVersion (ex.Version must be expectedVersion+1); else ErrConflict.
	UpdateExecution(ctx context.Context, ex Execution, expectedVersion int64) error
	// ListExecutions lists newest first.
	ListExecutions(ctx context.Context, f ExecutionFilter, p Page) ([]Execution, string, error)
	// PutEvents stores events (idempotent: an event with an existing id is
	// overwritten with the same content).
	PutEvents(ctx context.Context, executionARN string, events []history.Event) error
	// GetEvents returns events with ids in [from, to], ascending.
	GetEvents(ctx context.Context, executionARN string, from, to int64) ([]history.Event, error)
	// PutPayload stores a content-addressed blob (idempotent) and GetPayload reads it.
	PutPayload(ctx context.Context, key string, data []byte) error
	GetPayload(ctx context.Context, key string) ([]byte, error)
	// PutToken maps a task token to its execution; GetToken resolves it.
	PutToken(ctx context.Context, token string, executionARN string) error
	GetToken(ctx context.Context, token string) (string, error)
}

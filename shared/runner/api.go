// Package runner is the durable shell around the interpreter: it starts
// executions, runs one step per queue message over the store and queue
// ports, and delivers callbacks. Express executions run in-process.
package runner

import (
	"context"
	"errors"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
)

// Errors the API maps to AWS error codes.
var (
	ErrExecutionAlreadyExists = errors.New("runner: execution already exists")
	ErrExecutionDoesNotExist  = errors.New("runner: execution does not exist")
	ErrInvalidToken           = errors.New("runner: invalid task token")
	ErrTaskTimedOut           = errors.New("runner: task timed out")
	ErrNotRedrivable          = errors.New("runner: execution cannot be redriven")
	ErrInvalidDefinition      = errors.New("runner: invalid definition")
	// ErrInvalidInput: execution input over a quota (AWS's
	// InvalidExecutionInput).
	ErrInvalidInput = errors.New("runner: invalid execution input")
)

// StartRequest starts an execution.
type StartRequest struct {
	StateMachine store.StateMachine
	// ExecutedARN is the version or alias ARN named by the caller, "" when
	// the state machine itself was named.
	ExecutedARN string
	// VersionARN is the version that runs (named, or chosen by an alias).
	VersionARN string
	// Definition and RoleARN are those of the resolved version (or the
	// state machine's current revision).
	Definition string
	RoleARN    string
	Name       string // "" = generate
	Input      string // JSON text; "" = "{}"
	// TestCase selects a mock configuration test case (Step Functions
	// Local's "<arn>#<test case>"), "" for none.
	TestCase string
	// ParentToken is the task token of a parent waiting with .sync or
	// .sync:2 (ParentPattern); the child reports its end to it.
	ParentToken   string
	ParentPattern string
	// MapRunARN is the map run a child execution belongs to.
	MapRunARN string
	// TraceHeader is the caller's X-Ray trace header, kept to be described.
	TraceHeader string
}

// Runtime is what the Step Functions API needs from the runner.
type Runtime interface {
	// Start starts a Standard execution, or an Express one asynchronously.
	Start(ctx context.Context, req StartRequest) (store.Execution, error)
	// StartSync runs an Express execution to its end and returns it.
	StartSync(ctx context.Context, req StartRequest) (store.Execution, error)
	Stop(ctx context.Context, executionARN, errName, cause string) (store.Execution, error)
	Redrive(ctx context.Context, executionARN string) (store.Execution, error)
	// History returns the committed history of an execution.
	History(ctx context.Context, executionARN string) ([]history.Event, error)
	SendTaskSuccess(ctx context.Context, token, output string) error
	SendTaskFailure(ctx context.Context, token, errName, cause string) error
	SendTaskHeartbeat(ctx context.Context, token string) error
}

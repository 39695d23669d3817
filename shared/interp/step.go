// Package interp is the pure ASL interpreter: it compiles a definition and
// evaluates one state at a time. It performs no I/O, reads no clock and
// starts no goroutines; what should happen next is returned as an Action
// that the caller (the in-memory driver or the durable runner) carries out.
package interp

import (
	"time"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

// Env is everything from the outside world that one Step may use.
type Env struct {
	Now       time.Time
	Random    func() float64 // [0,1): jitter, States.MathRandom, $random
	NewUUID   func() string  // States.UUID, $uuid, task tokens
	Execution Execution
	// NextEventID is the id the first event of this step will receive.
	NextEventID int64
	// Inspect, when set, receives each data-flow stage's value under
	// TestState's inspection names (afterInputPath, afterParameters,
	// afterArguments, result, afterResultSelector, afterResultPath, and a
	// Map's afterItemSelector and afterItemBatcher).
	Inspect func(stage string, v jsonval.Value)
	// Limits are the execution's quotas (payload size, nesting, fan-out);
	// zero fields take their defaults.
	Limits limits.Limits
	// Context, when set, is the context object itself (TestState's
	// context parameter) instead of the one built from the execution.
	Context jsonval.Value
	// ReaderPage, when set, makes a distributed Map read its items that
	// many at a time (see pages.go); 0 reads them all at once.
	ReaderPage int
}

// Execution describes the running execution for the context object.
type Execution struct {
	ID               string
	Name             string
	Input            jsonval.Value
	StartTime        time.Time
	RoleArn          string
	RedriveCount     int
	StateMachineID   string
	StateMachineName string
	// Express executions cannot be redriven: their context object has no
	// RedriveCount.
	Express bool
}

// Trigger is what makes a frame move.
type Trigger interface{ isTrigger() }

// Enter evaluates the frame's current state from its beginning.
type Enter struct{}

// Wake resumes a frame that slept (Wait state or retry back-off).
type Wake struct{}

// TaskSucceeded delivers a task's raw result.
type TaskSucceeded struct{ Output jsonval.Value }

// TaskFailed delivers a task's failure.
type TaskFailed struct{ Error, Cause string }

// Joined delivers the outcomes of a Parallel's branches or a Map's items, in order.
type Joined struct {
	Results []ChildResult
	// Written: a distributed Map's ResultWriter wrote the results, and
	// Output (the writer's) is the Map's result; WriteFailure is the
	// cause of a failed write (States.ResultWriterFailed).
	Written      bool
	Output       jsonval.Value
	WriteFailure string
	// Tolerated, for a map run, is how many failed children it tolerated
	// in the end (UpdateMapRun may have changed it); nil: as the
	// definition says.
	Tolerated *int
	// Failed, for a map run read page by page, is the failure that stopped
	// it while reading (States.ItemReaderFailed, or a page's ItemSelector
	// or batching failure): the Map fails with it.
	Failed *Failure
	// Failures, for a map run whose ResultWriter wrote its results, is
	// how many of its children failed: Results is then left empty, so
	// that a run of any size is not held whole.
	Failures *int
}

// Submitted delivers the response of a task that was submitted and runs on
// (.sync, .waitForTaskToken): its TaskSubmitted event is recorded now, and
// the outcome follows as TaskSucceeded or TaskFailed.
type Submitted struct{ Output jsonval.Value }

func (Enter) isTrigger()         {}
func (Wake) isTrigger()          {}
func (TaskSucceeded) isTrigger() {}
func (TaskFailed) isTrigger()    {}
func (Joined) isTrigger()        {}
func (Submitted) isTrigger()     {}

// ChildResult is the end of one branch or iteration.
type ChildResult struct {
	Failed bool
	Output jsonval.Value
	Error  string
	Cause  string
}

// Action is what the caller must do after a step.
type Action interface{ isAction() }

// Next: the frame moved to another state; call Step again with Enter.
type Next struct{}

// Sleep: call Step with Wake at Until.
type Sleep struct{ Until time.Time }

// Invoke: run the task and call Step with TaskSucceeded or TaskFailed.
type Invoke struct{ Task Task }

// Fork: run the children to completion and call Step with Joined.
type Fork struct {
	Children       []Child
	MaxConcurrency int // 0 = unlimited
	// ToleratedFailures: a child failure fails the fork only when the number
	// of failures exceeds it; -1 means no failure is tolerated (fail fast).
	ToleratedFailures int
	// Distributed is set for a Map in DISTRIBUTED mode: each child runs as
	// a child execution of a map run.
	Distributed *Distributed
	// Reader, for a distributed Map read page by page, is the rest of the
	// read: Children are the first page's (see pages.go).
	Reader *PagedRead
}

// Distributed describes a map run: its children's definition and type,
// and the settings DescribeMapRun reports.
type Distributed struct {
	Label         string
	ExecutionType string // STANDARD or EXPRESS
	// Definition is the JSON text of the child executions' state machine.
	Definition                 string
	ToleratedFailurePercentage float64
	ToleratedFailureCount      int64
	// ResultWriter is the resolved ResultWriter (see writer.go), nil when
	// the Map has none.
	ResultWriter jsonval.Value
	// Batched: the Map has an ItemBatcher, so a child's input is a batch.
	Batched bool
}

// Park: the task runs on; call Step with its outcome when it arrives.
type Park struct{}

// Succeed: the frame ended with Output.
type Succeed struct{ Output jsonval.Value }

// Fail: the frame ended with an error.
type Fail struct{ Error, Cause string }

func (Next) isAction()    {}
func (Sleep) isAction()   {}
func (Invoke) isAction()  {}
func (Fork) isAction()    {}
func (Park) isAction()    {}
func (Succeed) isAction() {}
func (Fail) isAction()    {}

// Task is one invocation request.
type Task struct {
	State            string
	Resource         string
	Input            jsonval.Value // effective parameters
	TimeoutSeconds   int64         // 0 = none
	HeartbeatSeconds int64         // 0 = none
	TaskToken        string        // set for .waitForTaskToken
	Credentials      jsonval.Value
	Attempt          int // 0-based invocation count of this state entry
}

// Child is one branch or item to run as a new frame.
type Child struct {
	Record Record
	// Events to record when the child starts and ends (MapIteration*), or
	// empty for Parallel branches.
	StartEvent, SuccessEvent, FailEvent string
	Index                               int
	MapName                             string
	// Items is how many items the child processes: a batch's size, else 1.
	Items int
}

// Decision is the outcome of one Step.
type Decision struct {
	Record Record
	Events []history.Event
	Action Action
}

// Package asl holds the typed model of an Amazon States Language definition
// and its parser. Static validation with AWS's diagnostics lives in package
// validate; this package only turns a document into the model the
// interpreter compiles.
package asl

import "github.com/stepwise/stepwise/shared/jsonval"

// Query languages.
const (
	JSONPath = "JSONPath"
	JSONata  = "JSONata"
)

// State types.
const (
	TypePass     = "Pass"
	TypeTask     = "Task"
	TypeChoice   = "Choice"
	TypeWait     = "Wait"
	TypeSucceed  = "Succeed"
	TypeFail     = "Fail"
	TypeParallel = "Parallel"
	TypeMap      = "Map"
)

// StateMachine is a definition or a nested one (Parallel branch, Map processor).
type StateMachine struct {
	Comment        string
	StartAt        string
	States         map[string]*State
	Order          []string // state names in document order
	QueryLanguage  string   // effective: JSONPath unless set to JSONata
	TimeoutSeconds int64    // 0 = none
	Version        string
	// ProcessorMode is "INLINE" or "DISTRIBUTED" for a Map's processor.
	ProcessorMode string
	// ExecutionType is a distributed processor's child execution type
	// (STANDARD or EXPRESS), and Raw its definition as written: the
	// definition of its child executions.
	ExecutionType string
	Raw           *jsonval.Object
}

// State is one state. Fields that may hold a JSONata string or a JSONPath
// template keep their raw value; the interpreter compiles them.
type State struct {
	Name          string
	Type          string
	Comment       string
	QueryLanguage string // effective for this state
	Next          string
	End           bool

	// Data flow.
	InputPath      PathField
	OutputPath     PathField
	ResultPath     PathField
	Parameters     Opt // payload template
	ResultSelector Opt
	Arguments      Opt
	Output         Opt
	Assign         *jsonval.Object

	// Pass.
	Result Opt

	// Task.
	Resource         string
	TimeoutSeconds   jsonval.Value // number or JSONata string
	TimeoutPath      string
	HeartbeatSeconds jsonval.Value
	HeartbeatPath    string
	Credentials      jsonval.Value

	// Choice.
	Choices []*ChoiceRule
	Default string

	// Wait.
	Seconds       jsonval.Value
	SecondsPath   string
	Timestamp     jsonval.Value
	TimestampPath string

	// Fail.
	Error     jsonval.Value // string or JSONata string
	ErrorPath string
	Cause     jsonval.Value
	CausePath string

	// Parallel.
	Branches []*StateMachine

	// Map.
	Processor                 *StateMachine
	ItemsPath                 PathField
	Items                     Opt
	ItemSelector              Opt
	MaxConcurrency            jsonval.Value
	MaxConcurrencyPath        string
	ToleratedFailurePct       jsonval.Value
	ToleratedFailurePctPath   string
	ToleratedFailureCount     jsonval.Value
	ToleratedFailureCountPath string
	ItemBatcher               *jsonval.Object
	ItemReader                *jsonval.Object
	ResultWriter              *jsonval.Object
	Label                     string

	Retry []*Retrier
	Catch []*Catcher
}

// Retrier is one Retry entry.
type Retrier struct {
	ErrorEquals     []string
	IntervalSeconds float64
	MaxAttempts     int
	BackoffRate     float64
	MaxDelaySeconds float64 // 0 = none
	JitterStrategy  string  // "FULL" or "NONE"
	Comment         string
}

// Catcher is one Catch entry.
type Catcher struct {
	ErrorEquals []string
	Next        string
	ResultPath  PathField
	Output      Opt
	Assign      *jsonval.Object
	Comment     string
}

// ChoiceRule is a top-level Choice rule or a nested one (And/Or/Not).
type ChoiceRule struct {
	Variable  string
	Operator  string        // e.g. "StringEquals", "And", "IsPresent"
	Operand   jsonval.Value // comparison value (for *Path operators a path string)
	Children  []*ChoiceRule // And/Or (several) and Not (one)
	Condition jsonval.Value // JSONata rule: bool or "{% %}" string
	Next      string        // top-level only
	Output    Opt
	Assign    *jsonval.Object
	Comment   string
}

// IsTerminal reports whether the state ends its state machine.
func (s *State) IsTerminal() bool {
	return s.End || s.Type == TypeSucceed || s.Type == TypeFail
}

// Opt is an optional field: Set tells whether it was present (its value may be null).
type Opt struct {
	Set   bool
	Value jsonval.Value
}

// PathField is an optional path field such as InputPath: absent, null, or a path.
type PathField struct {
	Set  bool
	Null bool
	Path string
}

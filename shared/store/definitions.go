package store

import (
	"context"
	"time"
)

// StateMachine is a state machine and its current (unpublished) revision.
type StateMachine struct {
	ARN          string
	Name         string
	Type         string // STANDARD or EXPRESS
	Definition   string
	RoleARN      string
	Description  string
	RevisionID   string
	CreationDate time.Time
	UpdateDate   time.Time
	// LoggingConfiguration and TracingConfiguration are kept as given (JSON).
	LoggingConfiguration string
	TracingConfiguration string
	// EncryptionConfiguration is kept as given (JSON); "" = AWS-owned key.
	EncryptionConfiguration string
	// NextVersion is the number the next published version gets.
	NextVersion int
}

// Version is a published, immutable revision.
type Version struct {
	ARN             string // <state machine ARN>:<n>
	StateMachineARN string
	Number          int
	RevisionID      string
	Definition      string
	RoleARN         string
	Description     string
	CreationDate    time.Time
	// EncryptionConfiguration is the state machine's when published.
	EncryptionConfiguration string
}

// Route is one weighted target of an alias.
type Route struct {
	VersionARN string
	Weight     int
}

// Alias points at one or two versions.
type Alias struct {
	ARN             string // <state machine ARN>:<name>
	StateMachineARN string
	Name            string
	Description     string
	Routes          []Route
	CreationDate    time.Time
	UpdateDate      time.Time
}

// Activity is an activity task queue.
type Activity struct {
	ARN          string
	Name         string
	CreationDate time.Time
	// EncryptionConfiguration is kept as given (JSON); "" = AWS-owned key.
	EncryptionConfiguration string
}

// Definitions stores state machines, versions, aliases, activities and tags.
type Definitions interface {
	CreateStateMachine(ctx context.Context, sm StateMachine) error // ErrExists
	GetStateMachine(ctx context.Context, arn string) (StateMachine, error)
	// UpdateStateMachine replaces sm if its stored RevisionID is expectedRevision; else ErrConflict.
	UpdateStateMachine(ctx context.Context, sm StateMachine, expectedRevision string) error
	DeleteStateMachine(ctx context.Context, arn string) error
	ListStateMachines(ctx context.Context, p Page) ([]StateMachine, string, error)

	CreateVersion(ctx context.Context, v Version) error // ErrExists
	GetVersion(ctx context.Context, arn string) (Version, error)
	ListVersions(ctx context.Context, stateMachineARN string, p Page) ([]Version, string, error) // newest first
	DeleteVersion(ctx context.Context, arn string) error

	CreateAlias(ctx context.Context, a Alias) error // ErrExists
	GetAlias(ctx context.Context, arn string) (Alias, error)
	UpdateAlias(ctx context.Context, a Alias) error // ErrNotFound
	ListAliases(ctx context.Context, stateMachineARN string, p Page) ([]Alias, string, error)
	DeleteAlias(ctx context.Context, arn string) error

	CreateActivity(ctx context.Context, a Activity) error // ErrExists
	GetActivity(ctx context.Context, arn string) (Activity, error)
	DeleteActivity(ctx context.Context, arn string) error
	ListActivities(ctx context.Context, p Page) ([]Activity, string, error)

	// Tags of any resource ARN.
	GetTags(ctx context.Context, arn string) (map[string]string, error) // empty map when none
	PutTags(ctx context.Context, arn string, tags map[string]string) error
}

// Store is everything the service persists.
type Store interface {
	Definitions
	Executions
	ChildEnds
	ActivityTasks
}

// ActivityTask is one scheduled activity task waiting for a worker.
type ActivityTask struct {
	Token     string
	Input     string
	Scheduled time.Time
}

// ActivityTasks queues activity tasks for GetActivityTask, across
// processes (the stepper submits, the API hands them out).
type ActivityTasks interface {
	PushActivityTask(ctx context.Context, activityARN string, t ActivityTask) error
	// ClaimActivityTask removes and returns the oldest task; ErrNotFound
	// when there is none.
	ClaimActivityTask(ctx context.Context, activityARN string) (ActivityTask, error)
}

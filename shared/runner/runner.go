package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/cache"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/metrics"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// Options configure a Runner.
type Options struct {
	Store   store.Store
	Queue   queue.Sender
	Invoker task.Invoker
	Clock   clock.Source
	Scope   arn.Scope
	Random  func() float64
	NewUUID func() string
	Logger  *slog.Logger
	// ExecutionTTL is how long finished executions are kept (0 = 90 days,
	// negative = forever).
	ExecutionTTL time.Duration
	// DefaultMaxConcurrency bounds Map/Parallel children started at once
	// when the definition sets no limit (0 = 40, AWS's inline Map limit).
	DefaultMaxConcurrency int
	// MaxCommitRetries bounds optimistic-concurrency retries of one step.
	MaxCommitRetries int
	// Metrics records executions started and ended (nil: none).
	Metrics metrics.Recorder
	// ConflictBackoff is the first random back-off after a lost commit race,
	// doubling per retry (0: 2 ms; negative: none, for tests).
	ConflictBackoff time.Duration
	// Limits are the quotas of every execution (zero fields: AWS's).
	Limits limits.Limits
	// ReaderPage is how many items a Distributed Map's ItemReader reads
	// at a time (0 = 1,000; negative: all at once, held in memory).
	ReaderPage int
	// StartWindow is how long after its start a message may wait for its
	// execution's record (0 = 15 minutes; see awaitRecord).
	StartWindow time.Duration
}

// Runner is the durable runtime.
type Runner struct {
	opts Options
	log  *slog.Logger

	mu       sync.Mutex
	machines map[string]*interp.Machine // by definition hash
	// stored are the definitions this runner has written to the store, and
	// when: later starts skip the write for a day (a write restarts the
	// payload's TTL, so a definition in use never expires).
	stored map[string]time.Time
	// payloads caches immutable payload items read (children chunks,
	// stashed records): the steps of a large Map read the same ones.
	payloads cache.Bounded[string, []byte]
}

var _ Runtime = (*Runner)(nil)

// New returns a Runner over the given ports.
func New(opts Options) *Runner {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.Scope == (arn.Scope{}) {
		opts.Scope = arn.Default
	}
	if opts.NewUUID == nil {
		opts.NewUUID = inproc.NewUUID
	}
	if opts.Random == nil {
		opts.Random = inproc.RandomFloat
	}
	if opts.ExecutionTTL == 0 {
		opts.ExecutionTTL = 90 * 24 * time.Hour
	}
	if opts.DefaultMaxConcurrency == 0 {
		opts.DefaultMaxConcurrency = 40
	}
	if opts.ReaderPage == 0 {
		opts.ReaderPage = 1000
	}
	if opts.ReaderPage < 0 {
		opts.ReaderPage = 0
	}
	if opts.MaxCommitRetries == 0 {
		opts.MaxCommitRetries = 50
	}
	if opts.Metrics == nil {
		opts.Metrics = metrics.Discard{}
	}
	opts.Limits = opts.Limits.Resolve()
	if opts.StartWindow <= 0 {
		opts.StartWindow = defaultStartWindow
	}
	if opts.ConflictBackoff == 0 {
		opts.ConflictBackoff = 2 * time.Millisecond
	}
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Runner{opts: opts, log: log, machines: map[string]*interp.Machine{}, stored: map[string]time.Time{},
		payloads: cache.Bounded[string, []byte]{Size: 64}}
}

// definitionKey is the payload key of a definition's text.
func definitionKey(definition string) string { return contentKey("def#", []byte(definition)) }

// contentKey names a payload item by its content: writing the same content
// again writes the same item, so retried commits need no coordination.
func contentKey(prefix string, data []byte) string {
	sum := sha256.Sum256(data)
	return prefix + hex.EncodeToString(sum[:])
}

// machineByKey returns the compiled definition stored under key.
func (r *Runner) machineByKey(ctx context.Context, key string) (*interp.Machine, error) {
	r.mu.Lock()
	m, ok := r.machines[key]
	r.mu.Unlock()
	if ok {
		return m, nil
	}
	data, err := r.opts.Store.GetPayload(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("load definition %s: %w", key, err)
	}
	return r.machine(string(data))
}

// definitionRewrite is how often a runner rewrites a definition it starts
// executions of.
const definitionRewrite = 24 * time.Hour

// storeDefinition writes a definition's payload item, at most once a day
// per runner.
func (r *Runner) storeDefinition(ctx context.Context, key, definition string) error {
	now := r.opts.Clock.Now()
	r.mu.Lock()
	at, done := r.stored[key]
	r.mu.Unlock()
	if done && now.Sub(at) < definitionRewrite {
		return nil
	}
	if err := r.opts.Store.PutPayload(ctx, key, []byte(definition)); err != nil {
		return fmt.Errorf("store definition: %w", err)
	}
	r.mu.Lock()
	r.stored[key] = now
	r.mu.Unlock()
	return nil
}

// payload reads an immutable payload item through the cache.
func (r *Runner) payload(ctx context.Context, key string) ([]byte, error) {
	if data, ok := r.payloads.Get(key); ok {
		return data, nil
	}
	data, err := r.opts.Store.GetPayload(ctx, key)
	if err != nil {
		return nil, err
	}
	r.payloads.Put(key, data)
	return data, nil
}

// machine compiles a definition once per distinct text.
func (r *Runner) machine(definition string) (*interp.Machine, error) {
	key := definitionKey(definition)
	r.mu.Lock()
	m, ok := r.machines[key]
	r.mu.Unlock()
	if ok {
		return m, nil
	}
	def, err := asl.Parse([]byte(definition))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDefinition, err)
	}
	m, err = interp.Compile(def)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDefinition, err)
	}
	r.mu.Lock()
	r.machines[key] = m
	r.mu.Unlock()
	return m, nil
}

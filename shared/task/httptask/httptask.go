// Package httptask runs HTTP Tasks (arn:aws:states:::http:invoke): a call
// to an HTTPS API built from ApiEndpoint, Method, Headers, QueryParameters,
// RequestBody and Transform, authorized by an EventBridge connection (API
// key, basic or OAuth client credentials) whose invocation parameters are
// merged in. The result is {Headers, ResponseBody, StatusCode, StatusText};
// a status other than 2XX fails as States.Http.StatusCode.<code>, a call
// that gets no answer as States.Http.Socket, a connection problem as
// Events.ConnectionResource.*, all as the developer guide names them.
package httptask

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// Resource is the HTTP Task's resource ARN (request-response only).
const Resource = "arn:aws:states:::http:invoke"

// DefaultRequestTimeout is Step Functions' bound on one HTTP Task request.
const DefaultRequestTimeout = 60 * time.Second

// Options configure the invoker.
type Options struct {
	// Connections resolves connection ARNs (nil: none exist).
	Connections Resolver
	// Client makes the calls (nil: a client of its own).
	Client *http.Client
	// RequestTimeout bounds one call (0: DefaultRequestTimeout).
	RequestTimeout time.Duration
	// Region goes into the User-Agent header, as AWS sends it.
	Region string
	// Now is the clock for OAuth token expiry (nil: time.Now).
	Now func() time.Time
	// Roles assumes the role of a Task's Credentials before the call, as
	// Step Functions does, failing the Task when it cannot be (nil: a Task
	// with Credentials fails). AWSConnections read connections with it.
	Roles *taskrole.Roles
}

// Invoker runs HTTP Tasks.
type Invoker struct {
	opts   Options
	client *http.Client
	tokens *tokens
}

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker with opts.
func New(opts Options) *Invoker {
	if opts.Connections == nil {
		opts.Connections = Connections(nil)
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = DefaultRequestTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{}
	}
	return &Invoker{opts: opts, client: client, tokens: &tokens{now: opts.Now, m: map[string]token{}}}
}

// Register routes the HTTP Task's resource on m to this invoker.
func (i *Invoker) Register(m *task.Mux) { m.Handle(Resource, i) }

// Invoke makes one call, bounded by the state's TimeoutSeconds and by the
// request timeout.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	if req.Resource != Resource {
		return task.Failure("States.Runtime", "The resource '"+req.Resource+"' is not supported: an HTTP Task is request-response only."), nil
	}
	params, ok := req.Input.(*jsonval.Object)
	if !ok {
		return awsresult.ParameterFailure(req, errors.New("the Parameters must be an object")), nil
	}
	c, err := parseCall(params)
	if err != nil {
		return awsresult.ParameterFailure(req, err), nil
	}
	ctx = task.WithCredentials(ctx, req)
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		var fe *task.FailureError
		if _, err := i.opts.Roles.Credentials(ctx); errors.As(err, &fe) {
			return fe.Result, nil
		}
		return i.call(ctx, req, c)
	})
}

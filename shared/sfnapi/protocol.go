// Package sfnapi serves the AWS Step Functions API over its wire protocol
// (AWS JSON 1.0): a target "AWSStepFunctions.<Operation>" and a JSON body
// in, a status, a JSON body and an error type out. Each operation decodes
// and validates its input, calls the store or the runner, and maps the
// result to AWS's response shape.
package sfnapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/activity"
	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// TargetPrefix is the X-Amz-Target prefix of every operation.
const TargetPrefix = "AWSStepFunctions."

// ContentType is the protocol's media type.
const ContentType = "application/x-amz-json-1.0"

// Options configure an API. Zero values get working defaults.
type Options struct {
	Scope arn.Scope // region and account of new resources; default arn.Default
	// Now is the clock for creation/update dates.
	Now func() time.Time
	// NewID returns unique ids (revision ids); default random UUIDs.
	NewID func() string
	// Random returns a float in [0,1) for alias routing.
	Random func() float64
	// Activities is the broker GetActivityTask polls; nil = a private one.
	Activities activity.Queue
	// ActivityPoll is the longest GetActivityTask wait; default 60 s.
	ActivityPoll time.Duration
	// Invoker runs Task states for TestState; nil fails them.
	Invoker task.Invoker
	// AssumeTestStateRole makes the AWS calls of TestState's live Tasks
	// act as the request's roleArn, assumed through the invokers' role
	// cache (taskrole.WithExecutionRole), as AWS runs them; deployed. Off,
	// they use the process's own credentials, as its executions do
	// (serve: no role to assume, as in Step Functions Local).
	AssumeTestStateRole bool
	// Limits are the quotas on execution data (zero fields: AWS's); the
	// runner must be given the same.
	Limits limits.Limits
}

// API is the Step Functions API over a store and a runtime.
type API struct {
	st   store.Store
	rt   runner.Runtime
	opts Options
}

// New returns an API.
func New(st store.Store, rt runner.Runtime, opts Options) *API {
	if opts.Scope == (arn.Scope{}) {
		opts.Scope = arn.Default
	}
	opts.Limits = opts.Limits.Resolve()
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Now().UTC() }
	}
	if opts.NewID == nil {
		opts.NewID = inproc.NewUUID
	}
	if opts.Random == nil {
		opts.Random = rand.Float64
	}
	if opts.Activities == nil {
		opts.Activities = activity.NewBroker()
	}
	if opts.ActivityPoll <= 0 {
		opts.ActivityPoll = 60 * time.Second
	}
	return &API{st: st, rt: rt, opts: opts}
}

// operation handles the request body of the operation named name and
// returns the response value (encoded with encoding/json) or an error.
type operation func(a *API, ctx context.Context, name string, body []byte) (any, error)

// Handle runs the operation named by target on body. errorType is the
// AWS error code when status is not 200.
func (a *API) Handle(ctx context.Context, target string, body []byte) (status int, respBody []byte, errorType string) {
	if len(body) > MaxRequestBytes {
		return errorResponse(errTooLarge(target))
	}
	op, ok := operations[strings.TrimPrefix(target, TargetPrefix)]
	if !ok || !strings.HasPrefix(target, TargetPrefix) {
		return errorResponse(errUnknownOperation())
	}
	out, err := op(a, ctx, strings.TrimPrefix(target, TargetPrefix), body)
	if err != nil {
		return errorResponse(apiError(err))
	}
	b, err := json.Marshal(out)
	if err != nil {
		return errorResponse(apiError(fmt.Errorf("encode response: %w", err)))
	}
	return http.StatusOK, b, ""
}

func errorResponse(e *Error) (int, []byte, string) {
	body := map[string]string{"__type": e.Code}
	// AWS's protocol errors (a body it cannot read) carry no message.
	if e.Message != "" {
		body["message"] = e.Message
	}
	if e.Reason != "" {
		body["reason"] = e.Reason
	}
	b, _ := json.Marshal(body)
	return e.Status(), b, e.Code
}

// HTTPHandler serves the API over HTTP: POST / with X-Amz-Target.
func (a *API) HTTPHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var status int
		var body []byte
		var code string
		target := r.Header.Get("X-Amz-Target")
		switch {
		case r.Method != http.MethodPost || r.URL.Path != "/":
			status, body, code = errorResponse(errUnknownOperation())
		default:
			in, err := readBody(w, r)
			var tooLarge *http.MaxBytesError
			switch {
			case errors.As(err, &tooLarge):
				status, body, code = errorResponse(errTooLarge(target))
			case err != nil:
				status, body, code = errorResponse(errSerialization("Unable to read request body"))
			default:
				status, body, code = a.Handle(r.Context(), target, in)
			}
		}
		w.Header().Set("Content-Type", ContentType)
		if code != "" {
			w.Header().Set("X-Amzn-ErrorType", code)
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}

// MaxRequestBytes is the largest request body the API accepts: AWS's
// "maximum request size" quota of 1 MB per request (a hard limit).
const MaxRequestBytes = 1 << 20

// readBody reads at most MaxRequestBytes; a longer body is not read on
// (the server then closes the connection).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	buf := new(bytes.Buffer)
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxRequestBytes)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// handler adapts a typed operation function to an operation. As AWS
// does, it deserializes the body first (SerializationException), then
// checks the members against the model (ValidationException).
func handler[In any, Out any](fn func(a *API, ctx context.Context, in In) (Out, error)) operation {
	return func(a *API, ctx context.Context, name string, body []byte) (any, error) {
		in, err := decode[In](body)
		if err != nil {
			return nil, err
		}
		if err := checkMembers(name, body); err != nil {
			return nil, err
		}
		return fn(a, ctx, in)
	}
}

// InvalidBody is the answer to a request whose body cannot even be read
// (e.g. bad base64 from API Gateway), in the same wire shape as Handle's.
func InvalidBody(msg string) (status int, respBody []byte, errorType string) {
	return errorResponse(errSerialization(msg))
}

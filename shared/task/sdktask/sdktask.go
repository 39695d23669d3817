// Package sdktask runs Step Functions' AWS SDK integrations,
// arn:aws:states:::aws-sdk:<service>:<apiAction> and their
// .waitForTaskToken form, through aws-sdk-go-v2 clients. One mechanism
// serves every service: the generated adapters of package builtin turn each
// operation into a typed call, and a reflection-based codec maps the
// state's Parameters onto the SDK request struct and the response back to
// JSON, with Step Functions' names, casing and error names.
package sdktask

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
	"github.com/stepwise/stepwise/shared/task/taskrole"
	"github.com/stepwise/stepwise/shared/validate"
)

// ResourcePrefix starts every AWS SDK integration's Resource.
const ResourcePrefix = "arn:aws:states:::aws-sdk:"

const waitSuffix = ".waitForTaskToken"

// Options tune the invoker.
type Options struct {
	// Endpoints overrides the endpoint of a service, by ARN service name
	// (tests and emulators; the SDK's AWS_ENDPOINT_URL_<SERVICE> settings
	// apply otherwise).
	Endpoints map[string]string
	// Roles assumes the roles of Task Credentials; nil: roles of its own,
	// through STS at Endpoints["sts"]. Pass the process's one Roles so
	// that every integration shares the cache.
	Roles *taskrole.Roles
}

// Invoker runs AWS SDK integration tasks.
type Invoker struct {
	cfg         aws.Config
	opts        Options
	services    func() map[string]*service // built on first use
	roles       *taskrole.Roles
	roleClients roleClients
}

// service is a built-in service with its client, made on first use: a
// cold start pays only for the clients it calls.
type service struct {
	Service
	codec  codec
	once   sync.Once
	client any
}

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker for services, calling AWS with cfg.
func New(cfg aws.Config, opts Options, services ...Service) *Invoker {
	return NewLazy(cfg, opts, func() []Service { return services })
}

// NewLazy is New with the services listed by load on the first call that
// needs them (builtin.Services: the operation tables of every service
// built in), not at a cold start that may call none.
func NewLazy(cfg aws.Config, opts Options, load func() []Service) *Invoker {
	inv := &Invoker{cfg: cfg, opts: opts, roles: opts.Roles}
	if inv.roles == nil {
		inv.roles = taskrole.New(cfg, opts.Endpoints["sts"])
	}
	inv.services = sync.OnceValue(func() map[string]*service {
		list := load()
		m := make(map[string]*service, len(list))
		for _, s := range list {
			m[s.Name] = &service{Service: s, codec: newCodec(s)}
		}
		return m
	})
	return inv
}

// Register routes every aws-sdk resource on m to this invoker; services
// that are not built in fail with a cause that says so.
func (i *Invoker) Register(m *task.Mux) { m.Handle(ResourcePrefix, i) }

// Invoke runs one task attempt, bounded by req.TimeoutSeconds. A
// .waitForTaskToken task is Pending once the call succeeded.
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	svc, op, wait, fail := i.lookup(req.Resource)
	if fail != nil {
		return *fail, nil
	}
	params, ok := req.Input.(*jsonval.Object)
	if !ok {
		return awsresult.ParameterFailure(req, fmt.Errorf("the Parameters must be an object, not %s", jsonval.TypeName(req.Input))), nil
	}
	in, err := svc.codec.decodeInput(op.input, params)
	if err != nil {
		return awsresult.ParameterFailure(req, err), nil
	}
	ctx = task.WithCredentials(ctx, req)
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		client, err := i.callClient(ctx, svc)
		if r, ok := credentialsFailure(err); ok {
			return r, nil
		}
		out, err := op.call(ctx, client, in)
		if err != nil {
			return failure(svc.Prefix, err), nil
		}
		v, err := svc.codec.encode(reflect.ValueOf(out))
		if err != nil {
			return task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("The response of %s could not be rendered: %v", req.Resource, err)), nil
		}
		res := task.Success(v)
		res.Pending = wait
		return res, nil
	})
}

// lookup finds the service and operation of resource, or the failure to
// report when there is none.
func (i *Invoker) lookup(resource string) (*service, Operation, bool, *task.Result) {
	rest, _ := strings.CutPrefix(resource, ResourcePrefix)
	rest, wait := strings.CutSuffix(rest, waitSuffix)
	name, action, _ := strings.Cut(rest, ":")
	svc, ok := i.services()[name]
	if !ok {
		r := task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("The AWS SDK service '%s' of the resource '%s' is not built into this Stepwise (add it to shared/task/sdktask/builtin/services.txt and rebuild).", name, resource))
		return nil, Operation{}, false, &r
	}
	op, ok := svc.Operations[action]
	switch {
	case ok && !validate.UnsupportedSDKAction(name, action):
	case validate.SDKAction(name, action) == validate.SDKActionKnown:
		r := task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("The API action '%s' of the AWS SDK service '%s' (resource '%s') is not built into this Stepwise (add it to the service's line in shared/task/sdktask/builtin/services.txt, or drop the line's list of actions, and rebuild).", action, name, resource))
		return nil, Operation{}, false, &r
	default:
		r := task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("The resource '%s' is not supported: %s has no API action '%s' that Step Functions can call.", resource, name, action))
		return nil, Operation{}, false, &r
	}
	return svc, op, wait, nil
}

func (s *service) get(i *Invoker) any {
	s.once.Do(func() { s.client = s.Client(i.cfg, i.opts.Endpoints[s.Name]) })
	return s.client
}

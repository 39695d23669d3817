package sdktask

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// sessionName names the sessions of the roles Tasks assume.
const sessionName = "stepwise"

// roles holds, per role ARN of a Task's Credentials, the role's
// credentials (sts:AssumeRole, cached until shortly before they expire)
// and the service clients that sign with them.
type roles struct {
	mu        sync.Mutex
	stsClient *sts.Client
	creds     map[string]*aws.CredentialsCache
	clients   map[[2]string]any // {service, role ARN} → client
}

// taskRole is the role ARN of the Task's Credentials ("" without them), or
// the failure of Credentials that name none.
func taskRole(req task.Request) (string, *task.Result) {
	return stateRole(req.State, req.Credentials)
}

// stateRole is taskRole for the Credentials creds of state.
func stateRole(state string, creds jsonval.Value) (string, *task.Result) {
	if creds == nil {
		return "", nil
	}
	arn, err := roleArn(creds)
	if err != nil {
		r := task.Failure(asl.ErrorRuntime, fmt.Sprintf("An error occurred while executing the state '%s'. The Credentials '%s' could not be used: %v", state, jsonval.String(creds), err))
		return "", &r
	}
	return arn, nil
}

// callClient is svc's client for a Call, signing with the role of the
// Task Credentials ctx carries (task.WithCredentials), if any; Credentials
// that fail, fail the Call with a *task.FailureError, as an aws-sdk Task
// with them would fail.
func (i *Invoker) callClient(ctx context.Context, svc *service) (any, error) {
	role, fail := stateRole(task.CredentialsOf(ctx))
	if fail == nil {
		var c any
		if c, fail = i.client(ctx, svc, role); fail == nil {
			return c, nil
		}
	}
	return nil, &task.FailureError{Result: *fail}
}

// client is svc's client, signing with the role's credentials when the
// Task names a role.
func (i *Invoker) client(ctx context.Context, svc *service, role string) (any, *task.Result) {
	if role == "" {
		return svc.get(i), nil
	}
	return i.roleClient(ctx, svc, role)
}

// roleArn reads the evaluated Credentials field: {"RoleArn": "<arn>"}.
func roleArn(creds jsonval.Value) (string, error) {
	obj, ok := creds.(*jsonval.Object)
	if !ok {
		return "", fmt.Errorf("the Credentials must be an object, not %s", jsonval.TypeName(creds))
	}
	v, _ := obj.Get("RoleArn")
	arn, ok := v.(string)
	if !ok || arn == "" {
		return "", fmt.Errorf("the Credentials need a RoleArn string")
	}
	return arn, nil
}

// roleClient is svc's client signing with the role's credentials, which
// it makes sure of first: a role that cannot be assumed fails the Task.
func (i *Invoker) roleClient(ctx context.Context, svc *service, arn string) (any, *task.Result) {
	creds := i.roleCredentials(arn)
	if _, err := creds.Retrieve(ctx); err != nil {
		r := task.Failure(asl.ErrorTaskFailed, fmt.Sprintf("Unable to assume the role '%s' of the Task's Credentials: %v", arn, err))
		return nil, &r
	}
	i.roles.mu.Lock()
	defer i.roles.mu.Unlock()
	key := [2]string{svc.Name, arn}
	c, ok := i.roles.clients[key]
	if !ok {
		cfg := i.cfg.Copy()
		cfg.Credentials = creds
		c = svc.Client(cfg, i.opts.Endpoints[svc.Name])
		i.roles.clients[key] = c
	}
	return c, nil
}

func (i *Invoker) roleCredentials(arn string) *aws.CredentialsCache {
	i.roles.mu.Lock()
	defer i.roles.mu.Unlock()
	if i.roles.stsClient == nil {
		i.roles.stsClient = sts.NewFromConfig(i.cfg, func(o *sts.Options) {
			if ep := i.opts.Endpoints["sts"]; ep != "" {
				o.BaseEndpoint = aws.String(ep)
			}
		})
		i.roles.creds = map[string]*aws.CredentialsCache{}
		i.roles.clients = map[[2]string]any{}
	}
	c, ok := i.roles.creds[arn]
	if !ok {
		p := stscreds.NewAssumeRoleProvider(i.roles.stsClient, arn, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = sessionName
		})
		// Renewed a minute early, so that no call starts with credentials
		// about to expire.
		c = aws.NewCredentialsCache(p, func(o *aws.CredentialsCacheOptions) { o.ExpiryWindow = time.Minute })
		i.roles.creds[arn] = c
	}
	return c
}

// Package taskrole assumes the roles that Task states name in their
// Credentials field (RoleArn, RoleArn.$), and the execution role TestState
// runs a state with: every integration that calls AWS on a Task's behalf
// signs with the role's credentials from sts:AssumeRole, cached per role
// until shortly before they expire, and fails as Step Functions does when
// the role cannot be assumed.
package taskrole

import (
	"context"
	"fmt"
	"strings"
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

// expiryWindow renews credentials a minute early, so that no call starts
// with credentials about to expire.
const expiryWindow = time.Minute

// Roles holds the credentials of the roles Tasks assumed. One Roles is
// shared by every invoker of a process, so that a role is assumed once
// whichever integration uses it. Safe for concurrent use.
type Roles struct {
	cfg         aws.Config
	stsEndpoint string
	mu          sync.Mutex
	creds       map[string]*aws.CredentialsCache // by chain of roles
}

// New returns Roles assuming roles with cfg's credentials, through STS at
// stsEndpoint when it is not empty (else the SDK's endpoint resolution,
// AWS_ENDPOINT_URL_STS included).
func New(cfg aws.Config, stsEndpoint string) *Roles {
	return &Roles{cfg: cfg, stsEndpoint: stsEndpoint, creds: map[string]*aws.CredentialsCache{}}
}

// Role is the role ARN the AWS calls of the Task ctx carries sign as: its
// Credentials' role (task.WithCredentials), else the execution role ctx
// carries (WithExecutionRole), "" without either, or a *task.FailureError
// (States.Runtime) for Credentials that name no role.
func Role(ctx context.Context) (string, error) {
	chain, err := Chain(ctx)
	if err != nil || len(chain) == 0 {
		return "", err
	}
	return chain[len(chain)-1], nil
}

// Chain is the roles assumed, in order, to sign as Role: the execution
// role first when ctx carries one, then the Credentials' role, which is
// assumed with the execution role's credentials, as Step Functions assumes
// a Task's role with the state machine's. Empty without either role.
func Chain(ctx context.Context) ([]string, error) {
	var chain []string
	if exec := executionRole(ctx); exec != "" {
		chain = append(chain, exec)
	}
	state, creds := task.CredentialsOf(ctx)
	if creds == nil {
		return chain, nil
	}
	arn, err := roleArn(creds)
	if err != nil {
		r := task.Failure(asl.ErrorRuntime, fmt.Sprintf("An error occurred while executing the state '%s'. The Credentials '%s' could not be used: %v", state, jsonval.String(creds), err))
		return nil, &task.FailureError{Result: r}
	}
	return append(chain, arn), nil
}

// Credentials is the provider of Role, each role of the Chain made sure of
// first; nil (and no error) without a role. A role that cannot be assumed
// is a *task.FailureError (States.TaskFailed), as are Credentials that
// name none (States.Runtime). A nil Roles fails every Task that has a
// role. The same chain gives the same provider, so callers may key
// clients by it.
func (r *Roles) Credentials(ctx context.Context) (aws.CredentialsProvider, error) {
	chain, err := Chain(ctx)
	if err != nil || len(chain) == 0 {
		return nil, err
	}
	if r == nil {
		return nil, &task.FailureError{Result: task.Failure(asl.ErrorTaskFailed,
			fmt.Sprintf("Unable to assume the role '%s' %s: this integration is not configured to assume roles.", chain[0], whose(ctx, 0, len(chain))))}
	}
	var c *aws.CredentialsCache
	for i := range chain {
		c = r.cache(chain[:i+1], c)
		if _, err := c.Retrieve(ctx); err != nil {
			return nil, &task.FailureError{Result: task.Failure(asl.ErrorTaskFailed,
				fmt.Sprintf("Unable to assume the role '%s' %s: %v", chain[i], whose(ctx, i, len(chain)), err))}
		}
	}
	return c, nil
}

// cache is the credentials of the last role of chain, assumed with via's
// credentials (nil: the configuration's own).
func (r *Roles) cache(chain []string, via *aws.CredentialsCache) *aws.CredentialsCache {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := strings.Join(chain, " > ")
	c, ok := r.creds[key]
	if !ok {
		cfg := r.cfg.Copy()
		if via != nil {
			cfg.Credentials = via
		}
		client := sts.NewFromConfig(cfg, func(o *sts.Options) {
			if r.stsEndpoint != "" {
				o.BaseEndpoint = aws.String(r.stsEndpoint)
			}
		})
		p := stscreds.NewAssumeRoleProvider(client, chain[len(chain)-1], func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = sessionName
		})
		c = aws.NewCredentialsCache(p, func(o *aws.CredentialsCacheOptions) { o.ExpiryWindow = expiryWindow })
		r.creds[key] = c
	}
	return c
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

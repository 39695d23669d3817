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
	stsClient   *sts.Client
	creds       map[string]*aws.CredentialsCache
}

// New returns Roles assuming roles with cfg's credentials, through STS at
// stsEndpoint when it is not empty (else the SDK's endpoint resolution,
// AWS_ENDPOINT_URL_STS included).
func New(cfg aws.Config, stsEndpoint string) *Roles {
	return &Roles{cfg: cfg, stsEndpoint: stsEndpoint, creds: map[string]*aws.CredentialsCache{}}
}

// Role is the role ARN of the Task Credentials ctx carries
// (task.WithCredentials), else the execution role ctx carries
// (WithExecutionRole), "" without either, or a *task.FailureError
// (States.Runtime) for Credentials that name no role.
func Role(ctx context.Context) (string, error) {
	state, creds := task.CredentialsOf(ctx)
	if creds == nil {
		return executionRole(ctx), nil
	}
	arn, err := roleArn(creds)
	if err != nil {
		r := task.Failure(asl.ErrorRuntime, fmt.Sprintf("An error occurred while executing the state '%s'. The Credentials '%s' could not be used: %v", state, jsonval.String(creds), err))
		return "", &task.FailureError{Result: r}
	}
	return arn, nil
}

// Credentials is the provider of the role of the Task Credentials ctx
// carries, made sure of first; nil (and no error) without Credentials. A
// role that cannot be assumed is a *task.FailureError (States.TaskFailed),
// as are Credentials that name none (States.Runtime). A nil Roles fails
// every Task that has Credentials.
func (r *Roles) Credentials(ctx context.Context) (aws.CredentialsProvider, error) {
	arn, err := Role(ctx)
	if err != nil || arn == "" {
		return nil, err
	}
	if r == nil {
		return nil, &task.FailureError{Result: task.Failure(asl.ErrorTaskFailed,
			fmt.Sprintf("Unable to assume the role '%s' %s: this integration is not configured to assume roles.", arn, whose(ctx)))}
	}
	return r.Assume(ctx, arn)
}

// Assume is the provider of the role arn, whose credentials it retrieves
// (from the cache or STS) first: a role that cannot be assumed is a
// *task.FailureError (States.TaskFailed).
func (r *Roles) Assume(ctx context.Context, arn string) (*aws.CredentialsCache, error) {
	c := r.cache(arn)
	if _, err := c.Retrieve(ctx); err != nil {
		return nil, &task.FailureError{Result: task.Failure(asl.ErrorTaskFailed,
			fmt.Sprintf("Unable to assume the role '%s' %s: %v", arn, whose(ctx), err))}
	}
	return c, nil
}

func (r *Roles) cache(arn string) *aws.CredentialsCache {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stsClient == nil {
		r.stsClient = sts.NewFromConfig(r.cfg, func(o *sts.Options) {
			if r.stsEndpoint != "" {
				o.BaseEndpoint = aws.String(r.stsEndpoint)
			}
		})
	}
	c, ok := r.creds[arn]
	if !ok {
		p := stscreds.NewAssumeRoleProvider(r.stsClient, arn, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = sessionName
		})
		c = aws.NewCredentialsCache(p, func(o *aws.CredentialsCacheOptions) { o.ExpiryWindow = expiryWindow })
		r.creds[arn] = c
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

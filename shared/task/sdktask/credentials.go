package sdktask

import (
	"context"
	"errors"
	"sync"

	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// roleClients holds the service clients that sign with a Task role's
// credentials, made on first use.
type roleClients struct {
	mu      sync.Mutex
	clients map[[2]string]any // {service, role ARN} → client
}

// callClient is svc's client for the Task Credentials ctx carries
// (task.WithCredentials), signing with their role, or the base client
// without any; Credentials that fail are a *task.FailureError, as an
// aws-sdk Task with them would fail.
func (i *Invoker) callClient(ctx context.Context, svc *service) (any, error) {
	arn, err := taskrole.Role(ctx)
	if err != nil || arn == "" {
		return svc.get(i), err
	}
	creds, err := i.roles.Assume(ctx, arn)
	if err != nil {
		return nil, err
	}
	i.roleClients.mu.Lock()
	defer i.roleClients.mu.Unlock()
	key := [2]string{svc.Name, arn}
	c, ok := i.roleClients.clients[key]
	if !ok {
		cfg := i.cfg.Copy()
		cfg.Credentials = creds
		c = svc.Client(cfg, i.opts.Endpoints[svc.Name])
		if i.roleClients.clients == nil {
			i.roleClients.clients = map[[2]string]any{}
		}
		i.roleClients.clients[key] = c
	}
	return c, nil
}

// credentialsFailure is the Task's failure of a callClient error.
func credentialsFailure(err error) (task.Result, bool) {
	var fe *task.FailureError
	if errors.As(err, &fe) {
		return fe.Result, true
	}
	return task.Result{}, false
}

package sdktask

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwise/stepwise/shared/task"
)

// roleClients holds the service clients that sign with a Task role's
// credentials, made on first use.
type roleClients struct {
	mu      sync.Mutex
	clients map[roleClient]any
}

// roleClient keys a service's client by the credentials it signs with
// (one provider per chain of roles).
type roleClient struct {
	service string
	creds   aws.CredentialsProvider
}

// callClient is svc's client for the Task Credentials ctx carries
// (task.WithCredentials), signing with their role, or the base client
// without any; Credentials that fail are a *task.FailureError, as an
// aws-sdk Task with them would fail.
func (i *Invoker) callClient(ctx context.Context, svc *service) (any, error) {
	creds, err := i.roles.Credentials(ctx)
	if err != nil {
		return nil, err
	}
	if creds == nil {
		return svc.get(i), nil
	}
	i.roleClients.mu.Lock()
	defer i.roleClients.mu.Unlock()
	key := roleClient{svc.Name, creds}
	c, ok := i.roleClients.clients[key]
	if !ok {
		cfg := i.cfg.Copy()
		cfg.Credentials = creds
		c = svc.Client(cfg, i.opts.Endpoints[svc.Name])
		if i.roleClients.clients == nil {
			i.roleClients.clients = map[roleClient]any{}
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

package httptask

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"

	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// EventBridgeAPI is the EventBridge call AWSConnections makes.
type EventBridgeAPI interface {
	DescribeConnection(ctx context.Context, in *eventbridge.DescribeConnectionInput, opts ...func(*eventbridge.Options)) (*eventbridge.DescribeConnectionOutput, error)
}

// SecretsAPI is the Secrets Manager call AWSConnections makes.
type SecretsAPI interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// AWSConnections reads connections where Step Functions reads them: the
// connection from EventBridge (DescribeConnection), its secret values from
// the Secrets Manager secret EventBridge keeps for it; for a Task with
// Credentials (in the context, task.WithCredentials), with its role.
type AWSConnections struct {
	Events  EventBridgeAPI
	Secrets SecretsAPI
	Roles   *taskrole.Roles
}

var _ Resolver = AWSConnections{}

// NewAWSConnections returns a resolver over clients made from cfg, reading
// the connections of Tasks with Credentials with the roles of roles.
func NewAWSConnections(cfg aws.Config, roles *taskrole.Roles) AWSConnections {
	return AWSConnections{Events: eventbridge.NewFromConfig(cfg), Secrets: secretsmanager.NewFromConfig(cfg), Roles: roles}
}

// Connection describes the connection arn and adds its secret values.
func (a AWSConnections) Connection(ctx context.Context, arn string) (Connection, error) {
	name, ok := connectionName(arn)
	if !ok {
		return Connection{}, fmt.Errorf("%w: %s is not a connection ARN", ErrNotFound, arn)
	}
	creds, err := a.Roles.Credentials(ctx)
	if err != nil {
		return Connection{}, err
	}
	out, err := a.Events.DescribeConnection(ctx, &eventbridge.DescribeConnectionInput{Name: aws.String(name)},
		func(o *eventbridge.Options) { signWith(&o.Credentials, creds) })
	if err != nil {
		return Connection{}, fmt.Errorf("describe connection %s: %w", name, awsError(err))
	}
	if got := aws.ToString(out.ConnectionArn); got != "" && got != arn {
		return Connection{}, fmt.Errorf("%w: %s (found %s)", ErrNotFound, arn, got)
	}
	var sec secret
	if out.SecretArn != nil {
		s, err := a.Secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: out.SecretArn},
			func(o *secretsmanager.Options) { signWith(&o.Credentials, creds) })
		if err != nil {
			return Connection{}, fmt.Errorf("read the secret of connection %s: %w", name, awsError(err))
		}
		if err := json.Unmarshal([]byte(aws.ToString(s.SecretString)), &sec); err != nil {
			return Connection{}, fmt.Errorf("the secret of connection %s is not EventBridge's JSON: %w", name, err)
		}
	}
	return fromDescription(out, sec), nil
}

// signWith makes a call sign with creds, the Task's role, when set.
func signWith(dst *aws.CredentialsProvider, creds aws.CredentialsProvider) {
	if creds != nil {
		*dst = creds
	}
}

// connectionName is <name> of arn:…:connection/<name>/<id>.
func connectionName(arn string) (string, bool) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) != 6 || p[2] != "events" {
		return "", false
	}
	parts := strings.Split(p[5], "/")
	if len(parts) < 2 || parts[0] != "connection" || parts[1] == "" {
		return "", false
	}
	return parts[1], true
}

// awsError marks the service errors callers branch on.
func awsError(err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "ResourceNotFoundException":
			return fmt.Errorf("%w: %v", ErrNotFound, err)
		case "AccessDeniedException":
			return fmt.Errorf("%w: %v", ErrAccessDenied, err)
		}
	}
	return err
}

// fromDescription builds the connection: names and public values from the
// description, secret values from the secret.
func fromDescription(out *eventbridge.DescribeConnectionOutput, sec secret) Connection {
	c := Connection{AuthorizationType: string(out.AuthorizationType), ConnectionState: string(out.ConnectionState)}
	ap := out.AuthParameters
	if ap == nil {
		return c
	}
	if k := ap.ApiKeyAuthParameters; k != nil {
		c.AuthParameters.APIKey = &APIKeyAuth{Name: aws.ToString(k.ApiKeyName), Value: sec.APIKeyValue}
	}
	if b := ap.BasicAuthParameters; b != nil {
		c.AuthParameters.Basic = &BasicAuth{Username: aws.ToString(b.Username), Password: sec.Password}
	}
	if o := ap.OAuthParameters; o != nil {
		c.AuthParameters.OAuth = &OAuth{Endpoint: aws.ToString(o.AuthorizationEndpoint), HTTPMethod: string(o.HttpMethod),
			Client: OAuthClient{Secret: sec.ClientSecret}, HTTP: httpParameters(o.OAuthHttpParameters, sec.OAuthHTTP)}
		if o.ClientParameters != nil {
			c.AuthParameters.OAuth.Client.ID = aws.ToString(o.ClientParameters.ClientID)
		}
	}
	c.AuthParameters.Invocation = httpParameters(ap.InvocationHttpParameters, sec.InvocationHTTP)
	return c
}

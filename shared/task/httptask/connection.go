package httptask

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Authorization types of an EventBridge connection.
const (
	AuthAPIKey = "API_KEY"
	AuthBasic  = "BASIC"
	AuthOAuth  = "OAUTH_CLIENT_CREDENTIALS"
)

// Connection is an EventBridge connection with its secret values, shaped
// as CreateConnection takes it (the JSON names are EventBridge's), so that
// a connections file reads like the connection a user created.
type Connection struct {
	AuthorizationType string         `json:"AuthorizationType"`
	AuthParameters    AuthParameters `json:"AuthParameters"`
	// ConnectionState is AUTHORIZED (or empty, taken as AUTHORIZED); any
	// other state fails tasks as Events.ConnectionResource.InvalidConnectionState.
	ConnectionState string `json:"ConnectionState,omitempty"`
}

// AuthParameters holds the parameters of the connection's authorization type.
type AuthParameters struct {
	APIKey     *APIKeyAuth    `json:"ApiKeyAuthParameters,omitempty"`
	Basic      *BasicAuth     `json:"BasicAuthParameters,omitempty"`
	OAuth      *OAuth         `json:"OAuthParameters,omitempty"`
	Invocation HTTPParameters `json:"InvocationHttpParameters"`
}

// APIKeyAuth sends Name: Value as a header.
type APIKeyAuth struct {
	Name  string `json:"ApiKeyName"`
	Value string `json:"ApiKeyValue"`
}

// BasicAuth sends an Authorization: Basic header.
type BasicAuth struct {
	Username string `json:"Username"`
	Password string `json:"Password"`
}

// OAuth is the client-credentials grant: the token comes from Endpoint.
type OAuth struct {
	Endpoint   string         `json:"AuthorizationEndpoint"`
	HTTPMethod string         `json:"HttpMethod"`
	Client     OAuthClient    `json:"ClientParameters"`
	HTTP       HTTPParameters `json:"OAuthHttpParameters"`
}

// OAuthClient identifies the client to the authorization endpoint.
type OAuthClient struct {
	ID     string `json:"ClientID"`
	Secret string `json:"ClientSecret"`
}

// HTTPParameters are extra headers, query and body parameters.
type HTTPParameters struct {
	Headers []Parameter `json:"HeaderParameters,omitempty"`
	Query   []Parameter `json:"QueryStringParameters,omitempty"`
	Body    []Parameter `json:"BodyParameters,omitempty"`
}

// Parameter is one key and value.
type Parameter struct {
	Key           string `json:"Key"`
	Value         string `json:"Value"`
	IsValueSecret bool   `json:"IsValueSecret,omitempty"`
}

// Resolver finds a connection by ARN. Errors wrapping ErrNotFound or
// ErrAccessDenied become AWS's connection errors; others InternalError.
type Resolver interface {
	Connection(ctx context.Context, arn string) (Connection, error)
}

// Resolver errors.
var (
	ErrNotFound     = errors.New("connection not found")
	ErrAccessDenied = errors.New("access to the connection denied")
)

// Connections is a fixed set of connections keyed by ARN (`stepwise run`
// and `serve` read one from --connections).
type Connections map[string]Connection

var _ Resolver = Connections(nil)

// Connection returns the connection arn.
func (c Connections) Connection(_ context.Context, arn string) (Connection, error) {
	conn, ok := c[arn]
	if !ok {
		return Connection{}, fmt.Errorf("%w: %s", ErrNotFound, arn)
	}
	return conn, nil
}

// LoadConnections reads a connections file (JSON keyed by connection ARN).
func LoadConnections(file string) (Connections, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read connections: %w", err)
	}
	c, err := ParseConnections(data)
	if err != nil {
		return nil, fmt.Errorf("connections file %s: %w", file, err)
	}
	return c, nil
}

// ParseConnections decodes and checks a connections document.
func ParseConnections(data []byte) (Connections, error) {
	var c Connections
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, err
	}
	for arn, conn := range c {
		if err := check(arn, conn); err != nil {
			return nil, fmt.Errorf("%s: %w", arn, err)
		}
	}
	return c, nil
}

// check reports a connection that could never authorize a call.
func check(arn string, c Connection) error {
	if p := strings.SplitN(arn, ":", 6); len(p) != 6 || p[0] != "arn" || p[2] != "events" || !strings.HasPrefix(p[5], "connection/") {
		return errors.New("not a connection ARN (arn:aws:events:<region>:<account>:connection/<name>/<id>)")
	}
	p := c.AuthParameters
	switch {
	case c.AuthorizationType == AuthAPIKey && (p.APIKey == nil || p.APIKey.Name == ""):
		return errors.New("API_KEY needs AuthParameters.ApiKeyAuthParameters.ApiKeyName")
	case c.AuthorizationType == AuthBasic && p.Basic == nil:
		return errors.New("BASIC needs AuthParameters.BasicAuthParameters")
	case c.AuthorizationType == AuthOAuth && (p.OAuth == nil || p.OAuth.Endpoint == ""):
		return errors.New("OAUTH_CLIENT_CREDENTIALS needs AuthParameters.OAuthParameters.AuthorizationEndpoint")
	case c.AuthorizationType != AuthAPIKey && c.AuthorizationType != AuthBasic && c.AuthorizationType != AuthOAuth:
		return fmt.Errorf("AuthorizationType %q: want API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS", c.AuthorizationType)
	}
	return nil
}

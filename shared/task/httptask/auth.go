package httptask

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// authorize adds the connection's credentials to req.
func (i *Invoker) authorize(ctx context.Context, req *http.Request, arn string, c Connection) error {
	p := c.AuthParameters
	switch c.AuthorizationType {
	case AuthAPIKey:
		req.Header[http.CanonicalHeaderKey(p.APIKey.Name)] = []string{p.APIKey.Value}
	case AuthBasic:
		req.SetBasicAuth(p.Basic.Username, p.Basic.Password)
	case AuthOAuth:
		tok, err := i.tokens.get(ctx, i.client, arn, p.OAuth)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return nil
}

// tokenMargin renews a token this long before it expires.
const tokenMargin = 30 * time.Second

// defaultTokenLife applies when the endpoint gives no expires_in.
const defaultTokenLife = time.Hour

// tokens caches OAuth access tokens per connection, as EventBridge keeps a
// connection's token until it expires.
type tokens struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]token
}

type token struct {
	value   string
	expires time.Time
}

// get returns a cached token for arn or fetches a new one.
func (t *tokens) get(ctx context.Context, client *http.Client, arn string, o *OAuth) (string, error) {
	t.mu.Lock()
	tok, ok := t.m[arn]
	t.mu.Unlock()
	if ok && t.now().Before(tok.expires) {
		return tok.value, nil
	}
	tok, err := fetchToken(ctx, client, o, t.now())
	if err != nil {
		return "", err
	}
	t.mu.Lock()
	t.m[arn] = tok
	t.mu.Unlock()
	return tok.value, nil
}

// drop forgets arn's token: the API refused it.
func (t *tokens) drop(arn string) {
	t.mu.Lock()
	delete(t.m, arn)
	t.mu.Unlock()
}

// fetchToken asks the authorization endpoint for a client-credentials
// token: the client ID and secret as Basic credentials, the connection's
// OAuth parameters added, grant_type=client_credentials unless they set it.
func fetchToken(ctx context.Context, client *http.Client, o *OAuth, now time.Time) (token, error) {
	req, err := tokenRequest(ctx, o)
	if err != nil {
		return token{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return token{}, fmt.Errorf("OAuth token request to %s: %w", o.Endpoint, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return token{}, fmt.Errorf("OAuth token request to %s answered %s", o.Endpoint, resp.Status)
	}
	var body struct {
		AccessToken string      `json:"access_token"`
		ExpiresIn   json.Number `json:"expires_in"`
	}
	if err := json.Unmarshal(data, &body); err != nil || body.AccessToken == "" {
		return token{}, fmt.Errorf("OAuth token response from %s has no access_token", o.Endpoint)
	}
	life := defaultTokenLife
	if secs, err := body.ExpiresIn.Int64(); err == nil && secs > 0 {
		life = time.Duration(secs) * time.Second
	}
	return token{value: body.AccessToken, expires: now.Add(life - tokenMargin)}, nil
}

func tokenRequest(ctx context.Context, o *OAuth) (*http.Request, error) {
	form := []pair{{key: "grant_type", value: "client_credentials"}}
	for _, p := range o.HTTP.Body {
		form = mergeQuery(form, []Parameter{p})
	}
	method := strings.ToUpper(o.HTTPMethod)
	if method == "" {
		method = http.MethodPost
	}
	q := o.HTTP.Query
	var body io.Reader
	if method == http.MethodGet {
		q = append(append([]Parameter{}, q...), toParameters(form)...)
	} else {
		body = strings.NewReader(encode(form))
	}
	req, err := http.NewRequestWithContext(ctx, method, o.Endpoint, body)
	if err != nil {
		return nil, fmt.Errorf("OAuth authorization endpoint %q: %w", o.Endpoint, err)
	}
	if enc := encode(mergeQuery(nil, q)); enc != "" {
		req.URL.RawQuery = strings.TrimPrefix(req.URL.RawQuery+"&"+enc, "&")
	}
	if body != nil {
		req.Header.Set("Content-Type", formContentType)
	}
	for _, h := range o.HTTP.Headers {
		req.Header.Set(h.Key, h.Value)
	}
	req.SetBasicAuth(o.Client.ID, o.Client.Secret)
	return req, nil
}

func toParameters(ps []pair) []Parameter {
	out := make([]Parameter, len(ps))
	for i, p := range ps {
		out[i] = Parameter{Key: p.key, Value: p.value}
	}
	return out
}

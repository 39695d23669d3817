package httptask

import (
	"context"
	"net/http"
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

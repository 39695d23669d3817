package apigwtask

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// call is a validated request.
type call struct {
	endpoint, method, stage, path, auth string
	headers, query                      map[string][]string
	body                                string
	hasBody, jsonBody                   bool
}

var (
	endpointPattern = regexp.MustCompile(`^[0-9a-z]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$`)
	methods         = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}
	authTypes       = []string{"NO_AUTH", "IAM_ROLE", "RESOURCE_POLICY"}
	// forbiddenHeaders may not be set, for the reasons of security AWS
	// gives (besides every X-Forwarded*, X-Amz* and X-Amzn* header).
	forbiddenHeaders = []string{"authorization", "connection", "content-md5", "expect", "host", "max-forwards",
		"proxy-authenticate", "server", "te", "transfer-encoding", "trailer", "upgrade", "via", "www-authenticate"}
)

// parseCall checks the Parameters as Step Functions does.
func parseCall(p *jsonval.Object) (*call, error) {
	c := &call{auth: "NO_AUTH"}
	var err error
	if c.endpoint, err = str(p, "ApiEndpoint", true); err != nil {
		return nil, err
	}
	if !endpointPattern.MatchString(c.endpoint) {
		return nil, fmt.Errorf("the ApiEndpoint '%s' is not of the form <API ID>.execute-api.<region>.amazonaws.com", c.endpoint)
	}
	if c.method, err = str(p, "Method", true); err != nil {
		return nil, err
	}
	if !slices.Contains(methods, c.method) {
		return nil, fmt.Errorf("the Method '%s' is not one of %s", c.method, strings.Join(methods, ", "))
	}
	if c.stage, err = str(p, "Stage", false); err != nil {
		return nil, err
	}
	if c.path, err = str(p, "Path", false); err != nil {
		return nil, err
	}
	if auth, _ := str(p, "AuthType", false); auth != "" {
		if !slices.Contains(authTypes, auth) {
			return nil, fmt.Errorf("the AuthType '%s' is not one of %s", auth, strings.Join(authTypes, ", "))
		}
		c.auth = auth
	}
	if c.headers, err = lists(p, "Headers"); err != nil {
		return nil, err
	}
	for h := range c.headers {
		if forbidden(h) {
			return nil, fmt.Errorf("the header '%s' is not permitted", h)
		}
	}
	if c.query, err = lists(p, "QueryParameters"); err != nil {
		return nil, err
	}
	if b, ok := p.Get("RequestBody"); ok && b != nil {
		c.hasBody = true
		if s, isText := b.(string); isText {
			c.body = s
		} else {
			c.body, c.jsonBody = jsonval.String(b), true
		}
	}
	return c, nil
}

// region is the API's region, from its endpoint.
func (c *call) region() string { return endpointPattern.FindStringSubmatch(c.endpoint)[1] }

// target is the URL under base: /<stage>/<path>?<query>.
func (c *call) target(base string) string {
	u := strings.TrimRight(base, "/")
	for _, part := range []string{c.stage, c.path} {
		if part = strings.Trim(part, "/"); part != "" {
			u += "/" + part
		}
	}
	if len(c.query) > 0 {
		u += "?" + url.Values(c.query).Encode()
	}
	return u
}

func forbidden(h string) bool {
	l := strings.ToLower(h)
	return strings.HasPrefix(l, "x-forwarded") || strings.HasPrefix(l, "x-amz") || slices.Contains(forbiddenHeaders, l)
}

func str(p *jsonval.Object, k string, required bool) (string, error) {
	v, ok := p.Get(k)
	if !ok || v == nil {
		if required {
			return "", fmt.Errorf("the field '%s' is required", k)
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("the field '%s' must be a string", k)
	}
	return s, nil
}

// lists reads a {"key": ["value", …]} member.
func lists(p *jsonval.Object, k string) (map[string][]string, error) {
	v, ok := p.Get(k)
	if !ok || v == nil {
		return nil, nil
	}
	o, ok := v.(*jsonval.Object)
	if !ok {
		return nil, fmt.Errorf("the field '%s' must be an object of string arrays", k)
	}
	out := map[string][]string{}
	var bad error
	o.Range(func(key string, x jsonval.Value) bool {
		arr, ok := x.([]jsonval.Value)
		if !ok {
			bad = errors.New("the values of '" + k + "' must be arrays of strings")
			return false
		}
		for _, e := range arr {
			s, ok := e.(string)
			if !ok {
				bad = errors.New("the values of '" + k + "' must be arrays of strings")
				return false
			}
			out[key] = append(out[key], s)
		}
		return true
	})
	return out, bad
}

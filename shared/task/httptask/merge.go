package httptask

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Headers Step Functions sets on every call (the developer guide shows them).
const (
	userAgentPrefix = "Amazon|StepFunctions|HttpInvoke|"
	rangeHeader     = "bytes=0-262144"
	jsonContentType = "application/json; charset=UTF-8"
	formContentType = "application/x-www-form-urlencoded"
)

// errStringBody: a string RequestBody cannot take a connection's body
// parameters (States.Runtime, as the developer guide says).
var errStringBody = paramError("The RequestBody cannot be merged with the body parameters of the connection: merging needs a JSON object")

// newRequest builds the call with the connection's invocation parameters
// merged in (the connection's values win over the task's).
func newRequest(ctx context.Context, c *call, inv HTTPParameters, region string) (*http.Request, error) {
	body, err := mergeBody(c.body, inv.Body)
	if err != nil {
		return nil, err
	}
	u := *c.endpoint
	if q := encode(mergeQuery(c.query, inv.Query)); q != "" {
		u.RawQuery = strings.TrimPrefix(u.RawQuery+"&"+q, "&")
	}
	text, hasBody := encodeBody(body, c)
	var r io.Reader
	if hasBody {
		r = strings.NewReader(text)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, u.String(), r)
	if err != nil {
		return nil, err
	}
	for _, h := range mergeHeaders(c.headers, inv.Headers) {
		req.Header[http.CanonicalHeaderKey(h.Key)] = []string{h.Value}
	}
	if hasBody && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", defaultContentType(c))
	}
	req.Header.Set("User-Agent", userAgentPrefix+region)
	req.Header.Set("Range", rangeHeader)
	return req, nil
}

// mergeBody adds the connection's body parameters to the task's body.
func mergeBody(body jsonval.Value, params []Parameter) (jsonval.Value, error) {
	if len(params) == 0 {
		return body, nil
	}
	var obj *jsonval.Object
	switch b := body.(type) {
	case nil:
		obj = jsonval.NewObject(len(params))
	case *jsonval.Object:
		obj = b.Clone()
	default:
		return nil, errStringBody
	}
	for _, p := range params {
		obj.Set(p.Key, p.Value)
	}
	return obj, nil
}

// mergeQuery appends the connection's query parameters, replacing the
// task's of the same key.
func mergeQuery(task []pair, conn []Parameter) []pair {
	out := make([]pair, 0, len(task)+len(conn))
	for _, p := range task {
		if !hasKey(conn, p.key, false) {
			out = append(out, p)
		}
	}
	for _, p := range conn {
		out = append(out, pair{key: p.Key, value: p.Value})
	}
	return out
}

// mergeHeaders appends the connection's headers, replacing the task's of
// the same name (names are case-insensitive).
func mergeHeaders(task, conn []Parameter) []Parameter {
	out := make([]Parameter, 0, len(task)+len(conn))
	for _, h := range task {
		if !hasKey(conn, h.Key, true) {
			out = append(out, h)
		}
	}
	return append(out, conn...)
}

func hasKey(ps []Parameter, key string, foldCase bool) bool {
	for _, p := range ps {
		if p.Key == key || (foldCase && strings.EqualFold(p.Key, key)) {
			return true
		}
	}
	return false
}

// encodeBody serializes the body: a string as it is, an object as form
// data under URL_ENCODED, anything else as JSON.
func encodeBody(body jsonval.Value, c *call) (string, bool) {
	switch b := body.(type) {
	case nil:
		return "", false
	case string:
		return b, true
	case *jsonval.Object:
		if c.urlEncoded {
			return encode(pairs(b, c.arrayFormat)), true
		}
	}
	return jsonval.String(body), true
}

func defaultContentType(c *call) string {
	if c.urlEncoded {
		return formContentType
	}
	return jsonContentType
}

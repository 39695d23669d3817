package httptask

import (
	"context"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/task"
)

// masked stands for a value the connection inserted, unless the tracer
// reveals secrets.
const masked = "<redacted>"

// trace reports the call to ctx's tracer (TestState TRACE), if any.
func trace(ctx context.Context, req *http.Request, conn Connection, resp *http.Response, body []byte) {
	t := task.HTTPTracerFrom(ctx)
	if t == nil || t.Record == nil {
		return
	}
	hide := map[string]bool{}
	if !t.RevealSecrets {
		hide = secretHeaders(conn)
	}
	x := task.HTTPExchange{Request: task.HTTPRequest{
		Protocol: req.URL.Scheme, Method: req.Method, URL: req.URL.String(),
		Headers: renderHeaders(req.Header, req.Host, hide), Body: requestBody(req),
	}}
	if resp != nil {
		x.Response = &task.HTTPResponse{Protocol: req.URL.Scheme, StatusCode: strconv.Itoa(resp.StatusCode),
			StatusMessage: statusText(resp), Headers: renderHeaders(resp.Header, "", nil), Body: string(body)}
	}
	t.Record(x)
}

// secretHeaders are the canonical names of the headers whose values come
// from the connection's credentials or its secret parameters.
func secretHeaders(c Connection) map[string]bool {
	hide := map[string]bool{"Authorization": true}
	if k := c.AuthParameters.APIKey; k != nil {
		hide[http.CanonicalHeaderKey(k.Name)] = true
	}
	for _, h := range c.AuthParameters.Invocation.Headers {
		if h.IsValueSecret {
			hide[http.CanonicalHeaderKey(h.Key)] = true
		}
	}
	return hide
}

// renderHeaders spells headers as "[Name: value, …]", sorted by name.
func renderHeaders(h http.Header, host string, hide map[string]bool) string {
	var parts []string
	if host != "" {
		parts = append(parts, "Host: "+host)
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := strings.Join(h[k], ",")
		if hide[k] {
			v = masked
		}
		parts = append(parts, k+": "+v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func requestBody(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	r, err := req.GetBody()
	if err != nil {
		return ""
	}
	b, _ := io.ReadAll(r)
	return string(b)
}

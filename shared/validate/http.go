package validate

import "strings"

// httpInvoke is the HTTP Task's resource.
const httpInvoke = "arn:aws:states:::http:invoke"

// forbiddenHTTPHeaders are the request headers an HTTP Task may not set
// (the developer guide, "Call HTTPS APIs"), lower-cased; Step Functions sets
// Host, User-Agent and Range itself, and authorization belongs to the
// EventBridge connection.
var forbiddenHTTPHeaders = []string{
	"a-im", "accept-charset", "accept-datetime", "accept-encoding", "authorization",
	"cache-control", "connection", "content-encoding", "content-md5", "date", "expect",
	"forwarded", "from", "host", "http2-settings", "if-match", "if-modified-since",
	"if-none-match", "if-range", "if-unmodified-since", "max-forwards", "origin", "pragma",
	"proxy-authorization", "referer", "server", "te", "trailer", "transfer-encoding",
	"upgrade", "via", "warning",
}

var forbiddenHTTPHeaderPrefixes = []string{"x-forwarded-", "x-amz-", "x-amzn-"}

// ForbiddenHTTPHeader reports whether an HTTP Task refuses the header name.
func ForbiddenHTTPHeader(name string) bool {
	n := strings.ToLower(name)
	for _, p := range forbiddenHTTPHeaderPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return contains(forbiddenHTTPHeaders, n)
}

// UnsupportedHTTPHeaders returns the names an HTTP Task refuses, lower-cased
// and in order, as AWS lists them.
func UnsupportedHTTPHeaders(names []string) []string {
	var bad []string
	for _, n := range names {
		if ForbiddenHTTPHeader(n) {
			bad = append(bad, strings.ToLower(n))
		}
	}
	return bad
}

// MsgUnsupportedHTTPHeaders is AWS's message for refused headers, both at
// definition time and when headers chosen at run time are refused.
func MsgUnsupportedHTTPHeaders(bad []string) string {
	return "The 'Headers' field contains unsupported values: [" + strings.Join(bad, ", ") + "]"
}

// httpTask refuses the static Headers of an HTTP Task that AWS refuses when
// the definition is created; headers chosen at run time fail the task.
func (c *checker) httpTask(st *state) {
	if v, _ := st.get("Resource"); v != httpInvoke {
		return
	}
	field := "Parameters"
	if st.jsonata() {
		field = "Arguments"
	}
	v, _ := st.get(field)
	params, ok := asObject(v)
	if !ok {
		return
	}
	h, _ := params.Get("Headers")
	headers, ok := asObject(h)
	if !ok {
		return
	}
	if bad := UnsupportedHTTPHeaders(headers.Keys()); len(bad) > 0 {
		c.schema(join(st.loc, field), MsgUnsupportedHTTPHeaders(bad))
	}
}

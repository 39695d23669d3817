package httptask

import (
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// maxResponse bounds the body read; a result over Step Functions' payload
// quota fails afterwards as States.DataLimitExceeded.
const maxResponse = 1 << 20

// outcome turns a response into the task's result: {Headers, ResponseBody,
// StatusCode, StatusText}, or States.Http.StatusCode.<code> with that same
// object as cause when the status is not 2XX.
func outcome(resp *http.Response, text []byte) task.Result {
	if t := mediaType(resp.Header); unsupportedType(t) {
		return task.Failure(asl.ErrorRuntime, fmt.Sprintf("The HTTP response has the content type '%s', which an HTTP Task does not support.", t))
	}
	if !utf8.Valid(text) {
		return task.Failure(asl.ErrorRuntime, "The HTTP response body cannot be read as a valid string.")
	}
	out := result(resp, string(text))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return task.Failure(asl.ErrorHTTPStatusCodePrefix+strconv.Itoa(resp.StatusCode), jsonval.String(out))
	}
	return task.Success(out)
}

func result(resp *http.Response, text string) *jsonval.Object {
	out := jsonval.NewObject(4)
	out.Set("Headers", responseHeaders(resp.Header))
	out.Set("ResponseBody", responseBody(resp.Header, text))
	out.Set("StatusCode", jsonval.NumberFromInt(int64(resp.StatusCode)))
	out.Set("StatusText", statusText(resp))
	return out
}

// responseHeaders lists each header (lower-cased name, sorted) with its values.
func responseHeaders(h http.Header) *jsonval.Object {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	out := jsonval.NewObject(len(names))
	for _, k := range names {
		vals := make([]any, len(h[k]))
		for i, v := range h[k] {
			vals[i] = v
		}
		out.Set(strings.ToLower(k), vals)
	}
	return out
}

// responseBody is the body parsed when the response says it is JSON, else
// the text itself.
func responseBody(h http.Header, text string) jsonval.Value {
	t := mediaType(h)
	if t == "application/json" || strings.HasSuffix(t, "+json") {
		if v, err := jsonval.DecodeString(text); err == nil {
			return v
		}
	}
	return text
}

func statusText(resp *http.Response) string {
	if s := strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)+" "); s != resp.Status {
		return s
	}
	return http.StatusText(resp.StatusCode)
}

func mediaType(h http.Header) string {
	t, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return strings.ToLower(t)
}

func unsupportedType(t string) bool {
	return t == "application/octet-stream" || strings.HasPrefix(t, "image/") ||
		strings.HasPrefix(t, "video/") || strings.HasPrefix(t, "audio/")
}

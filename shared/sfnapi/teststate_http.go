package sfnapi

import (
	"context"
	"sync"

	"github.com/stepwise/stepwise/shared/task"
)

// inspectionRequest and inspectionResponse are TestState's
// InspectionDataRequest and InspectionDataResponse: the HTTP call of an
// HTTP Task, shown at inspection level TRACE.
type inspectionRequest struct {
	Protocol string `json:"protocol"`
	Method   string `json:"method"`
	URL      string `json:"url"`
	Headers  string `json:"headers"`
	Body     string `json:"body"`
}

type inspectionResponse struct {
	Protocol      string `json:"protocol"`
	StatusCode    string `json:"statusCode"`
	StatusMessage string `json:"statusMessage"`
	Headers       string `json:"headers"`
	Body          string `json:"body"`
}

// httpTrace keeps the last HTTP call of the tested state.
type httpTrace struct {
	mu sync.Mutex
	x  *task.HTTPExchange
}

// traceHTTP makes the tested state's HTTP calls visible at level TRACE;
// reveal shows what connections insert (RevealSecrets).
func (h *httpTrace) traceHTTP(ctx context.Context, level string, reveal bool) context.Context {
	if level != "TRACE" {
		return ctx
	}
	return task.WithHTTPTracer(ctx, &task.HTTPTracer{RevealSecrets: reveal, Record: func(x task.HTTPExchange) {
		h.mu.Lock()
		h.x = &x
		h.mu.Unlock()
	}})
}

// fill adds the traced call to d.
func (h *httpTrace) fill(d *inspectionData) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.x == nil {
		return
	}
	q := h.x.Request
	d.Request = &inspectionRequest{Protocol: q.Protocol, Method: q.Method, URL: q.URL, Headers: q.Headers, Body: q.Body}
	if r := h.x.Response; r != nil {
		d.Response = &inspectionResponse{Protocol: r.Protocol, StatusCode: r.StatusCode, StatusMessage: r.StatusMessage, Headers: r.Headers, Body: r.Body}
	}
}

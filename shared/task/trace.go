package task

import "context"

// HTTPExchange is one HTTP call a task made, in the shape of TestState's
// TRACE inspection (InspectionDataRequest and InspectionDataResponse).
type HTTPExchange struct {
	Request  HTTPRequest
	Response *HTTPResponse // nil when no response came
}

// HTTPRequest is the request of an HTTPExchange.
type HTTPRequest struct {
	Protocol, Method, URL, Headers, Body string
}

// HTTPResponse is the response of an HTTPExchange.
type HTTPResponse struct {
	Protocol, StatusCode, StatusMessage, Headers, Body string
}

// HTTPTracer receives the HTTP calls of the tasks run under its context.
type HTTPTracer struct {
	// RevealSecrets shows the values a connection inserts (credentials,
	// secret parameters) instead of masking them.
	RevealSecrets bool
	Record        func(HTTPExchange)
}

type tracerKey struct{}

// WithHTTPTracer returns ctx carrying t: invokers that make HTTP calls
// report each one to it (TestState at inspection level TRACE).
func WithHTTPTracer(ctx context.Context, t *HTTPTracer) context.Context {
	return context.WithValue(ctx, tracerKey{}, t)
}

// HTTPTracerFrom returns ctx's tracer, or nil.
func HTTPTracerFrom(ctx context.Context) *HTTPTracer {
	t, _ := ctx.Value(tracerKey{}).(*HTTPTracer)
	return t
}

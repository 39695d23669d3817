// Package main is the API Lambda function: API Gateway HTTP API (payload
// format 2.0) requests in, the Step Functions API (sfnapi) behind them.
package main

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/stepwise/stepwise/shared/sfnapi"
)

// NewHandler returns the Lambda handler serving api. Only POST to the
// root path (of any stage) is an API call; everything else is answered
// as an unknown operation, as AWS does.
func NewHandler(api *sfnapi.API) func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return func(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		target := header(req.Headers, "X-Amz-Target")
		if req.RequestContext.HTTP.Method != http.MethodPost || !isRoot(req.RawPath, req.RequestContext.Stage) {
			target = "" // not an operation: sfnapi answers UnknownOperationException
		}
		body := []byte(req.Body)
		if req.IsBase64Encoded {
			decoded, err := base64.StdEncoding.DecodeString(req.Body)
			if err != nil {
				return respond(sfnapi.InvalidBody("Request body is not valid base64")), nil
			}
			body = decoded
		}
		status, out, code := api.Handle(ctx, target, body)
		return respond(status, out, code), nil
	}
}

// header looks a header up case-insensitively (API Gateway lower-cases
// them in payload 2.0, but test tools and emulators may not).
func header(h map[string]string, name string) string {
	if v, ok := h[strings.ToLower(name)]; ok {
		return v
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// isRoot reports whether path is "/" or the root of the named stage.
func isRoot(path, stage string) bool {
	if path == "" || path == "/" {
		return true
	}
	if stage == "" || stage == "$default" {
		return false
	}
	return path == "/"+stage || path == "/"+stage+"/"
}

func respond(status int, body []byte, errorType string) events.APIGatewayV2HTTPResponse {
	h := map[string]string{"Content-Type": sfnapi.ContentType}
	if errorType != "" {
		h["X-Amzn-ErrorType"] = errorType
	}
	return events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: h, Body: string(body)}
}

package rie

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// invoke serves Lambda's Invoke API: it finds the function, forwards the
// payload to its emulator and answers as Lambda does, including the
// X-Amz-Function-Error header the emulator does not send.
func (c *Cluster) invoke(w http.ResponseWriter, r *http.Request) {
	name, qualifier := parseFunction(r.PathValue("name"))
	if q := r.URL.Query().Get("Qualifier"); q != "" {
		qualifier = q
	}
	reqID := newRequestID()
	w.Header().Set("X-Amzn-Requestid", reqID)
	p, ok := c.procs[name]
	if !ok {
		apiError(w, http.StatusNotFound, "ResourceNotFoundException",
			fmt.Sprintf("Function not found: %s:%s", ARN(name), qualifier))
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		apiError(w, http.StatusBadRequest, "InvalidRequestContentException", "could not read the request body")
		return
	}
	if len(body) == 0 {
		body = []byte("{}") // what Lambda hands a function invoked without payload
	}
	switch r.Header.Get("X-Amz-Invocation-Type") {
	case "Event":
		c.bg.Add(1)
		go func() {
			defer c.bg.Done()
			_, _, _ = p.call(c.ctx, body, r.Header)
		}()
		w.WriteHeader(http.StatusAccepted)
	case "DryRun":
		w.WriteHeader(http.StatusNoContent)
	default:
		c.respond(w, r, p, body, reqID)
	}
}

func (c *Cluster) respond(w http.ResponseWriter, r *http.Request, p *process, body []byte, reqID string) {
	status, out, err := p.call(r.Context(), body, r.Header)
	if err != nil || status != http.StatusOK {
		apiError(w, http.StatusInternalServerError, "ServiceException", fmt.Sprintf("emulator failed: status %d, %v", status, err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amz-Executed-Version", "$LATEST")
	if msg, ok := strings.CutPrefix(string(out), "Task timed out after "); ok {
		out = timeoutPayload(reqID, msg)
		w.Header().Set("X-Amz-Function-Error", "Unhandled")
	} else if isErrorPayload(out) {
		w.Header().Set("X-Amz-Function-Error", "Unhandled")
	}
	_, _ = w.Write(out)
}

// call forwards one invocation to the emulator, one at a time.
func (p *process) call(ctx context.Context, body []byte, h http.Header) (int, []byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	for _, k := range []string{"X-Amz-Client-Context", "X-Amzn-Trace-Id"} {
		if v := h.Get(k); v != "" {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}

// parseFunction accepts NAME, NAME:QUALIFIER and (partial) function ARNs.
func parseFunction(s string) (name, qualifier string) {
	if i := strings.Index(s, "function:"); i >= 0 {
		s = s[i+len("function:"):]
	}
	name, qualifier, _ = strings.Cut(s, ":")
	if qualifier == "" {
		qualifier = "$LATEST"
	}
	return name, qualifier
}

// isErrorPayload recognizes the runtime's error document. The emulator
// returns function errors as plain 200 responses, so the shape is all there
// is to go on: an object with an errorType or errorMessage and no member
// outside the runtime's error fields.
func isErrorPayload(b []byte) bool {
	var doc map[string]json.RawMessage
	if json.Unmarshal(b, &doc) != nil {
		return false
	}
	_, hasType := doc["errorType"]
	_, hasMsg := doc["errorMessage"]
	if !hasType && !hasMsg {
		return false
	}
	for k := range doc {
		switch k {
		case "errorType", "errorMessage", "stackTrace", "requestId", "cause":
		default:
			return false
		}
	}
	return true
}

// timeoutPayload is the error document Lambda returns for a timed-out
// invocation of an OS-only runtime.
func timeoutPayload(reqID, after string) []byte {
	b, _ := json.Marshal(map[string]string{
		"errorType":    "Sandbox.Timedout",
		"errorMessage": fmt.Sprintf("RequestId: %s Error: Task timed out after %s", reqID, after),
	})
	return b
}

// apiError answers in the REST-JSON error format the SDK decodes.
func apiError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", code)
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]string{"Type": "User", "message": msg})
	_, _ = w.Write(b)
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

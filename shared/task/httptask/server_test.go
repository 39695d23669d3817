package httptask

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// apiServer is the loopback API the tests call; it also plays the OAuth
// authorization endpoint.
type apiServer struct {
	*httptest.Server
	tokenCalls atomic.Int64
}

const (
	clientID     = "client-1"
	clientSecret = "s3cret"
	accessToken  = "tok-123"
)

func newAPIServer(t *testing.T) *apiServer {
	s := &apiServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", echo)
	mux.HandleFunc("/text", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "plain words")
	})
	mux.HandleFunc("/status/{code}", status)
	mux.HandleFunc("/image", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write([]byte{0x89, 'P', 'N', 'G'})
	})
	mux.HandleFunc("/binary", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte{0xff, 0xfe, 0x00})
	})
	mux.HandleFunc("/slow", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/token", s.token)
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// echo answers with what it received, as JSON.
func echo(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	hdr := map[string]string{}
	for k := range r.Header {
		hdr[strings.ToLower(k)] = strings.Join(r.Header.Values(k), ",")
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Echo", "yes")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"method": r.Method, "query": r.URL.RawQuery, "headers": hdr, "body": string(body),
	})
}

func status(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	code := map[string]int{"404": 404, "500": 500, "503": 503, "429": 429}[r.PathValue("code")]
	w.WriteHeader(code)
	_, _ = io.WriteString(w, `{"message":"no"}`)
}

// token is a client-credentials token endpoint.
func (s *apiServer) token(w http.ResponseWriter, r *http.Request) {
	s.tokenCalls.Add(1)
	id, secret, ok := r.BasicAuth()
	_ = r.ParseForm()
	if !ok || id != clientID || secret != clientSecret || r.PostForm.Get("grant_type") != "client_credentials" ||
		r.PostForm.Get("audience") != "api" || r.URL.Query().Get("tenant") != "t1" || r.Header.Get("X-Tenant") != "t1" {
		http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"access_token":"`+accessToken+`","token_type":"Bearer","expires_in":3600}`)
}

// refusedURL is a loopback URL nothing listens on.
func refusedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr + "/x"
}

package console

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("api")) })
	h := Mount(api)
	cases := []struct {
		method, path string
		status       int
		contains     string
	}{
		{"GET", "/console/", 200, `<main id="main"`},
		{"GET", "/console/state-machine?arn=x", 200, `<main id="main"`},
		{"GET", "/console/execution?arn=x", 200, `<main id="main"`},
		{"GET", "/console/editor", 200, `<main id="main"`},
		{"GET", "/console/map-run?arn=x", 200, `<main id="main"`},
		{"GET", "/console/assets/maprun.js", 200, "DescribeMapRun"},
		{"GET", "/console", 301, ""},
		{"GET", "/console/assets/dagre.min.js", 200, "dagre"},
		{"GET", "/console/assets/execution.js", 200, "historyStatuses"},
		{"GET", "/console/nope", 404, ""},
		{"GET", "/console/assets/nope.js", 404, ""},
		{"POST", "/console/", 405, ""},
		{"POST", "/", 200, "api"},
		{"GET", "/", 200, "api"}, // the API answers what is not the console
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.contains) {
				t.Fatalf("got %d %q, want %d containing %q", rec.Code, rec.Body.String(), c.status, c.contains)
			}
		})
	}
}

func TestWeight(t *testing.T) {
	n, err := Weight()
	if err != nil || n < 50_000 || n > 500_000 {
		t.Fatalf("Weight() = %d, %v; want the embedded assets (dagre alone is ~49 KB)", n, err)
	}
}

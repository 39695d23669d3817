//go:build integration

package integration

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// jobBook is the state of a loopback job service: jobs end after runFor,
// failed when their text says FAIL, never when it says SLOW (those wait
// to be stopped).
type jobBook struct {
	mu      sync.Mutex
	runFor  time.Duration
	jobs    map[string]*fakeJob
	byToken map[string]string
	starts  map[string]int // by job text: more than 1 is a duplicate start
	stops   map[string]int // by job text
	looks   map[string]int // by job text: polls
	n       int
}

type fakeJob struct {
	id, text string
	started  time.Time
	stopped  bool
}

func newJobBook(runFor time.Duration) *jobBook {
	return &jobBook{runFor: runFor, jobs: map[string]*fakeJob{}, byToken: map[string]string{}, starts: map[string]int{}, stops: map[string]int{}, looks: map[string]int{}}
}

// start starts a job; a known idempotency token returns its job.
func (b *jobBook) start(prefix, text, token string) *fakeJob {
	b.mu.Lock()
	defer b.mu.Unlock()
	if id, ok := b.byToken[token]; ok && token != "" {
		return b.jobs[id]
	}
	b.n++
	j := &fakeJob{id: fmt.Sprintf("%s-%d", prefix, b.n), text: text, started: time.Now()}
	b.jobs[j.id], b.byToken[token] = j, j.id
	b.starts[text]++
	return j
}

// state is the job's phase in the service's words: running, ended well,
// ended badly, or stopped.
func (b *jobBook) state(id string, names [4]string) (j *fakeJob, state string, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if j, ok = b.jobs[id]; !ok {
		return nil, "", false
	}
	b.looks[j.text]++
	switch {
	case j.stopped:
		return j, names[3], true
	case strings.Contains(j.text, "SLOW") || time.Since(j.started) < b.runFor:
		return j, names[0], true
	case strings.Contains(j.text, "FAIL"):
		return j, names[2], true
	}
	return j, names[1], true
}

// looked reports whether a job has been polled: its task has parked.
func (b *jobBook) looked(text string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.looks[text] > 0
}

func (b *jobBook) stop(id string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	j, ok := b.jobs[id]
	if ok && !j.stopped {
		j.stopped = true
		b.stops[j.text]++
	}
	return ok
}

func (b *jobBook) counts() (starts, stops map[string]int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	starts, stops = map[string]int{}, map[string]int{}
	for k, v := range b.starts {
		starts[k] = v
	}
	for k, v := range b.stops {
		stops[k] = v
	}
	return starts, stops
}

func serveJSON(t *testing.T, h func(w http.ResponseWriter, r *http.Request, body map[string]any)) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		w.Header().Set("X-Amzn-Requestid", "req-1")
		h(w, r, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func reply(w http.ResponseWriter, contentType string, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func epochSeconds(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }

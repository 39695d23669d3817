// Package console is the web console: static pages, embedded in the
// binary, that call the Step Functions API from the browser like any other
// client (POST / with X-Amz-Target). It has no data route of its own, so
// it needs no authorization of its own: every call the page makes passes
// through whatever guards the API.
package console

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed assets
var assets embed.FS

// Prefix is where the console lives on the API's endpoint.
const Prefix = "/console/"

// pages are the console's URLs; each serves the same shell, whose script
// picks the view from the path.
var pages = map[string]bool{
	Prefix: true, Prefix + "state-machine": true, Prefix + "execution": true, Prefix + "editor": true,
	Prefix + "map-run": true,
}

// Handler serves the pages and their assets under Prefix.
func Handler() http.Handler {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.StripPrefix(Prefix+"assets/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
		switch {
		case r.URL.Path == "/console":
			http.Redirect(w, r, Prefix, http.StatusMovedPermanently)
		case pages[r.URL.Path]:
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, sub, "index.html")
		case strings.HasPrefix(r.URL.Path, Prefix+"assets/"):
			files.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// Mount serves the console under Prefix and everything else with api.
func Mount(api http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/console", Handler())
	mux.Handle(Prefix, Handler())
	mux.Handle("/", api)
	return mux
}

// Weight is the total size in bytes of the embedded assets (what a first
// visit downloads at most, before compression).
func Weight() (int64, error) {
	var total int64
	err := fs.WalkDir(assets, "assets", func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	return total, err
}

package local

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"
)

// DefaultHost is where `serve` listens unless told otherwise: the API has
// no authentication, so only this machine may reach it.
const DefaultHost = "127.0.0.1"

// ServerOptions configure the endpoint. Zero values get the defaults below.
type ServerOptions struct {
	Addr    string // host:port; default DefaultHost:DefaultPort
	Workers int    // concurrent steppers; default 8

	// ReadHeaderTimeout bounds reading a request's headers (default 10 s);
	// ReadTimeout the whole request, body included (default 30 s), so that
	// a client trickling its body cannot hold a connection.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	// WriteTimeout bounds writing a response, from its first byte (default
	// 30 s). It does not start with the request: StartSyncExecution and
	// GetActivityTask may rightly take minutes before answering.
	WriteTimeout time.Duration
	// IdleTimeout closes a keep-alive connection left unused (default 60 s).
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds request headers (default 64 KiB); the body is
	// bounded by the API itself (sfnapi.MaxRequestBytes).
	MaxHeaderBytes int
	// ShutdownTimeout is how long requests and steps in flight get to
	// finish once shutdown begins (default 5 s).
	ShutdownTimeout time.Duration

	Log *slog.Logger // default: discard

	// Wrap, when set, wraps the API's handler: `serve` adds the web
	// console's pages beside the API this way.
	Wrap func(api http.Handler) http.Handler
}

// Defaults of ServerOptions.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultMaxHeaderBytes    = 64 << 10
	DefaultShutdownTimeout   = 5 * time.Second
	defaultWorkers           = 8
)

func (o ServerOptions) withDefaults() ServerOptions {
	if o.Addr == "" {
		o.Addr = net.JoinHostPort(DefaultHost, strconv.Itoa(DefaultPort))
	}
	setDefault(&o.Workers, defaultWorkers)
	setDefault(&o.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	setDefault(&o.ReadTimeout, DefaultReadTimeout)
	setDefault(&o.WriteTimeout, DefaultWriteTimeout)
	setDefault(&o.IdleTimeout, DefaultIdleTimeout)
	setDefault(&o.MaxHeaderBytes, DefaultMaxHeaderBytes)
	setDefault(&o.ShutdownTimeout, DefaultShutdownTimeout)
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

// setDefault replaces a zero or negative value.
func setDefault[T int | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

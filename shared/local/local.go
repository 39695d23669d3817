// Package local is the embedded mode: the Step Functions API and the
// steppers in one process, on in-memory adapters by default or on DynamoDB
// and SQS when endpoints are configured. `stepwise serve` runs it.
package local

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/wire"
)

// DefaultPort is Step Functions Local's port, so that existing scripts work.
const DefaultPort = 8083

// Server serves the API and runs steps from its queue.
type Server struct {
	svc      wire.Service
	receiver queue.Receiver
	opts     ServerOptions
	listener net.Listener
	inFlight inFlight
}

// NewServer listens on opts.Addr (default 127.0.0.1:8083).
func NewServer(svc wire.Service, receiver queue.Receiver, opts ServerOptions) (*Server, error) {
	opts = opts.withDefaults()
	l, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	return &Server{svc: svc, receiver: receiver, opts: opts, listener: l}, nil
}

// Addr is the address the server really listens on (the chosen port when
// the requested one was 0).
func (s *Server) Addr() *net.TCPAddr { return s.listener.Addr().(*net.TCPAddr) }

// URL is the endpoint clients use: the listener's own address.
func (s *Server) URL() string { return "http://" + s.Addr().String() }

// Serve runs until ctx is done, then shuts down: it stops accepting
// connections and receiving step messages, and gives requests and steps
// in flight ShutdownTimeout to finish. Steps still running then are
// cancelled; their messages, never acknowledged, are delivered again (to
// the next `serve` on the same queue, in durable mode).
func (s *Server) Serve(ctx context.Context) error {
	srv := s.httpServer()
	// Steps outlive ctx by up to the shutdown timeout.
	stepCtx, cancelSteps := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSteps()
	var wg sync.WaitGroup
	for i := 0; i < s.opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.work(ctx, stepCtx)
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.listener) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			serveErr = fmt.Errorf("serve: %w", err)
		}
	}
	s.shutdown(srv, &wg, cancelSteps)
	return serveErr
}

// shutdown stops the HTTP server and the workers within ShutdownTimeout.
func (s *Server) shutdown(srv *http.Server, workers *sync.WaitGroup, cancelSteps context.CancelFunc) {
	grace, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(grace); err != nil {
		s.opts.Log.Warn("shutdown: requests still running were cut off", "error", err)
		_ = srv.Close()
	}
	done := make(chan struct{})
	go func() { workers.Wait(); close(done) }()
	select {
	case <-done:
		return
	case <-grace.Done():
	}
	s.opts.Log.Warn("shutdown: steps still running are cancelled; their messages will be delivered again",
		"steps", s.inFlight.count(), "timeout", s.opts.ShutdownTimeout.String())
	cancelSteps()
	select {
	case <-done:
	case <-time.After(time.Second): // a step that ignores cancellation is abandoned with the process
	}
}

func (s *Server) httpServer() *http.Server {
	o := s.opts
	h := s.svc.API.HTTPHandler()
	if o.Wrap != nil {
		h = o.Wrap(h)
	}
	return &http.Server{
		Handler:           writeDeadline(h, o.WriteTimeout),
		ReadHeaderTimeout: o.ReadHeaderTimeout,
		ReadTimeout:       o.ReadTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    o.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(o.Log.Handler(), slog.LevelDebug),
	}
}

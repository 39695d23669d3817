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
	"github.com/stepwise/stepwise/shared/stepbatch"
	"github.com/stepwise/stepwise/shared/wire"
)

// DefaultPort is Step Functions Local's port, so that existing scripts work.
const DefaultPort = 8083

// Server serves the API and runs steps from its queue.
type Server struct {
	svc      wire.Service
	receiver queue.Receiver
	workers  int
	log      *slog.Logger
	listener net.Listener
}

// NewServer listens on addr (":8083", "127.0.0.1:0", ...).
func NewServer(svc wire.Service, receiver queue.Receiver, addr string, workers int, log *slog.Logger) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	if workers <= 0 {
		workers = 8
	}
	return &Server{svc: svc, receiver: receiver, workers: workers, log: log, listener: l}, nil
}

// URL is the endpoint clients use.
func (s *Server) URL() string {
	addr := s.listener.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

// Serve runs until ctx is done.
func (s *Server) Serve(ctx context.Context) error {
	srv := &http.Server{Handler: s.svc.API.HTTPHandler(), ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	for i := 0; i < s.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.work(ctx)
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.listener) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	wg.Wait()
	return err
}

// work receives step messages and hands them to the runner.
func (s *Server) work(ctx context.Context) {
	for ctx.Err() == nil {
		ds, err := s.receiver.Receive(ctx, 10, time.Second)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("receive step messages", "error", err)
				time.Sleep(time.Second)
			}
			continue
		}
		msgs := make([]queue.Message, len(ds))
		for i, d := range ds {
			msgs[i] = d.Message
			msgs[i].ReceiveCount = d.ReceiveCount
		}
		for i, err := range stepbatch.Handle(ctx, s.svc.Runner, msgs, s.log) {
			d := ds[i]
			if err != nil {
				continue // logged by Handle; redelivered after the visibility timeout
			}
			if err := d.Ack(ctx); err != nil {
				s.log.Error("ack step message", "execution", d.Message.Execution, "error", err)
			}
		}
	}
}

package local

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/stepbatch"
)

// work receives step messages until ctx is done and hands them to the
// runner under stepCtx, which outlives ctx so that a step in flight at
// shutdown may finish.
func (s *Server) work(ctx, stepCtx context.Context) {
	for ctx.Err() == nil {
		ds, err := s.receiver.Receive(ctx, 10, time.Second)
		if err != nil {
			if ctx.Err() == nil {
				s.opts.Log.Error("receive step messages", "error", err)
				sleep(ctx, time.Second)
			}
			continue
		}
		s.handle(stepCtx, ds)
	}
}

// handle runs one received batch and acknowledges the messages that
// succeeded; the others are delivered again after the visibility timeout.
func (s *Server) handle(ctx context.Context, ds []queue.Delivery) {
	if len(ds) == 0 {
		return
	}
	s.inFlight.add(len(ds))
	defer s.inFlight.add(-len(ds))
	msgs := make([]queue.Message, len(ds))
	for i, d := range ds {
		msgs[i] = d.Message
		msgs[i].ReceiveCount = d.ReceiveCount
	}
	for i, err := range stepbatch.Handle(ctx, s.svc.Runner, msgs, s.opts.Log) {
		d := ds[i]
		if err != nil {
			continue // logged by Handle
		}
		if err := d.Ack(ctx); err != nil {
			s.opts.Log.Error("ack step message", "execution", d.Message.Execution, "error", err)
		}
	}
}

// inFlight counts the step messages being handled.
type inFlight struct{ n atomic.Int64 }

func (f *inFlight) add(n int)    { f.n.Add(int64(n)) }
func (f *inFlight) count() int64 { return f.n.Load() }

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

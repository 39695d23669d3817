// Package clock is the time source of the shells around the pure core:
// a real clock for serving and a fake one that never sleeps, for tests.
package clock

import (
	"context"
	"sync"
	"time"
)

// Source tells the time and waits.
type Source interface {
	Now() time.Time
	// SleepUntil blocks until t or until ctx is done.
	SleepUntil(ctx context.Context, t time.Time) error
}

// Real is the wall clock. Scale shortens waits (0.01 = 100 times faster),
// like Step Functions Local's WAIT_TIME_SCALE; 0 or 1 means real time.
type Real struct{ Scale float64 }

// Now returns the current time.
func (Real) Now() time.Time { return time.Now().UTC() }

// SleepUntil waits until t (scaled).
func (r Real) SleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if r.Scale > 0 && r.Scale != 1 {
		d = time.Duration(float64(d) * r.Scale)
	}
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Fake is a clock that jumps forward instead of sleeping.
type Fake struct {
	mu  sync.Mutex
	now time.Time
}

// NewFake returns a fake clock set to t.
func NewFake(t time.Time) *Fake { return &Fake{now: t} }

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// SleepUntil advances the fake time to t at once.
func (f *Fake) SleepUntil(ctx context.Context, t time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.After(f.now) {
		f.now = t
	}
	return ctx.Err()
}

// Advance moves the fake time forward by d.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

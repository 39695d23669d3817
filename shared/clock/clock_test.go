package clock

import (
	"context"
	"testing"
	"time"
)

func TestFakeSleepAdvances(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	f := NewFake(start)
	if err := f.SleepUntil(context.Background(), start.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := f.Now(); !got.Equal(start.Add(time.Hour)) {
		t.Errorf("now = %v", got)
	}
	// Sleeping into the past never moves time back.
	_ = f.SleepUntil(context.Background(), start)
	if got := f.Now(); !got.Equal(start.Add(time.Hour)) {
		t.Errorf("moved back to %v", got)
	}
}

func TestRealScaledSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Real{}.SleepUntil(ctx, time.Now().Add(time.Hour))
	if err == nil {
		t.Fatal("want context error")
	}
}

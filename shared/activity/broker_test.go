package activity

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestBroker_Poll(t *testing.T) {
	const act = "arn:aws:states:us-east-1:000000000000:activity:a"
	tests := []struct {
		name      string
		submitted []string // tokens submitted before polling
		want      []string // tokens expected from successive polls ("" = none)
	}{
		{"empty times out", nil, []string{""}},
		{"fifo", []string{"t1", "t2"}, []string{"t1", "t2", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBroker()
			for _, tok := range tc.submitted {
				_ = b.Submit(context.Background(), act, `{"tok":"`+tok+`"}`, tok)
			}
			for _, want := range tc.want {
				got, ok, _ := b.Poll(context.Background(), act, time.Millisecond)
				if ok != (want != "") || got.Token != want {
					t.Fatalf("poll = %+v, %v; want token %q", got, ok, want)
				}
			}
		})
	}
}

func TestBroker_WaitingPollerGetsTask(t *testing.T) {
	b := NewBroker()
	const act = "act"
	done := make(chan Task)
	go func() {
		got, _, _ := b.Poll(context.Background(), act, 5*time.Second)
		done <- got
	}()
	// Submit once the poller is registered, so the hand-off path is taken.
	for {
		b.mu.Lock()
		n := len(b.waiters[act])
		b.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	_ = b.Submit(context.Background(), act, "{}", "tok")
	if got := <-done; got.Token != "tok" || got.Input != "{}" {
		t.Fatalf("got %+v", got)
	}
	if b.Pending(act) != 0 {
		t.Fatal("task left pending after hand-off")
	}
}

func TestBroker_NoTaskLostUnderRaces(t *testing.T) {
	b := NewBroker()
	const act, n = "act", 200
	var wg sync.WaitGroup
	got := make(chan string, n)
	for range n {
		wg.Go(func() {
			if tk, ok, _ := b.Poll(context.Background(), act, time.Duration(1+len(got)%3)*time.Millisecond); ok {
				got <- tk.Token
			}
		})
		_ = b.Submit(context.Background(), act, "{}", "x")
	}
	wg.Wait()
	if total := len(got) + b.Pending(act); total != n {
		t.Fatalf("received %d + pending %d, want %d", len(got), b.Pending(act), n)
	}
}

func TestBroker_ContextCancel(t *testing.T) {
	b := NewBroker()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok, _ := b.Poll(ctx, "act", time.Hour); ok {
		t.Fatal("cancelled poll returned a task")
	}
	_ = b.Submit(context.Background(), "act", "{}", "later")
	if b.Pending("act") != 1 {
		t.Fatal("task submitted after a cancelled poll was not queued")
	}
}

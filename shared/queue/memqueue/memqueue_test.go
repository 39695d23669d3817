package memqueue_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/memqueue"
	"github.com/stepwise/stepwise/shared/queue/queuetest"
)

func TestMemqueue_Contract(t *testing.T) {
	queuetest.Run(t, func(t *testing.T) (queue.Sender, queue.Receiver) {
		q := memqueue.New(memqueue.WithVisibilityTimeout(queuetest.Visibility))
		return q, q
	})
}

var start = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func newFake() (*memqueue.Queue, *clock.Fake) {
	c := clock.NewFake(start)
	return memqueue.New(memqueue.WithNow(c.Now), memqueue.WithVisibilityTimeout(time.Minute)), c
}

func receive(t *testing.T, q *memqueue.Queue) []queue.Delivery {
	t.Helper()
	got, err := q.Receive(context.Background(), 10, 0)
	if err != nil {
		t.Fatalf("receive: %v", err)
	}
	return got
}

func TestMemqueue_FakeClockDelays(t *testing.T) {
	cases := []struct {
		name    string
		delay   time.Duration
		visible time.Duration // when the message must first be visible
	}{
		{"immediate", 0, 0},
		{"negative", -time.Hour, 0},
		{"ten seconds", 10 * time.Second, 10 * time.Second},
		{"at the cap", queue.MaxDelay, queue.MaxDelay},
		{"clamped", 3 * time.Hour, queue.MaxDelay},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, clk := newFake()
			if err := q.Send(context.Background(), queue.Message{Version: 1}, c.delay); err != nil {
				t.Fatal(err)
			}
			if c.visible > 0 {
				clk.Advance(c.visible - time.Nanosecond)
				if got := receive(t, q); len(got) != 0 {
					t.Fatalf("visible %v early", time.Nanosecond)
				}
				clk.Advance(time.Nanosecond)
			}
			if got := receive(t, q); len(got) != 1 {
				t.Fatalf("got %d messages at due time, want 1", len(got))
			}
		})
	}
}

func TestMemqueue_VisibilityAndAck(t *testing.T) {
	q, clk := newFake()
	_ = q.Send(context.Background(), queue.Message{Version: 1}, 0)
	first := receive(t, q)
	clk.Advance(time.Minute - time.Second)
	if got := receive(t, q); len(got) != 0 {
		t.Fatal("redelivered before the visibility timeout")
	}
	clk.Advance(time.Second)
	second := receive(t, q)
	if len(first) != 1 || len(second) != 1 || second[0].ReceiveCount != 2 {
		t.Fatalf("deliveries %v then %v, want one each, second with ReceiveCount 2", first, second)
	}
	if err := second[0].Ack(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := first[0].Ack(context.Background()); err != nil {
		t.Fatalf("second ack of the same message: %v", err)
	}
	clk.Advance(time.Hour)
	if got := receive(t, q); len(got) != 0 || q.Len() != 0 {
		t.Fatalf("acknowledged message still queued: %d visible, Len %d", len(got), q.Len())
	}
}

func TestMemqueue_WaitWakesOnSend(t *testing.T) {
	q := memqueue.New()
	go func() {
		time.Sleep(50 * time.Millisecond)
		_ = q.Send(context.Background(), queue.Message{Version: 9}, 0)
	}()
	begin := time.Now()
	got, err := q.Receive(context.Background(), 1, 5*time.Second)
	if err != nil || len(got) != 1 || got[0].Message.Version != 9 {
		t.Fatalf("got %v, %v; want the message sent while waiting", got, err)
	}
	if took := time.Since(begin); took > 2*time.Second {
		t.Fatalf("waiting receive took %v after a send", took)
	}
}

func TestMemqueue_ConcurrentReceiversShareWork(t *testing.T) {
	q := memqueue.New()
	const n = 200
	for i := range n {
		_ = q.Send(context.Background(), queue.Message{Version: int64(i)}, 0)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				got, _ := q.Receive(context.Background(), 3, 0)
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, d := range got {
					seen[d.Message.Version]++
					_ = d.Ack(context.Background())
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("received %d distinct messages, want %d", len(seen), n)
	}
	for v, c := range seen {
		if c != 1 {
			t.Fatalf("message %d delivered %d times within its visibility timeout", v, c)
		}
	}
}

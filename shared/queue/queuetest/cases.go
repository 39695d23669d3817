package queuetest

import (
	"context"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
)

func testSendReceiveAck(t *testing.T, s queue.Sender, r queue.Receiver) {
	m := sample(1)
	mustSend(t, s, m, 0)
	d := expectOne(t, r, slack, "first receive")
	sameMessage(t, d.Message, m)
	if d.ReceiveCount != 1 {
		t.Errorf("ReceiveCount = %d, want 1", d.ReceiveCount)
	}
	mustAck(t, d)
	expectNone(t, r, Visibility+2*time.Second, "acknowledged message came back")
}

func testFieldsRoundTrip(t *testing.T, s queue.Sender, r queue.Receiver) {
	full := sample(7)
	minimal := queue.Message{Execution: full.Execution, Kind: queue.KindStep}
	for _, m := range []queue.Message{full, minimal} {
		mustSend(t, s, m, 0)
		d := expectOne(t, r, slack, "receive")
		sameMessage(t, d.Message, m)
		mustAck(t, d)
	}
}

func testDelayHonoured(t *testing.T, s queue.Sender, r queue.Receiver) {
	const delay = 3 * time.Second
	sent := time.Now()
	mustSend(t, s, sample(2), delay)
	expectNone(t, r, delay/2, "delayed message visible early")
	d := expectOne(t, r, delay+slack, "delayed message")
	if waited := time.Since(sent); waited < delay-250*time.Millisecond {
		t.Errorf("delayed message arrived after %v, want at least %v", waited, delay)
	}
	sameMessage(t, d.Message, sample(2))
	mustAck(t, d)
}

func testNonPositiveDelay(t *testing.T, s queue.Sender, r queue.Receiver) {
	mustSend(t, s, sample(3), -time.Minute)
	mustSend(t, s, sample(4), 300*time.Millisecond)
	seen := map[int64]bool{}
	deadline := time.Now().Add(slack)
	for len(seen) < 2 && time.Now().Before(deadline) {
		for _, d := range receiveWithin(t, r, 10, time.Until(deadline)) {
			seen[d.Message.Version] = true
			mustAck(t, d)
		}
	}
	if !seen[3] || !seen[4] {
		t.Fatalf("negative/sub-second delays: received versions %v, want 3 and 4", seen)
	}
}

func testLongDelayClamped(t *testing.T, s queue.Sender, r queue.Receiver) {
	// SQS rejects DelaySeconds over 900: the adapter must clamp, not fail.
	mustSend(t, s, sample(5), 2*time.Hour)
	mustSend(t, s, sample(6), queue.MaxDelay+time.Second)
	expectNone(t, r, 2*time.Second, "long-delayed message visible early")
}

func testRedelivery(t *testing.T, s queue.Sender, r queue.Receiver) {
	m := sample(8)
	mustSend(t, s, m, 0)
	first := expectOne(t, r, slack, "first delivery")
	got, err := r.Receive(ctx(), 10, 0)
	if err != nil {
		t.Fatalf("receive while hidden: %v", err)
	}
	if len(got) != 0 {
		t.Fatalf("message visible again during its visibility timeout")
	}
	second := expectOne(t, r, Visibility+slack, "redelivery")
	sameMessage(t, second.Message, m)
	if first.ReceiveCount != 1 || second.ReceiveCount != 2 {
		t.Errorf("ReceiveCounts = %d, %d, want 1, 2", first.ReceiveCount, second.ReceiveCount)
	}
	mustAck(t, second)
	expectNone(t, r, Visibility+2*time.Second, "acknowledged redelivery came back")
}

func testManyMessages(t *testing.T, s queue.Sender, r queue.Receiver) {
	const n = 15
	for v := int64(100); v < 100+n; v++ {
		mustSend(t, s, sample(v), 0)
	}
	seen := map[int64]int{}
	deadline := time.Now().Add(2 * slack)
	for len(seen) < n && time.Now().Before(deadline) {
		batch := receiveWithin(t, r, 4, time.Until(deadline))
		if len(batch) > 4 {
			t.Fatalf("asked for 4 messages, got %d", len(batch))
		}
		for _, d := range batch {
			seen[d.Message.Version]++
			mustAck(t, d)
		}
	}
	for v := int64(100); v < 100+n; v++ {
		if seen[v] == 0 {
			t.Errorf("message %d never received", v)
		}
	}
}

func testCancelledReceive(t *testing.T, _ queue.Sender, r queue.Receiver) {
	c, cancel := context.WithCancel(ctx())
	cancel()
	start := time.Now()
	got, err := r.Receive(c, 1, 5*time.Second)
	if err == nil || len(got) != 0 {
		t.Fatalf("receive on a cancelled context: %d messages, err %v; want none and an error", len(got), err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("receive on a cancelled context took %v", took)
	}
}

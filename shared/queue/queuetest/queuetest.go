// Package queuetest is the contract suite for the queue port. Every adapter
// (memqueue, sqsqueue) runs it. It runs in real time, because the SQS
// adapter cannot be given a clock; delays are a few seconds at most, and the
// tests run in parallel.
//
// newQueue must return an empty queue whose visibility timeout is
// Visibility, as both a Sender and a Receiver of the same queue.
package queuetest

import (
	"context"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/queue"
)

// Visibility is the visibility timeout the queues under test must have.
// SQS counts it in whole seconds, so it cannot be shorter.
const Visibility = time.Second

// slack is how long the suite waits beyond a due time before it calls a
// message lost; emulators poll their delay timers coarsely.
const slack = 5 * time.Second

// Run runs the whole suite.
func Run(t *testing.T, newQueue func(t *testing.T) (queue.Sender, queue.Receiver)) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s queue.Sender, r queue.Receiver)
	}{
		{"SendReceiveAck", testSendReceiveAck},
		{"FieldsRoundTrip", testFieldsRoundTrip},
		{"DelayHonoured", testDelayHonoured},
		{"NonPositiveDelay", testNonPositiveDelay},
		{"LongDelayClamped", testLongDelayClamped},
		{"Redelivery", testRedelivery},
		{"ManyMessages", testManyMessages},
		{"CancelledReceive", testCancelledReceive},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, r := newQueue(t)
			tc.fn(t, s, r)
		})
	}
}

func ctx() context.Context { return context.Background() }

// sample returns a message with every field set.
func sample(version int64) queue.Message {
	return queue.Message{
		Execution: "arn:aws:states:us-east-1:123456789012:execution:sm:e1",
		Frame:     "f/0/Map/3",
		Version:   version,
		Kind:      queue.KindTimeout,
		Due:       time.Date(2026, 3, 14, 15, 9, 26, 535_897_000, time.UTC),
		Token:     "tok-" + string(rune('a'+version%26)),
		Sent:      time.Date(2026, 3, 14, 15, 9, 25, 123_456_789, time.UTC),
	}
}

// receiveWithin polls r until it returns at least one delivery or d has
// passed; it returns the first non-empty batch, or nil.
func receiveWithin(t *testing.T, r queue.Receiver, limit int, d time.Duration) []queue.Delivery {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		wait := min(time.Until(deadline), time.Second).Truncate(time.Second)
		got, err := r.Receive(ctx(), limit, max(wait, 0))
		if err != nil {
			t.Fatalf("receive: %v", err)
		}
		if len(got) > 0 || !time.Now().Before(deadline) {
			return got
		}
		if wait <= 0 {
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// expectNone fails if a message becomes visible within d.
func expectNone(t *testing.T, r queue.Receiver, d time.Duration, why string) {
	t.Helper()
	if got := receiveWithin(t, r, 10, d); len(got) > 0 {
		t.Fatalf("%s: received %+v", why, got[0].Message)
	}
}

// expectOne receives exactly one delivery within d.
func expectOne(t *testing.T, r queue.Receiver, d time.Duration, why string) queue.Delivery {
	t.Helper()
	got := receiveWithin(t, r, 10, d)
	if len(got) != 1 {
		t.Fatalf("%s: received %d messages, want 1", why, len(got))
	}
	return got[0]
}

func mustSend(t *testing.T, s queue.Sender, m queue.Message, delay time.Duration) {
	t.Helper()
	if err := s.Send(ctx(), m, delay); err != nil {
		t.Fatalf("send %+v after %v: %v", m, delay, err)
	}
}

func mustAck(t *testing.T, d queue.Delivery) {
	t.Helper()
	if err := d.Ack(ctx()); err != nil {
		t.Fatalf("ack: %v", err)
	}
}

// sameMessage compares messages field by field; Due by instant, since
// adapters may decode it into another Location.
func sameMessage(t *testing.T, got, want queue.Message) {
	t.Helper()
	g, w := got, want
	g.Due, w.Due = time.Time{}, time.Time{}
	if g != w || !got.Due.Equal(want.Due) {
		t.Fatalf("message changed in transit:\n got %+v\nwant %+v", got, want)
	}
}

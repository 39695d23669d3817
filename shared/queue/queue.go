// Package queue is the port for step messages: at-least-once delivery with
// per-message delays. Adapters: memqueue (embedded mode and tests) and
// sqsqueue (Amazon SQS). Delays longer than MaxDelay are chained by the
// runner, which re-sends a message whose Due is still in the future.
package queue

import (
	"context"
	"time"
)

// MaxDelay is SQS's per-message delay limit.
const MaxDelay = 15 * time.Minute

// MaxReceiveCount is how many deliveries a step message gets before the
// redrive policy moves it to the dead-letter queue. The stepper fails the
// execution (States.Runtime) on the last one, so that it never hangs.
const MaxReceiveCount = 5

// Message references work; it never carries payloads.
type Message struct {
	Execution string    `json:"execution"`
	Frame     string    `json:"frame,omitempty"`
	Version   int64     `json:"version"`
	Kind      string    `json:"kind"`
	Due       time.Time `json:"due,omitempty"`
	// Token identifies the task attempt a timer message belongs to.
	Token string `json:"token,omitempty"`
	// Sent is set on the first messages of an execution, which StartExecution
	// sends before it creates the execution's record: a consumer that finds
	// no record waits for it for a while after Sent, rather than dropping
	// the message (see runner.Start).
	Sent time.Time `json:"sent,omitzero"`
	// ReceiveCount is set by the consumer: how many times the queue has
	// delivered this message (SQS's ApproximateReceiveCount). It is not
	// part of the message body.
	ReceiveCount int `json:"-"`
}

// Message kinds.
const (
	KindStep      = "step"      // run the frame's next step
	KindWake      = "wake"      // a Wait or retry back-off is over
	KindTimeout   = "timeout"   // a task or execution timeout may have passed
	KindHeartbeat = "heartbeat" // a heartbeat deadline may have passed
	KindPoll      = "poll"      // look at a .sync task's job; Token numbers the poll
	KindStopJobs  = "stopjobs"  // stop the jobs a commit abandoned; Token is the commit's trigger
	KindChildEnd  = "childend"  // a map run's child ended; Token is the token it reports to, Version its redrive count
	KindChildEnds = "childends" // map run children ended: their reports wait in the parent's inbox (store.ChildEnds)
)

// Sender sends messages, each delivered at least once after delay
// (clamped to MaxDelay by the adapter).
type Sender interface {
	Send(ctx context.Context, m Message, delay time.Duration) error
}

// Delivery is a received message; Ack removes it, and an unacknowledged
// one is delivered again after the visibility timeout.
type Delivery struct {
	Message Message
	// ReceiveCount is how many times the message has been received.
	ReceiveCount int
	Ack          func(ctx context.Context) error
}

// Receiver receives messages (used by `stepwise serve`; in AWS, Lambda's
// event source mapping receives for the stepper).
type Receiver interface {
	Receive(ctx context.Context, max int, wait time.Duration) ([]Delivery, error)
}

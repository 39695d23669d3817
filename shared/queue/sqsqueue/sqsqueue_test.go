package sqsqueue

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/queue"
)

func TestDelaySeconds_RoundsUpAndClamps(t *testing.T) {
	cases := []struct {
		in   time.Duration
		want int32
	}{
		{-time.Hour, 0},
		{0, 0},
		{time.Nanosecond, 1},
		{time.Second, 1},
		{1500 * time.Millisecond, 2},
		{queue.MaxDelay - time.Millisecond, 900},
		{queue.MaxDelay, 900},
		{48 * time.Hour, 900},
	}
	for _, c := range cases {
		t.Run(c.in.String(), func(t *testing.T) {
			if got := DelaySeconds(c.in); got != c.want {
				t.Fatalf("DelaySeconds(%v) = %d, want %d", c.in, got, c.want)
			}
		})
	}
}

func TestEncodeDecode_RoundTrip(t *testing.T) {
	m := queue.Message{
		Execution: "arn:aws:states:us-east-1:1:execution:sm:e", Frame: "0/Map/2", Version: 42,
		Kind: queue.KindWake, Due: time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC), Token: "t",
	}
	body, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(body)
	if err != nil {
		t.Fatal(err)
	}
	if got != m {
		t.Fatalf("round trip: got %+v, want %+v", got, m)
	}
	if !strings.Contains(body, `"execution":`) || !strings.Contains(body, `"kind":"wake"`) {
		t.Fatalf("body %s lacks the wire field names", body)
	}
}

func TestDecode_Rejects(t *testing.T) {
	for name, body := range map[string]string{
		"not json":     "not json",
		"no execution": `{"kind":"step","version":1}`,
		"no kind":      `{"execution":"arn"}`,
		"bad version":  `{"execution":"arn","kind":"step","version":"x"}`,
		"empty":        ``,
	} {
		t.Run(name, func(t *testing.T) {
			if m, err := Decode(body); err == nil {
				t.Fatalf("Decode(%q) = %+v, want an error", body, m)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"execution":"a","kind":"step","version":3,"due":"2026-01-02T03:04:05Z"}`)
	f.Add(`{"execution":"a","kind":"step","due":"yesterday"}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		m, err := Decode(body)
		if err != nil {
			return
		}
		again, err := Encode(m)
		if err != nil {
			t.Fatalf("re-encode %+v: %v", m, err)
		}
		if m2, err := Decode(again); err != nil || m2.Execution != m.Execution || m2.Version != m.Version {
			t.Fatalf("re-decode of %s: %+v, %v", again, m2, err)
		}
	})
}

// fakeCreate records CreateQueue calls and answers like SQS.
type fakeCreate struct {
	created map[string]map[string]string
}

func (f *fakeCreate) CreateQueue(_ context.Context, in *sqs.CreateQueueInput, _ ...func(*sqs.Options)) (*sqs.CreateQueueOutput, error) {
	if old, ok := f.created[*in.QueueName]; ok && old["RedrivePolicy"] != in.Attributes["RedrivePolicy"] {
		return nil, &types.QueueNameExists{}
	}
	f.created[*in.QueueName] = in.Attributes
	return &sqs.CreateQueueOutput{QueueUrl: strPtr("https://q/" + *in.QueueName)}, nil
}

func (f *fakeCreate) GetQueueUrl(_ context.Context, in *sqs.GetQueueUrlInput, _ ...func(*sqs.Options)) (*sqs.GetQueueUrlOutput, error) {
	return &sqs.GetQueueUrlOutput{QueueUrl: strPtr("https://q/" + *in.QueueName)}, nil
}

func (f *fakeCreate) GetQueueAttributes(_ context.Context, in *sqs.GetQueueAttributesInput, _ ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error) {
	name := strings.TrimPrefix(*in.QueueUrl, "https://q/")
	return &sqs.GetQueueAttributesOutput{Attributes: map[string]string{"QueueArn": "arn:aws:sqs:us-east-1:1:" + name}}, nil
}

func TestCreateQueues_Attributes(t *testing.T) {
	f := &fakeCreate{created: map[string]map[string]string{}}
	url, dlq, err := CreateQueues(context.Background(), f, "steps")
	if err != nil {
		t.Fatal(err)
	}
	if url != "https://q/steps" || dlq != "https://q/steps-dlq" {
		t.Fatalf("URLs %q %q", url, dlq)
	}
	for _, name := range []string{"steps", "steps-dlq"} {
		if f.created[name]["SqsManagedSseEnabled"] != "true" {
			t.Errorf("%s created without SqsManagedSseEnabled: %v", name, f.created[name])
		}
	}
	var redrive struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
		MaxReceiveCount     int    `json:"maxReceiveCount"`
	}
	if err := json.Unmarshal([]byte(f.created["steps"]["RedrivePolicy"]), &redrive); err != nil {
		t.Fatal(err)
	}
	if redrive.DeadLetterTargetArn != "arn:aws:sqs:us-east-1:1:steps-dlq" || redrive.MaxReceiveCount != MaxReceiveCount {
		t.Fatalf("redrive policy %+v", redrive)
	}
	if _, ok := f.created["steps-dlq"]["RedrivePolicy"]; ok {
		t.Fatal("the DLQ must not redrive")
	}
}

func TestCreateQueues_ExistingWithOtherAttributes(t *testing.T) {
	f := &fakeCreate{created: map[string]map[string]string{"steps": {"RedrivePolicy": "other"}}}
	url, _, err := CreateQueues(context.Background(), f, "steps")
	if err != nil || url != "https://q/steps" {
		t.Fatalf("got %q, %v; want the existing queue's URL", url, err)
	}
}

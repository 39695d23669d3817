//go:build integration

package integration

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/test/harness"
)

// TestHarness_StartStop starts each emulator inside a subtest, checks that
// it answers its API on a loopback port, and that the port is closed once
// the subtest's cleanup has stopped it.
func TestHarness_StartStop(t *testing.T) {
	cases := []struct {
		name  string
		start func(testing.TB) string
		call  func(endpoint string) error
	}{
		{"dynalite", harness.StartDynamo, func(ep string) error {
			c := dynamodb.NewFromConfig(harness.AWSConfig(t), harness.DynamoEndpoint(ep))
			_, err := c.ListTables(context.Background(), &dynamodb.ListTablesInput{})
			return err
		}},
		{"fauxqs", harness.StartSQS, func(ep string) error {
			c := sqs.NewFromConfig(harness.AWSConfig(t), harness.SQSEndpoint(ep))
			_, err := c.ListQueues(context.Background(), &sqs.ListQueuesInput{})
			return err
		}},
	}
	for _, c := range cases {
		var endpoint string
		t.Run(c.name, func(t *testing.T) {
			endpoint = c.start(t)
			if !strings.HasPrefix(endpoint, "http://127.0.0.1:") {
				t.Fatalf("endpoint %q is not on loopback", endpoint)
			}
			if err := c.call(endpoint); err != nil {
				t.Fatalf("%s does not answer: %v", c.name, err)
			}
		})
		if endpoint == "" {
			continue
		}
		addr := strings.TrimPrefix(endpoint, "http://")
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			_ = conn.Close()
			t.Errorf("%s still listens on %s after its test ended", c.name, addr)
		}
	}
}

func TestHarness_Emulators(t *testing.T) {
	em := harness.StartAll(t)
	if em.DynamoEndpoint == em.SQSEndpoint {
		t.Fatalf("both emulators on %s", em.DynamoEndpoint)
	}
	if _, err := em.DynamoDB().ListTables(context.Background(), &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("dynamo: %v", err)
	}
	if _, err := em.SQS().ListQueues(context.Background(), &sqs.ListQueuesInput{}); err != nil {
		t.Fatalf("sqs: %v", err)
	}
}

func TestHarness_RepoRoot(t *testing.T) {
	root := harness.RepoRoot(t)
	for _, f := range []string{"go.mod", "package.json", "test/integration/harness_test.go"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Errorf("RepoRoot %q lacks %s: %v", root, f, err)
		}
	}
}

// Package harness starts the AWS emulators the integration tests run
// against, as child processes on free loopback ports, and stops them (by
// process group) when the test ends:
//
//   - dynalite (DynamoDB), in memory: StartDynamo
//   - fauxqs (SQS, SNS, S3), in memory: StartSQS
//   - kinesalite (Kinesis), in memory: StartKinesis
//
// All are npm devDependencies of the repository: run `npm install` at the
// repository root first. A missing emulator fails the test (it is never
// skipped), with a message saying so.
//
// Typical use:
//
//	cfg := harness.AWSConfig(t)
//	db := dynamodb.NewFromConfig(cfg, harness.DynamoEndpoint(harness.StartDynamo(t)))
//	q := sqs.NewFromConfig(cfg, harness.SQSEndpoint(harness.StartSQS(t)))
package harness

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Region is the region of every emulator and client.
const Region = "us-east-1"

// StartDynamo starts dynalite and returns its endpoint URL
// ("http://127.0.0.1:<port>"). Tables become ACTIVE at once.
func StartDynamo(t testing.TB) string {
	t.Helper()
	return start(t, emulator{
		name: "dynalite",
		args: func(port string) []string {
			return []string{"--host", "127.0.0.1", "--port", port,
				"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"}
		},
	})
}

// StartSQS starts fauxqs and returns its endpoint URL. The same endpoint
// serves SNS and S3.
func StartSQS(t testing.TB) string {
	t.Helper()
	return start(t, emulator{
		name: "fauxqs",
		env: func(port string) []string {
			return []string{"FAUXQS_PORT=" + port, "FAUXQS_LOGGER=false", "FAUXQS_DEFAULT_REGION=" + Region}
		},
	})
}

// StartKinesis starts kinesalite and returns its endpoint URL. Streams
// become ACTIVE at once.
func StartKinesis(t testing.TB) string {
	t.Helper()
	return start(t, emulator{
		name: "kinesalite",
		args: func(port string) []string {
			return []string{"--host", "127.0.0.1", "--port", port,
				"--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0"}
		},
	})
}

// AWSConfig returns an SDK configuration with static dummy credentials and
// region us-east-1. It has no endpoint: give each client its emulator's
// with DynamoEndpoint / SQSEndpoint (the SDK's per-client BaseEndpoint).
func AWSConfig(t testing.TB) aws.Config {
	t.Helper()
	return aws.Config{
		Region:      Region,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}
}

// DynamoEndpoint points a DynamoDB client at endpoint.
func DynamoEndpoint(endpoint string) func(*dynamodb.Options) {
	return func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(endpoint) }
}

// SQSEndpoint points an SQS client at endpoint.
func SQSEndpoint(endpoint string) func(*sqs.Options) {
	return func(o *sqs.Options) { o.BaseEndpoint = aws.String(endpoint) }
}

// Emulators is a started set of emulators, for tests that need both.
type Emulators struct {
	DynamoEndpoint, SQSEndpoint string
	Config                      aws.Config
}

// StartAll starts dynalite and fauxqs side by side.
func StartAll(t testing.TB) Emulators {
	t.Helper()
	return Emulators{DynamoEndpoint: StartDynamo(t), SQSEndpoint: StartSQS(t), Config: AWSConfig(t)}
}

// DynamoDB returns a client of the started dynalite.
func (e Emulators) DynamoDB() *dynamodb.Client {
	return dynamodb.NewFromConfig(e.Config, DynamoEndpoint(e.DynamoEndpoint))
}

// SQS returns a client of the started fauxqs.
func (e Emulators) SQS() *sqs.Client {
	return sqs.NewFromConfig(e.Config, SQSEndpoint(e.SQSEndpoint))
}

// S3Config is the shared configuration with the endpoint set to fauxqs,
// which serves S3 on its port; what builds its own S3 clients takes it.
func (e Emulators) S3Config() aws.Config {
	cfg := e.Config.Copy()
	cfg.BaseEndpoint = aws.String(e.SQSEndpoint)
	return cfg
}

// S3 returns a path-style S3 client of the started fauxqs.
func (e Emulators) S3() *s3.Client {
	return s3.NewFromConfig(e.S3Config(), func(o *s3.Options) { o.UsePathStyle = true })
}

var (
	rootOnce sync.Once
	root     string
	rootErr  error
)

// RepoRoot is the directory holding go.mod, found by walking up from the
// test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	rootOnce.Do(func() { root, rootErr = findRoot() })
	if rootErr != nil {
		t.Fatalf("harness: %v", rootErr)
	}
	return root
}

func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

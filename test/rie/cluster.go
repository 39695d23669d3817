package rie

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// Account and region of the ARNs the router reports.
const (
	Region  = "us-east-1"
	Account = "000000000000"
)

// Function is one handler to run.
type Function struct {
	Name           string   // the function name clients invoke
	Package        string   // handler package relative to the module root: "./test/functions/echo"
	TimeoutSeconds int      // the function's timeout (default 30)
	Env            []string // extra KEY=VALUE for the function
}

// Cluster is a set of running functions behind one Invoke endpoint.
type Cluster struct {
	URL string // BaseEndpoint for Lambda clients

	procs map[string]*process
	bg    sync.WaitGroup // Event invocations still running
	ctx   context.Context
}

// Start builds and starts fns and returns their endpoint. Logs of the
// emulators are printed when the test fails.
func Start(t testing.TB, fns ...Function) *Cluster {
	t.Helper()
	rieBin := Emulator(t)
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cluster{procs: map[string]*process{}, ctx: ctx}
	t.Cleanup(func() { c.stop(t, cancel) })
	for _, fn := range fns {
		dir := filepath.Join(t.TempDir(), fn.Name)
		bootstrap := BuildFunction(t, fn.Package, dir)
		p, err := startProcess(rieBin, bootstrap, fn)
		if err != nil {
			t.Fatal(err)
		}
		c.procs[fn.Name] = p
	}
	srv := httptest.NewServer(c.routes())
	c.URL = srv.URL
	t.Cleanup(srv.Close) // runs before c.stop: Cleanup is last-in, first-out
	return c
}

// Client returns a Lambda client aimed at the cluster.
func (c *Cluster) Client() *lambda.Client {
	return lambda.New(lambda.Options{
		BaseEndpoint: aws.String(c.URL),
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
}

// ARN is the function ARN of name as the router understands it.
func ARN(name string) string { return "arn:aws:lambda:" + Region + ":" + Account + ":function:" + name }

// stop ends Event invocations and kills every emulator by process group.
func (c *Cluster) stop(t testing.TB, cancel context.CancelFunc) {
	cancel()
	for _, p := range c.procs {
		p.stop()
	}
	c.bg.Wait()
	if t.Failed() {
		for _, p := range c.procs {
			t.Logf("emulator log of %s:\n%s", p.name, p.logs.String())
		}
	}
}

func (c *Cluster) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2015-03-31/functions/{name}/invocations", c.invoke)
	return mux
}

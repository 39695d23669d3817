// Package rie runs Go Lambda handlers under the AWS Lambda Runtime Interface
// Emulator for tests: it builds the emulator and the handlers, starts one
// emulator process per function on free loopback ports, and serves Lambda's
// Invoke API for all of them behind one router URL, so that an
// aws-sdk-go-v2 Lambda client with BaseEndpoint set to that URL can invoke
// any function by name or ARN. Everything started is stopped in t.Cleanup.
package rie

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The emulator's Go module and the pinned version the tests build.
const (
	Module  = "github.com/aws/aws-lambda-runtime-interface-emulator"
	Version = "v0.0.0-20261030222936-bef5c4ba774d"
	cmdPath = "./cmd/aws-lambda-rie"
)

var (
	rieOnce sync.Once
	riePath string
	rieErr  error
)

// Emulator returns the path of the emulator binary, building it once per
// machine into the user cache directory from the Go module cache.
func Emulator(t testing.TB) string {
	t.Helper()
	rieOnce.Do(func() { riePath, rieErr = buildEmulator() })
	if rieErr != nil {
		t.Fatalf("Lambda Runtime Interface Emulator unavailable (needs the Go module proxy or a warm module cache): %v", rieErr)
	}
	return riePath
}

func buildEmulator() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "stepwise", "rie", Version)
	bin := filepath.Join(dir, "aws-lambda-rie")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	src, err := moduleDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "aws-lambda-rie-*")
	if err != nil {
		return "", fmt.Errorf("create temp binary: %w", err)
	}
	_ = tmp.Close()
	// -mod=mod lets the build resolve the emulator's own dependencies.
	if _, err := goCmd(src, []string{"CGO_ENABLED=0", "GOFLAGS=-mod=mod"}, "build", "-o", tmp.Name(), cmdPath); err != nil {
		_ = os.Remove(tmp.Name())
		return "", err
	}
	// Rename is atomic, so concurrent test binaries never see half a file.
	return bin, os.Rename(tmp.Name(), bin)
}

// moduleDir downloads the emulator's module (a no-op when cached) and
// returns its directory in the module cache.
func moduleDir() (string, error) {
	tmp, err := os.MkdirTemp("", "rie-download-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	out, err := goCmd(tmp, []string{"GOFLAGS=-mod=mod"}, "mod", "download", "-json", Module+"@"+Version)
	if err != nil {
		return "", err
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %s %v", Module, Version, info.Error, err)
	}
	return info.Dir, nil
}

// BuildFunction builds the handler package pkg (a path relative to the
// module root, such as "./test/functions/echo") as a linux `bootstrap` for
// the host architecture, into dir, and returns the binary's path.
func BuildFunction(t testing.TB, pkg, dir string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("find module root: %v", err)
	}
	bin := filepath.Join(dir, "bootstrap")
	env := []string{"GOOS=linux", "GOARCH=" + runtime.GOARCH, "CGO_ENABLED=0"}
	if _, err := goCmd(root, env, "build", "-tags", "lambda.norpc", "-o", bin, pkg); err != nil {
		t.Fatalf("build function %s: %v", pkg, err)
	}
	return bin
}

func moduleRoot() (string, error) {
	out, err := goCmd("", nil, "env", "GOMOD")
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module")
	}
	return filepath.Dir(gomod), nil
}

// goCmd runs the go tool in dir with extra environment and returns stdout.
func goCmd(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

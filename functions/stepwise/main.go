// Command stepwise runs, validates and serves AWS Step Functions state
// machines locally with the Stepwise engine.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1 // validate: the definition is invalid
	exitUsage   = 2 // bad usage, unreadable or invalid input
)

const usage = `usage:
  stepwise run --definition FILE [--input FILE_OR_JSON] [--mock-config FILE
               [--state-machine NAME] [--test-case NAME]] [--name EXEC_NAME]
               [--type STANDARD|EXPRESS] [--history] [--wait-scale F] [--s3-dir DIR]
               [--connections FILE] [--limits NAME=VALUE,...]
  stepwise validate FILE [--type STANDARD|EXPRESS]
  stepwise graph FILE [--format svg|dot|mermaid] [--execution-history FILE] [--timeout 2m]
  stepwise serve [--host 127.0.0.1] [--port 8083] [--mock-config FILE]
                 [--create-resources] [--table NAME] [--queue NAME] [--workers N] [--s3-dir DIR]
                 [--connections FILE] [--wait-scale F] [--shutdown-timeout 5s]
                 [--limits NAME=VALUE,...]
  stepwise demo [--sample NAME] [--test-case NAME] [--endpoint URL]
  stepwise console --endpoint URL [--host 127.0.0.1] [--port 8084] [--region REGION]
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "run":
		return runCommand(args[1:], stdout, stderr)
	case "validate":
		return validateCommand(args[1:], stdout, stderr)
	case "graph":
		return graphCommand(args[1:], stdout, stderr)
	case "serve":
		return serveCommand(args[1:], stderr)
	case "console":
		return consoleCommand(args[1:], stderr)
	case "demo":
		return demoCommand(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "stepwise: unknown command %q\n%s", args[0], usage)
	return exitUsage
}

// usageError is a problem with the command line or its files (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

package main

import (
	"flag"
	"io"
	"os"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// parseFlags parses fs from args, accepting flags before and after
// positional arguments, and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// readJSONArg reads a JSON document given inline or as a file path.
func readJSONArg(what, arg string) (jsonval.Value, error) {
	if v, err := jsonval.DecodeString(arg); err == nil {
		return v, nil
	}
	if strings.TrimSpace(arg) == "" {
		return nil, usagef("%s is empty", what)
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		return nil, usagef("%s %q is neither JSON nor a readable file: %v", what, arg, err)
	}
	v, err := jsonval.Decode(data)
	if err != nil {
		return nil, usagef("%s file %s is not valid JSON: %v", what, arg, err)
	}
	return v, nil
}

// readFile reads a file named on the command line.
func readFile(what, path string) ([]byte, error) {
	if path == "" {
		return nil, usagef("%s is required", what)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("cannot read %s: %v", what, err)
	}
	return data, nil
}

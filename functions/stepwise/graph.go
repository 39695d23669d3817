package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/graph"
	"github.com/stepwise/stepwise/shared/validate"
)

// graphCommand renders a definition's graph, optionally coloured by an
// execution's history, as SVG (default), DOT or Mermaid.
func graphCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	format := fs.String("format", "svg", "output format: svg, dot or mermaid")
	historyFile := fs.String("execution-history", "", "colour states by this execution history (JSON)")
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) != 1 {
		err = usagef("graph takes exactly one definition file")
	}
	if err == nil && *format != "svg" && *format != "dot" && *format != "mermaid" {
		err = usagef("--format must be svg, dot or mermaid, not %q", *format)
	}
	var g *graph.Graph
	if err == nil {
		g, err = loadGraph(pos[0], *historyFile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise graph: %v\n%s", err, usage)
		return exitUsage
	}
	var out bytes.Buffer
	switch *format {
	case "dot":
		err = g.DOT(&out)
	case "mermaid":
		err = g.Mermaid(&out)
	default:
		err = g.SVG(context.Background(), &out)
	}
	if err == nil {
		_, err = stdout.Write(out.Bytes())
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise graph: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// loadGraph reads and validates a definition, builds its graph and colours
// it by the history file, if one is named.
func loadGraph(defFile, historyFile string) (*graph.Graph, error) {
	data, err := readFile("definition", defFile)
	if err != nil {
		return nil, err
	}
	diags := validate.Definition(data, validate.Options{Type: "STANDARD"})
	if validate.HasErrors(diags) {
		return nil, usagef("invalid definition: %s", validate.InvalidDefinitionMessage(string(data), diags))
	}
	def, err := asl.Parse(data)
	if err != nil {
		return nil, usagef("invalid definition: %v", err)
	}
	g := graph.Build(def)
	if historyFile == "" {
		return g, nil
	}
	hist, err := readFile("execution history", historyFile)
	if err != nil {
		return nil, err
	}
	events, err := graph.ParseHistory(hist)
	if err != nil {
		return nil, usagef("%v", err)
	}
	g.Colour(graph.Statuses(events))
	return g, nil
}

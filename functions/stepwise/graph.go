package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"time"

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
	// dagre takes minutes on a few shapes (hundreds of edges into one
	// state): give up rather than hang a script.
	timeout := fs.Duration("timeout", 2*time.Minute, "give up an SVG layout after this long")
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) != 1 {
		err = usagef("graph takes exactly one definition file")
	}
	if err == nil && *format != "svg" && *format != "dot" && *format != "mermaid" {
		err = usagef("--format must be svg, dot or mermaid, not %q", *format)
	}
	var in graphInput
	if err == nil {
		in, err = loadGraph(pos[0], *historyFile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise graph: %v\n%s", err, usage)
		return exitUsage
	}
	var out bytes.Buffer
	switch *format {
	case "dot":
		err = in.graph.DOT(&out)
	case "mermaid":
		err = in.graph.Mermaid(&out)
	default:
		err = layoutSVG(&out, in, *timeout)
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

// graphInput is a validated definition, its graph, and the statuses of
// an execution's states (nil without a history).
type graphInput struct {
	def      []byte
	graph    *graph.Graph
	statuses map[string]graph.Status
}

// loadGraph reads and validates a definition, builds its graph and colours
// it by the history file, if one is named.
func loadGraph(defFile, historyFile string) (graphInput, error) {
	data, err := readFile("definition", defFile)
	if err != nil {
		return graphInput{}, err
	}
	diags := validate.Definition(data, validate.Options{Type: "STANDARD"})
	if validate.HasErrors(diags) {
		return graphInput{}, usagef("invalid definition: %s", validate.InvalidDefinitionMessage(string(data), diags))
	}
	def, err := asl.Parse(data)
	if err != nil {
		return graphInput{}, usagef("invalid definition: %v", err)
	}
	in := graphInput{def: data, graph: graph.Build(def)}
	if historyFile == "" {
		return in, nil
	}
	hist, err := readFile("execution history", historyFile)
	if err != nil {
		return graphInput{}, err
	}
	events, err := graph.ParseHistory(hist)
	if err != nil {
		return graphInput{}, usagef("%v", err)
	}
	in.statuses = graph.Statuses(events)
	in.graph.Colour(in.statuses)
	return in, nil
}

// layoutSVG draws in's SVG, giving up after timeout.
func layoutSVG(out io.Writer, in graphInput, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := graph.SVG(ctx, out, in.def, in.statuses)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("the layout did not finish within %v (--timeout); --format dot or mermaid draw it at once", timeout)
	}
	return err
}

package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	"github.com/stepwise/stepwise/shared/console"
)

// Point is a position in the drawing, in SVG user units.
type Point struct{ X, Y float64 }

// Box is a laid-out node or group: its centre and size.
type Box struct {
	X, Y          float64
	Width, Height float64
}

// LaidNode is a state, the start or end marker, a group's join point or a
// junction of a bus (far edges to one state joined into one lane; Catch
// says whose). Parent is the group holding it, if any.
type LaidNode struct {
	ID, Text, Type      string // Text is the name as the console clips it
	Parent              string
	Terminal, Join, Bus bool
	Catch               bool
	Box
}

// LaidGroup is a Parallel or Map state's box; Depth orders nested groups
// and Parent is the group holding it, if any.
type LaidGroup struct {
	ID, Label, Parent string
	Depth             int
	Box
}

// LaidEdge is a routed transition with its label's centre; Bus marks one
// that ends at a bus junction (drawn without an arrowhead).
type LaidEdge struct {
	From, To   string
	Points     []Point
	Label      string
	Centre     Point `json:"centre"`
	Catch, Bus bool
}

// Layout is a definition placed by the console's own code (graph.js's
// buildModel, layout.js's layout, with the vendored dagre), so `stepwise
// graph` draws the very picture the console shows.
type Layout struct {
	Width, Height float64
	Groups        []LaidGroup
	Nodes         []LaidNode
	Edges         []LaidEdge
}

// ExportJS reads the console's model and layout out as JSON: a function of
// the definition's text. Lay runs it; the console test runs it in Chromium
// to check that both engines place every node and edge alike.
const ExportJS = `(function (src) {
  const m = buildModel(JSON.parse(src));
  const g = layout(m);
  const box = (id) => { const n = g.node(id); return { x: n.x, y: n.y, width: n.width, height: n.height }; };
  return JSON.stringify({
    width: g.graph().width, height: g.graph().height,
    groups: m.groups.map((gr) => Object.assign({ id: gr.id, label: gr.label, parent: gr.parent || "", depth: depth(g, gr.id) }, box(gr.id))),
    nodes: m.nodes.map((n) => Object.assign({ id: n.id, text: clip(n.label, 36), type: n.type || "", parent: n.parent || "", terminal: !!n.terminal, join: !!n.join, bus: !!n.bus, catch: !!n.catch }, box(n.id))),
    edges: g.edges().map((e) => { const d = g.edge(e); return { from: e.v, to: e.w, points: d.points, label: d.label || "", centre: { x: d.x || 0, y: d.y || 0 }, catch: !!d.edge.catch, bus: !!d.edge.bus }; }),
  });
})`

// polyfillJS supplies what browsers have and goja lacks. dagre clones
// only plain data (layer orderings, the graph's settings) with it, for
// which a JSON round trip is exact.
const polyfillJS = `var structuredClone = (v) => JSON.parse(JSON.stringify(v));`

var (
	programsOnce sync.Once
	programs     []*goja.Program
	programsErr  error
)

// compile parses the console's scripts once per process.
func compile() ([]*goja.Program, error) {
	programsOnce.Do(func() {
		srcs := [][2]string{{"polyfill.js", polyfillJS}}
		for _, name := range []string{"dagre.min.js", "bundle.js", "busjoin.js", "layout.js", "graph.js"} {
			b, err := console.Script(name)
			if err != nil {
				programsErr = err
				return
			}
			srcs = append(srcs, [2]string{name, string(b)})
		}
		srcs = append(srcs, [2]string{"export.js", ExportJS})
		for _, s := range srcs {
			// The page's scripts name source maps for browsers' tools; the
			// layout needs none.
			ast, err := goja.Parse(s[0], s[1], parser.WithDisableSourceMaps)
			if err != nil {
				programsErr = fmt.Errorf("parse %s: %w", s[0], err)
				return
			}
			p, err := goja.CompileAST(ast, false)
			if err != nil {
				programsErr = fmt.Errorf("compile %s: %w", s[0], err)
				return
			}
			programs = append(programs, p)
		}
	})
	return programs, programsErr
}

// Lay places a definition (its JSON text) as the console does. Layout time
// grows with the length of edges as well as the number of states; ctx
// interrupts it.
func Lay(ctx context.Context, def []byte) (*Layout, error) {
	progs, err := compile()
	if err != nil {
		return nil, err
	}
	vm := goja.New()
	var last goja.Value
	for _, p := range progs {
		if last, err = vm.RunProgram(p); err != nil {
			return nil, fmt.Errorf("console layout: %w", err)
		}
	}
	fn, ok := goja.AssertFunction(last)
	if !ok {
		return nil, fmt.Errorf("console layout: export is not a function")
	}
	stop := context.AfterFunc(ctx, func() { vm.Interrupt(ctx.Err()) })
	defer stop()
	out, err := fn(goja.Undefined(), vm.ToValue(string(def)))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("console layout: %w", ctx.Err())
		}
		return nil, fmt.Errorf("console layout: %w", err)
	}
	var l Layout
	if err := json.Unmarshal([]byte(out.String()), &l); err != nil {
		return nil, fmt.Errorf("console layout: decode: %w", err)
	}
	return &l, nil
}

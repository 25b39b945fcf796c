// Package export writes subgraphs of a plan graph in the formats graph
// tools read: GraphML, GEXF, Cytoscape.js JSON, Graphviz DOT, CSV (a zip
// of nodes.csv and edges.csv for Gephi), N-Quads and JSON-LD. Writers are
// registered by name, stream their output, and are deterministic: the same
// Graph gives the same bytes, with nodes and edges sorted and ids taken
// from the graph's readable ids.
//
// Collect gathers a Graph from a store: the neighborhoods of seed nodes,
// or the whole graph. The CLI, GET /export and the GraphQL export field
// all go through Collect and Write, so they give the same bytes.
package export

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"

	"github.com/cayleygraph/quad"
)

// Graph is what an exporter writes.
type Graph struct {
	// Nodes sorted by ID.
	Nodes []Node
	// Edges sorted by Source, Predicate, Target, Evidence.
	Edges []Edge
	// Quads are the RDF statements of the subgraph for the RDF formats:
	// the nodes' own quads whose objects are literals or nodes of the
	// subgraph, labels (provenance) kept; sorted.
	Quads []quad.Quad
}

// Node is a node with the attributes the exporters write.
type Node struct {
	// ID is the readable id ("country:KH").
	ID string
	// Kind is the node kind ("Country", "Measure" …).
	Kind string
	// LabelZH and LabelEN are the names; a section's label is its number
	// and title, a measure's its text.
	LabelZH, LabelEN string
	// Section is the section number of a section or of a measure's section.
	Section string
	// Text is a measure's sentence.
	Text string
	// Commitment is a measure's commitment level.
	Commitment string
}

// Edge is an edge with the attributes the exporters write.
type Edge struct {
	Source, Target string
	// Predicate is the edge's short name: a relation name ("mentions",
	// "complements" …), "partOf", "inPillar" or "inPriorityArea".
	Predicate string
	// Evidence is the id of what states the edge (a measure, the plan or
	// the catalog); EvidenceText the measure's sentence when a measure does.
	Evidence, EvidenceText string
}

// Format is one output format.
type Format struct {
	// Name is the format's name: "graphml", "gexf", "cyjs", "dot", "csv",
	// "nquads", "jsonld".
	Name string
	// MIME is the Content-Type of the output.
	MIME string
	// Ext is the file name extension, with its dot.
	Ext string
	// Binary is true when the output is not UTF-8 text (csv: a zip).
	Binary bool
	// Write writes g.
	Write func(w io.Writer, g *Graph) error
}

var (
	mu      sync.RWMutex
	formats = map[string]Format{}
)

// Register adds a format; registering a name twice panics.
func Register(f Format) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := formats[f.Name]; dup {
		panic(fmt.Sprintf("export: format %q registered twice", f.Name))
	}
	formats[f.Name] = f
}

// Lookup returns the format registered under name.
func Lookup(name string) (Format, bool) {
	mu.RLock()
	defer mu.RUnlock()
	f, ok := formats[name]
	return f, ok
}

// Names lists the registered formats, sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(formats))
	for n := range formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Sort puts a Graph's nodes, edges and quads in the order the writers
// expect.
func (g *Graph) Sort() {
	slices.SortFunc(g.Nodes, func(a, b Node) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	slices.SortFunc(g.Edges, func(a, b Edge) int {
		for _, p := range [][2]string{{a.Source, b.Source}, {a.Predicate, b.Predicate}, {a.Target, b.Target}, {a.Evidence, b.Evidence}} {
			if p[0] != p[1] {
				if p[0] < p[1] {
					return -1
				}
				return 1
			}
		}
		return 0
	})
	slices.SortFunc(g.Quads, func(a, b quad.Quad) int {
		for _, d := range quad.Directions {
			x, y := quad.StringOf(a.Get(d)), quad.StringOf(b.Get(d))
			if x != y {
				if x < y {
					return -1
				}
				return 1
			}
		}
		return 0
	})
}

package export

import (
	"fmt"
	"io"
	"strconv"
)

func init() {
	Register(Format{Name: "gexf", MIME: "application/gexf+xml", Ext: ".gexf", Write: WriteGEXF})
}

// GEXF attributes: id (and title) for each class.
var (
	gexfNodeAttrs = []string{"kind", "label_zh", "label_en", "section", "text", "commitment"}
	gexfEdgeAttrs = []string{"predicate", "evidence", "evidence_text"}
)

// WriteGEXF writes g as GEXF 1.3 (gexf.net), for Gephi: a static
// directed graph whose nodes have the readable id as id and the label
// Node.Label shows; typed (string) attributes kind, label_zh, label_en,
// section, text and commitment for nodes and predicate, evidence and
// evidence_text for edges (an empty value is left out); and, by kind,
// viz:color and viz:size from StyleOf. Edges are e0, e1 … in Graph order,
// labelled and of the kind of their predicate's short name, so that Gephi
// keeps edges of different predicates between two nodes apart. There is
// no lastmodifieddate, to keep the output the same from day to day.
func WriteGEXF(w io.Writer, g *Graph) error {
	x := newXMLWriter(w)
	x.start("gexf",
		"xmlns", "http://gexf.net/1.3",
		"xmlns:viz", "http://gexf.net/1.3/viz",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
		"version", "1.3")
	x.start("meta")
	x.text("creator", "plangraph")
	x.text("description", "A subgraph of a plangraph plan graph")
	x.end("meta")
	x.start("graph", "defaultedgetype", "directed", "mode", "static")
	attributes := func(class string, names []string) {
		x.start("attributes", "class", class, "mode", "static")
		for _, n := range names {
			x.empty("attribute", "id", n, "title", n, "type", "string")
		}
		x.end("attributes")
	}
	attributes("node", gexfNodeAttrs)
	attributes("edge", gexfEdgeAttrs)
	attvalues := func(names []string, values ...string) {
		open := false
		for i, v := range values {
			if v == "" {
				continue
			}
			if !open {
				x.start("attvalues")
				open = true
			}
			x.empty("attvalue", "for", names[i], "value", v)
		}
		if open {
			x.end("attvalues")
		}
	}

	x.start("nodes", "count", strconv.Itoa(len(g.Nodes)))
	for _, n := range g.Nodes {
		x.start("node", "id", n.ID, "label", n.Label())
		attvalues(gexfNodeAttrs, n.Kind, n.LabelZH, n.LabelEN, n.Section, n.Text, n.Commitment)
		s := StyleOf(n.Kind)
		x.empty("viz:color", "r", strconv.Itoa(int(s.R)), "g", strconv.Itoa(int(s.G)), "b", strconv.Itoa(int(s.B)))
		x.empty("viz:size", "value", strconv.FormatFloat(s.Size, 'f', 1, 64))
		x.end("node")
		if x.err != nil {
			break
		}
	}
	x.end("nodes")

	x.start("edges", "count", strconv.Itoa(len(g.Edges)))
	for i, e := range g.Edges {
		x.start("edge", "id", edgeID(i), "source", e.Source, "target", e.Target, "label", e.Predicate, "kind", e.Predicate)
		attvalues(gexfEdgeAttrs, e.Predicate, e.Evidence, e.EvidenceText)
		x.end("edge")
		if x.err != nil {
			break
		}
	}
	x.end("edges")
	x.end("graph")
	x.end("gexf")
	if err := x.close(); err != nil {
		return fmt.Errorf("export gexf: %w", err)
	}
	return nil
}

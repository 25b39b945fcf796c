package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

func init() {
	Register(Format{Name: "graphml", MIME: "application/graphml+xml", Ext: ".graphml", Write: WriteGraphML})
}

// GraphML attribute keys: key id, the element it is for, attr.name.
var (
	graphMLNodeKeys = [][3]string{
		{"n_id", "node", "plangraph_id"},
		{"n_label", "node", "label"},
		{"n_kind", "node", "kind"},
		{"n_label_zh", "node", "label_zh"},
		{"n_label_en", "node", "label_en"},
		{"n_section", "node", "section"},
		{"n_text", "node", "text"},
		{"n_commitment", "node", "commitment"},
	}
	graphMLEdgeKeys = [][3]string{
		{"e_label", "edge", "label"},
		{"e_predicate", "edge", "predicate"},
		{"e_evidence", "edge", "evidence"},
		{"e_evidence_text", "edge", "evidence_text"},
	}
)

// WriteGraphML writes g as GraphML (graphml.graphdrawing.org), valid
// against the GraphML 1.0 schema: one directed graph, every attribute a
// declared string <key>.
//
// Nodes carry plangraph_id (the readable id), label (what to show: the
// zh label, else en, else the id), kind, label_zh, label_en, section,
// text and commitment; edges label and predicate (the predicate's short
// name), evidence (the id of what states the edge) and evidence_text (the
// evidence measure's sentence). An empty value is left out.
//
// GraphML ids are XML name tokens, which cannot hold "/" as section and
// measure ids do: a node's GraphML id is its readable id with every byte
// other than an ASCII letter, digit, '.', '-' or ':' written as '_' and
// two upper-case hex digits ("measure:lmc-2023-2027/4.2.1/3" is
// "measure:lmc-2023-2027_2F4.2.1_2F3"; see GraphMLID), and plangraph_id
// keeps the readable one. Edge ids are e0, e1 … in Graph order (source,
// predicate, target, evidence).
func WriteGraphML(w io.Writer, g *Graph) error {
	x := newXMLWriter(w)
	x.start("graphml",
		"xmlns", "http://graphml.graphdrawing.org/xmlns",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
	for _, k := range append(graphMLNodeKeys[:len(graphMLNodeKeys):len(graphMLNodeKeys)], graphMLEdgeKeys...) {
		x.empty("key", "id", k[0], "for", k[1], "attr.name", k[2], "attr.type", "string")
	}
	x.start("graph", "id", "plangraph", "edgedefault", "directed")
	data := func(key, value string) {
		if value != "" {
			x.text("data", value, "key", key)
		}
	}
	for _, n := range g.Nodes {
		x.start("node", "id", GraphMLID(n.ID))
		data("n_id", n.ID)
		data("n_label", n.Label())
		data("n_kind", n.Kind)
		data("n_label_zh", n.LabelZH)
		data("n_label_en", n.LabelEN)
		data("n_section", n.Section)
		data("n_text", n.Text)
		data("n_commitment", n.Commitment)
		x.end("node")
		if x.err != nil {
			break
		}
	}
	for i, e := range g.Edges {
		x.start("edge", "id", edgeID(i), "source", GraphMLID(e.Source), "target", GraphMLID(e.Target))
		data("e_label", e.Predicate)
		data("e_predicate", e.Predicate)
		data("e_evidence", e.Evidence)
		data("e_evidence_text", e.EvidenceText)
		x.end("edge")
		if x.err != nil {
			break
		}
	}
	x.end("graph")
	x.end("graphml")
	if err := x.close(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	return nil
}

// edgeID is the id of the i-th edge of a Graph in GraphML, GEXF and
// Cytoscape.js JSON.
func edgeID(i int) string { return "e" + strconv.Itoa(i) }

// GraphMLID returns the GraphML id of a node: its readable id with every
// byte that is not an ASCII letter or digit, '.', '-' or ':' escaped as
// '_' and two upper-case hex digits, an XML name token.
func GraphMLID(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-', c == ':':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "_%02X", c)
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

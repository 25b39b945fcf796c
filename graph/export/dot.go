package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

func init() {
	Register(Format{Name: "dot", MIME: "text/vnd.graphviz; charset=utf-8", Ext: ".dot", Write: WriteDOT})
}

// WriteDOT writes g as a Graphviz digraph (UTF-8; dot -Tsvg draws it).
// A node is its readable id with the label Node.Label shows, the shape
// and color of its kind (StyleOf: the border in the color, the fill in
// the color at a quarter opacity), a tooltip with a measure's whole
// sentence, and kind as an extra attribute; an edge is labelled with its
// predicate's short name, with the evidence id as tooltip and extra
// attribute. Every string is quoted. In labels and tooltips a backslash
// is written \\, a double quote \", a line break \n (so no escape
// sequence of Graphviz such as \N or \l comes from the data), and
// anything else, Chinese and tabs included, as it is; node ids are
// written as dotID says, and so are the extra attributes kind and
// evidence, which Graphviz keeps as written (pydot, networkx's read_dot).
func WriteDOT(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("digraph plangraph {\n")
	bw.WriteString("  graph [rankdir=LR, overlap=false];\n")
	bw.WriteString("  node [style=filled, fontname=\"sans-serif\", fontsize=10];\n")
	bw.WriteString("  edge [fontname=\"sans-serif\", fontsize=8];\n")
	for _, n := range g.Nodes {
		s := StyleOf(n.Kind)
		fmt.Fprintf(bw, "  %s [label=%s, shape=%s, color=%s, fillcolor=%s",
			dotID(n.ID), dotString(n.Label()), s.Shape, dotString(s.Hex()), dotString(s.Hex()+"40"))
		if n.Text != "" {
			fmt.Fprintf(bw, ", tooltip=%s", dotString(n.Text))
		}
		fmt.Fprintf(bw, ", kind=%s];\n", dotID(n.Kind))
	}
	for _, e := range g.Edges {
		fmt.Fprintf(bw, "  %s -> %s [label=%s", dotID(e.Source), dotID(e.Target), dotString(e.Predicate))
		if e.Evidence != "" {
			fmt.Fprintf(bw, ", tooltip=%s, evidence=%s", dotString(e.Evidence), dotID(e.Evidence))
		}
		bw.WriteString("];\n")
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export dot: %w", err)
	}
	return nil
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\r", `\n`, "\n", `\n`)

// dotString returns s as a quoted DOT string for an attribute that reads
// escape sequences (label, tooltip): \\ is a backslash, \n a line break.
func dotString(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

// dotID returns a node id as a quoted DOT string. Graphviz reads an id as
// written between the quotes except for \", a quote: so a quote is
// written \" and everything else as it is, line breaks too. DOT cannot
// write a backslash just before a quote, a line break or the end of an id
// (it would escape the quote or the line break): such a backslash is
// doubled, and that id reads back with two. Plangraph ids have neither
// quotes nor backslashes.
func dotID(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteByte(c)
			if i+1 == len(s) || s[i+1] == '"' || s[i+1] == '\n' {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

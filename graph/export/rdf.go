package export

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"plangraph/schema"
)

func init() {
	Register(Format{Name: "nquads", MIME: "application/n-quads", Ext: ".nq", Write: WriteNQuads})
	Register(Format{Name: "jsonld", MIME: "application/ld+json", Ext: ".jsonld", Write: WriteJSONLD})
}

// WriteNQuads writes g.Quads as N-Quads through the cayleygraph/quad
// writer, one quad a line in Graph order; each quad's label, the measure,
// plan or catalog that states it, is its graph name. Typed literals are
// written as RDF has them (see RDFValue).
func WriteNQuads(w io.Writer, g *Graph) error {
	return writeQuads("nquads", nquads.NewWriter(w), g.Quads)
}

// WriteJSONLD writes g.Quads as JSON-LD through the cayleygraph/quad
// writer, compacted with JSONLDContext: one named graph per label (the
// provenance, as in N-Quads). Typed literals are written as RDF has them
// (see RDFValue). The writer builds the document in memory before it
// writes it, as JSON-LD's compaction needs the whole dataset.
func WriteJSONLD(w io.Writer, g *Graph) error {
	jw := jsonld.NewWriter(w)
	jw.SetLdContext(JSONLDContext())
	return writeQuads("jsonld", jw, g.Quads)
}

func writeQuads(format string, qw quad.WriteCloser, qs []quad.Quad) error {
	for _, q := range qs {
		q.Object = RDFValue(q.Object)
		if err := qw.WriteQuad(q); err != nil {
			qw.Close()
			return fmt.Errorf("export %s: %w", format, err)
		}
	}
	if err := qw.Close(); err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	return nil
}

// RDFValue returns v as RDF writes it. Cayley's native values print their
// datatype in its short form, "1"^^<xsd:integer>, which an RDF parser
// reads as an IRI of scheme xsd, and a boolean as "True", which is not
// xsd:boolean: they become typed strings with the full XSD datatype IRI
// ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) and "true" or
// "false". Other values are returned as they are.
func RDFValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.Bool:
		s := "false"
		if v {
			s = "true"
		}
		return quad.TypedString{Value: quad.String(s), Type: quad.IRI(schema.XSD + "boolean")}
	case quad.TypedString:
		v.Type = v.Type.Full()
		return v
	case quad.TypedStringer:
		ts := v.TypedString()
		ts.Type = ts.Type.Full()
		return ts
	}
	return v
}

// JSONLDContext maps the vocabularies plangraph uses to short prefixes,
// the @context of the JSON-LD the exports (and dumps) write.
func JSONLDContext() map[string]any {
	return map[string]any{
		"pg":      schema.NS,
		"pgid":    schema.NodeBase,
		"rdf":     schema.RDF,
		"rdfs":    schema.RDFS,
		"skos":    schema.SKOS,
		"dcterms": schema.DCTerms,
		"xsd":     schema.XSD,
	}
}

package export

import (
	"context"
	"io"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
)

// Result describes a written export.
type Result struct {
	// Nodes and Edges count what the export holds.
	Nodes, Edges int
	// Bytes is the size written.
	Bytes int64
}

// Run collects a selection and writes it in a format: the one path the
// CLI, GET /export and the GraphQL export field all take, so that they
// give the same bytes.
func Run(ctx context.Context, st *store.Store, an *analysis.Analyzer, sel Selection, f Format, w io.Writer) (Result, error) {
	g, err := Collect(ctx, st, an, sel)
	if err != nil {
		return Result{}, err
	}
	cw := &countingWriter{w: w}
	if err := f.Write(cw, g); err != nil {
		return Result{}, err
	}
	return Result{Nodes: len(g.Nodes), Edges: len(g.Edges), Bytes: cw.n}, nil
}

// Exporter runs exports over one store; the GraphQL resolver uses it.
type Exporter struct {
	Store    *store.Store
	Analyzer *analysis.Analyzer
}

// Export runs sel in format f into w.
func (e Exporter) Export(ctx context.Context, sel Selection, f Format, w io.Writer) (Result, error) {
	return Run(ctx, e.Store, e.Analyzer, sel, f, w)
}

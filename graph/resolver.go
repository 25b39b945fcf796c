package graph

import (
	"context"
	"io"

	"github.com/99designs/gqlgen/graphql"
	"github.com/cayleygraph/quad"

	"plangraph/graph/export"
	"plangraph/graph/generated"
	"plangraph/graph/store"
	"plangraph/schema"
)

// Reader is what the resolvers read: the typed queries of graph/store.
// *store.Store implements it; tests wrap it to count calls.
type Reader interface {
	Nodes(ctx context.Context, ids []string) ([]store.Node, []error)
	Plans(ctx context.Context) ([]store.Node, error)
	Sections(ctx context.Context, planID string) ([]store.Section, error)
	PlanMeasures(ctx context.Context, planID string) ([]store.Measure, error)
	MeasuresByID(ctx context.Context, ids []string) ([]store.Measure, error)
	FindMeasures(ctx context.Context, f store.MeasureFilter) ([]store.Measure, error)
	MentionsInMany(ctx context.Context, measureIDs []string) ([][]store.Mention, error)
	MentionsOfMany(ctx context.Context, entityIDs []string) ([][]store.Mention, error)
	RelationsByEvidence(ctx context.Context, measureIDs []string) ([][]store.Relation, error)
	RelationsOfMany(ctx context.Context, ids []string, f store.RelationFilter) (out, in [][]store.Relation, err error)
	Entities(ctx context.Context, kinds ...schema.Kind) ([]store.Node, error)
	Out(ctx context.Context, id string, preds ...quad.IRI) ([]store.Edge, error)
	In(ctx context.Context, id string, preds ...quad.IRI) ([]store.Edge, error)
}

// Resolver holds the resolvers' dependencies.
type Resolver struct {
	// Store answers every read.
	Store Reader
	// Analyzer answers the analysis queries.
	Analyzer Analyzer
	// Exporter writes exports; nil: the export field answers an error.
	Exporter Exporter
}

// Exporter writes a selection of the graph in a format.
type Exporter interface {
	Export(ctx context.Context, sel export.Selection, f export.Format, w io.Writer) (export.Result, error)
}

// Option configures NewExecutableSchema.
type Option func(*Resolver)

// WithExporter enables the export field.
func WithExporter(e Exporter) Option { return func(r *Resolver) { r.Exporter = e } }

// NewExecutableSchema returns the GraphQL schema over a store and an
// analyzer (nil: analysis queries answer an error). Each
// operation gets its own dataloaders, so a list of items costs a bounded
// number of store reads, and no operation sees another's cache.
func NewExecutableSchema(st Reader, an Analyzer, opts ...Option) graphql.ExecutableSchema {
	if an == nil {
		an = noAnalyzer{}
	}
	r := &Resolver{Store: st, Analyzer: an}
	for _, o := range opts {
		o(r)
	}
	cfg := generated.Config{Resolvers: r}
	setComplexity(&cfg.Complexity)
	return withLoaders{ExecutableSchema: generated.NewExecutableSchema(cfg), store: st}
}

// withLoaders puts fresh dataloaders into the context of every operation.
type withLoaders struct {
	graphql.ExecutableSchema
	store Reader
}

// Exec runs an operation with its own loaders.
func (w withLoaders) Exec(ctx context.Context) graphql.ResponseHandler {
	l := newLoaders(w.store)
	next := w.ExecutableSchema.Exec(withLoadersContext(ctx, l))
	return func(ctx context.Context) *graphql.Response {
		return next(withLoadersContext(ctx, l))
	}
}

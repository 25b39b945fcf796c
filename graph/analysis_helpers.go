package graph

import (
	"context"
	"errors"
	"sync"

	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/graph/model"
	"plangraph/schema"
)

// Analyzer answers the analysis queries; *analysis.Analyzer implements it.
type Analyzer interface {
	Alignment(ctx context.Context, q analysis.AlignmentQuery) (analysis.Alignment, error)
	AlignmentMatrix(ctx context.Context, q analysis.MatrixQuery) (analysis.Matrix, error)
	Neighborhood(ctx context.Context, q analysis.NeighborhoodQuery) (analysis.Subgraph, error)
	Paths(ctx context.Context, q analysis.PathQuery) (analysis.PathResult, error)
	Search(ctx context.Context, q analysis.SearchQuery) ([]analysis.SearchHit, error)
	Stats(ctx context.Context, q analysis.StatsQuery) (analysis.Stats, error)
}

// analysisError gives an analysis's argument errors the BAD_USER_INPUT code.
func analysisError(err error) error {
	if errors.Is(err, analysis.ErrInvalid) {
		return badInput("%s", err.Error())
	}
	return err
}

// loadAll resolves ids concurrently, so that the dataloaders batch them.
func loadAll[T any](ctx context.Context, ids []string, load func(context.Context, string) (T, error)) ([]T, error) {
	out := make([]T, len(ids))
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = load(ctx, id)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// evidenceMeasure returns the measure an evidence id names, or nil when the
// evidence is the plan or the catalog.
func evidenceMeasure(ctx context.Context, id string) (*model.Measure, error) {
	if k, _ := schema.KindOfID(id); k != schema.KindMeasure {
		return nil, nil
	}
	return measureByID(ctx, id)
}

func orDefault(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func schemaKinds(kinds []model.NodeKind) []schema.Kind {
	out := make([]schema.Kind, len(kinds))
	for i, k := range kinds {
		out[i] = model.SchemaNodeKind(k)
	}
	return out
}

func edgePredicates(kinds []model.EdgeKind) []quad.IRI {
	out := make([]quad.IRI, len(kinds))
	for i, k := range kinds {
		out[i] = model.EdgeKindIRI(k)
	}
	return out
}

// noAnalyzer answers every analysis query with an error, for schemas built
// without an Analyzer.
type noAnalyzer struct{}

var errNoAnalyzer = errors.New("graph: analysis queries are not available on this server")

func (noAnalyzer) Alignment(context.Context, analysis.AlignmentQuery) (analysis.Alignment, error) {
	return analysis.Alignment{}, errNoAnalyzer
}
func (noAnalyzer) AlignmentMatrix(context.Context, analysis.MatrixQuery) (analysis.Matrix, error) {
	return analysis.Matrix{}, errNoAnalyzer
}
func (noAnalyzer) Neighborhood(context.Context, analysis.NeighborhoodQuery) (analysis.Subgraph, error) {
	return analysis.Subgraph{}, errNoAnalyzer
}
func (noAnalyzer) Paths(context.Context, analysis.PathQuery) (analysis.PathResult, error) {
	return analysis.PathResult{}, errNoAnalyzer
}
func (noAnalyzer) Search(context.Context, analysis.SearchQuery) ([]analysis.SearchHit, error) {
	return nil, errNoAnalyzer
}
func (noAnalyzer) Stats(context.Context, analysis.StatsQuery) (analysis.Stats, error) {
	return analysis.Stats{}, errNoAnalyzer
}

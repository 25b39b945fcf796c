package analysis

import "context"

// Stats counts and ranks the graph.
func (a *Analyzer) Stats(ctx context.Context, q StatsQuery) (Stats, error) {
	return Stats{}, errNotImplemented
}

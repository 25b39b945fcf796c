package analysis

import "context"

// Paths finds paths between two nodes, shortest first.
func (a *Analyzer) Paths(ctx context.Context, q PathQuery) (PathResult, error) {
	return PathResult{}, errNotImplemented
}

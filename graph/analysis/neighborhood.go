package analysis

import "context"

// Neighborhood returns the subgraph around a node.
func (a *Analyzer) Neighborhood(ctx context.Context, q NeighborhoodQuery) (Subgraph, error) {
	return Subgraph{}, errNotImplemented
}

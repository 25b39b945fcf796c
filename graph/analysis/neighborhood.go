package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Limits of a neighborhood query.
const (
	// MaxNeighborhoodDepth is the largest NeighborhoodQuery.Depth.
	MaxNeighborhoodDepth = 3
	// MaxNeighborhoodLimit is the largest NeighborhoodQuery.Limit.
	MaxNeighborhoodLimit = 2000
)

// Neighborhood returns the subgraph around a node: the nodes within
// q.Depth edges of q.ID, both directions, and the edges between them.
// Nodes are the plan, sections, measures and catalog entities; a mention
// is no node but the measure's pg:mentions edge to the entity.
//
// The walk is breadth-first, a level at a time, reading each level's
// edges in one store call (Store.OutInMany), so every node gets its
// shortest distance. When more than q.Limit nodes are within reach it
// keeps the first q.Limit by distance, then id (the start node first and
// counted), and sets Truncated; the same query always gives the same
// nodes.
//
// q.Kinds filters what is returned, not what is walked: a node of another
// kind is passed through but neither returned nor counted against the
// limit, and the edges at it are left out. So the countries two edges
// from the foreign ministers' meeting (through the group of six that
// submits to it) are returned for kinds [Country], without edges. The
// start node is always returned. q.Predicates filters the edges both
// walked and returned. Edges are every quad of those predicates between
// two returned nodes, sorted by source, predicate, target and evidence.
//
// Errors wrap ErrInvalid for a depth, limit, kind or predicate out of
// range or a start node that is a mention or the catalog, and match
// store.ErrNotFound for an unknown id.
func (a *Analyzer) Neighborhood(ctx context.Context, q NeighborhoodQuery) (Subgraph, error) {
	preds, err := walkPredicates("neighborhood", q.Predicates)
	if err != nil {
		return Subgraph{}, err
	}
	switch {
	case q.Depth < 1 || q.Depth > MaxNeighborhoodDepth:
		return Subgraph{}, fmt.Errorf("%w: neighborhood: depth %d is not between 1 and %d", ErrInvalid, q.Depth, MaxNeighborhoodDepth)
	case q.Limit < 1 || q.Limit > MaxNeighborhoodLimit:
		return Subgraph{}, fmt.Errorf("%w: neighborhood: limit %d is not between 1 and %d", ErrInvalid, q.Limit, MaxNeighborhoodLimit)
	}
	for _, k := range q.Kinds {
		if !isTraversalKind(k) {
			return Subgraph{}, fmt.Errorf("%w: neighborhood: %q is not a kind of node it returns", ErrInvalid, k)
		}
	}
	keep := func(id string) bool {
		if len(q.Kinds) == 0 {
			return true
		}
		k, _ := traversalKind(id)
		return slices.Contains(q.Kinds, k)
	}

	adj := newAdjacency(a.st, preds)
	if err := walkStart(ctx, adj, "neighborhood", q.ID); err != nil {
		return Subgraph{}, err
	}
	dist := map[string]int{q.ID: 0}
	kept := []string{q.ID} // in (distance, id) order
	truncated := false
	frontier := []string{q.ID}
	for d := 1; d <= q.Depth && len(frontier) > 0 && !truncated; d++ {
		if err := adj.expand(ctx, frontier); err != nil {
			return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", q.ID, err)
		}
		var next []string
		for _, id := range frontier {
			for _, h := range adj.hops(id) {
				if _, seen := dist[h.to]; !seen {
					dist[h.to] = d
					next = append(next, h.to)
				}
			}
		}
		slices.Sort(next)
		for _, id := range next {
			if !keep(id) {
				continue
			}
			if len(kept) == q.Limit {
				truncated = true
				break
			}
			kept = append(kept, id)
		}
		frontier = next
	}

	// Read the kept nodes whole, for their labels, with their outgoing
	// edges: those hold every edge between two kept nodes, those of the
	// last level too, which were not expanded.
	nodes, err := adj.readNodes(ctx, kept)
	if err != nil {
		return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", q.ID, err)
	}
	in := make(map[string]bool, len(kept))
	for _, id := range kept {
		in[id] = true
	}
	sg := Subgraph{Nodes: make([]SubgraphNode, 0, len(kept)), Edges: []SubgraphEdge{}, Truncated: truncated}
	for i, id := range kept {
		k, _ := traversalKind(id)
		sg.Nodes = append(sg.Nodes, SubgraphNode{ID: id, Kind: k, Label: nodeLabel(id, k, nodes[i].Node), Distance: dist[id]})
		for _, e := range nodes[i].Out {
			if in[e.ObjectID] {
				sg.Edges = append(sg.Edges, SubgraphEdge{Source: id, Target: e.ObjectID, Predicate: e.Predicate, Evidence: e.Evidence})
			}
		}
	}
	slices.SortFunc(sg.Edges, compareSubgraphEdges)
	sg.Edges = slices.Compact(sg.Edges)
	return sg, nil
}

func compareSubgraphEdges(a, b SubgraphEdge) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Target, b.Target), cmp.Compare(a.Evidence, b.Evidence))
}

package store

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// NodeEdges is the edges at one node, as OutInMany and NodesWithOut read
// them for traversals that expand many nodes at once.
type NodeEdges struct {
	// Found is false when the id is the subject of no quad: Out and In
	// report ErrNotFound for it, and the other fields are zero.
	Found bool
	// Node is the node, as Node returns it; only NodesWithOut reads it.
	Node Node
	// Out are the edges Out returns for the node with the same predicates.
	Out []Edge
	// In are the edges In returns for the node with the same predicates;
	// only OutInMany reads them.
	In []Edge
}

// OutInMany returns, for each id, the edges Out and In return for it with
// preds, all under one read lock: two index look-ups per distinct id, and
// only the quads of preds are fetched (not the node's literal properties,
// as Out does). out[i] answers ids[i]; an unknown id gives a NodeEdges
// with Found false, not an error. An id asked for twice is read once and
// its answers share slices.
func (s *Store) OutInMany(ctx context.Context, ids []string, preds ...quad.IRI) ([]NodeEdges, error) {
	if err := s.rlock("out and in"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	keep, err := s.predicateFilter(preds)
	if err != nil {
		return nil, fmt.Errorf("store: out and in: %w", err)
	}
	out := make([]NodeEdges, len(ids))
	done := make(map[string]int, len(ids))
	for i, id := range ids {
		if j, ok := done[id]; ok {
			out[i] = out[j]
			continue
		}
		done[id] = i
		found, edges, err := s.outEdges(ctx, id, keep, len(preds) == 0)
		if err != nil {
			return nil, fmt.Errorf("store: out %q: %w", id, err)
		}
		if !found {
			continue
		}
		qs, err := s.quadsWith(ctx, quad.Object, schema.IRI(id), keep)
		if err != nil {
			return nil, fmt.Errorf("store: in %q: %w", id, err)
		}
		in := make([]Edge, 0, len(qs))
		for _, q := range qs {
			in = append(in, edgeOf(q))
		}
		sortEdges(in, func(e Edge) string { return e.Subject })
		out[i] = NodeEdges{Found: true, Out: edges, In: in}
	}
	return out, nil
}

// NodesWithOut returns, for each id, the node and the edges Out returns
// for it with preds, under one read lock and with one index look-up per
// distinct id: for the nodes a traversal returns, whose properties it
// needs anyway. Unknown and repeated ids are as in OutInMany.
func (s *Store) NodesWithOut(ctx context.Context, ids []string, preds ...quad.IRI) ([]NodeEdges, error) {
	if err := s.rlock("nodes"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out := make([]NodeEdges, len(ids))
	done := make(map[string]int, len(ids))
	for i, id := range ids {
		if j, ok := done[id]; ok {
			out[i] = out[j]
			continue
		}
		done[id] = i
		r, err := s.read(ctx, "node", id)
		if isNotFound(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		out[i] = NodeEdges{Found: true, Node: r.node, Out: r.outEdges(preds)}
	}
	return out, nil
}

// outEdges are the edges Out returns for the record's node.
func (r *record) outEdges(preds []quad.IRI) []Edge {
	var edges []Edge
	for p, qs := range r.quads {
		if !edgePredicate(p, preds) {
			continue
		}
		for _, q := range qs {
			if len(preds) == 0 && !isIdentifier(q.Object) && schema.RelationName(p) == "" {
				continue
			}
			edges = append(edges, edgeOf(q))
		}
	}
	sortOut(edges)
	return edges
}

// sortOut sorts edges as Out does.
func sortOut(edges []Edge) {
	sortEdges(edges, func(e Edge) string {
		if e.ObjectID != "" {
			return e.ObjectID
		}
		return quad.StringOf(e.Object)
	})
}

// outEdges returns the edges Out returns for id, fetching only the quads
// keep accepts, and whether id is the subject of any quad. With every
// predicate (all), literal objects count only for relations, as in Out.
func (s *Store) outEdges(ctx context.Context, id string, keep refFilter, all bool) (bool, []Edge, error) {
	if isMetaID(id) {
		return false, nil, nil
	}
	ref, err := s.qs.ValueOf(schema.IRI(id))
	if err != nil {
		return false, nil, fmt.Errorf("look up %s: %w", id, err)
	}
	if ref == nil {
		return false, nil, nil
	}
	found := false
	var refs []graph.Ref
	err = s.each(ctx, s.qs.QuadIterator(quad.Subject, ref), func(r graph.Ref) error {
		found = true
		ok, err := keep(r)
		if ok {
			refs = append(refs, r)
		}
		return err
	})
	if err != nil {
		return false, nil, err
	}
	qs, err := s.resolve(ctx, refs)
	if err != nil {
		return false, nil, err
	}
	var edges []Edge
	for _, q := range qs {
		if p, _ := q.Predicate.(quad.IRI); all && !isIdentifier(q.Object) && schema.RelationName(p) == "" {
			continue
		}
		edges = append(edges, edgeOf(q))
	}
	sortOut(edges)
	return found, edges, nil
}

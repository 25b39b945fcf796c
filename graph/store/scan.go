package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Scan returns every quad whose predicate is one of preds, as Edges sorted
// by predicate, then subject id, then object (its id, or a literal's
// N-Quads form), then evidence id. It serves whole-graph passes such as
// search over every measure's pg:text: one index look-up per predicate,
// or, on bolt, which has no predicate index, one scan of the store, all
// under one read lock, so the quads of every predicate come from one
// version of the graph. Asking for no predicate is an error matching
// ErrInvalidFilter. The edges come from the read cache when the same
// predicates were scanned on the same graph before; the slice is the
// caller's.
func (s *Store) Scan(ctx context.Context, preds ...quad.IRI) ([]Edge, error) {
	if len(preds) == 0 {
		return nil, newError(ErrInvalidFilter, "store: scan: no predicate given")
	}
	uniq := make([]quad.IRI, 0, len(preds))
	for _, p := range preds {
		if p == "" {
			return nil, newError(ErrInvalidFilter, "store: scan: empty predicate")
		}
		if !slices.Contains(uniq, p) {
			uniq = append(uniq, p)
		}
	}
	if err := s.rlock("scan"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	key := slices.Clone(uniq)
	slices.Sort(key)
	names := make([]string, len(key))
	for i, p := range key {
		names[i] = string(p)
	}
	edges, err := cached(ctx, s, cacheKey{op: "scan", arg: strings.Join(names, " ")}, func() ([]Edge, error) {
		return s.scanEdges(ctx, uniq)
	})
	if err != nil {
		return nil, err
	}
	return slices.Clone(edges), nil
}

// scanEdges reads and sorts the edges Scan returns.
func (s *Store) scanEdges(ctx context.Context, uniq []quad.IRI) ([]Edge, error) {
	qs, err := s.scan(ctx, uniq)
	if err != nil {
		return nil, fmt.Errorf("store: scan %v: %w", uniq, err)
	}
	// Sort cheaply: predicates by rank, and the N-Quads form of a literal
	// (a plan's pg:text is long) only for two objects of one subject.
	sorted := slices.Clone(uniq)
	slices.Sort(sorted)
	type keyed struct {
		e    Edge
		pred int
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		e := edgeOf(q)
		ks[i] = keyed{e, slices.Index(sorted, e.Predicate)}
	}
	object := func(e Edge) string {
		if e.ObjectID != "" {
			return e.ObjectID
		}
		return quad.StringOf(e.Object)
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Or(cmp.Compare(a.pred, b.pred), cmp.Compare(a.e.Subject, b.e.Subject)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(object(a.e), object(b.e)), cmp.Compare(a.e.Evidence, b.e.Evidence))
	})
	edges := make([]Edge, len(ks))
	for i := range ks {
		edges[i] = ks[i].e
	}
	return edges, nil
}

// scan returns the quads of preds, in store order. The bookkeeping
// predicate has none.
func (s *Store) scan(ctx context.Context, preds []quad.IRI) ([]quad.Quad, error) {
	preds = slices.DeleteFunc(slices.Clone(preds), func(p quad.IRI) bool { return p == schema.Digest })
	if len(preds) == 0 {
		return nil, nil
	}
	if s.backend.predicateIndex() {
		var out []quad.Quad
		for _, p := range preds {
			qs, err := s.quadsWith(ctx, quad.Predicate, p, nil)
			if err != nil {
				return nil, err
			}
			out = append(out, qs...)
		}
		return out, nil
	}
	vals := make([]quad.Value, len(preds))
	for i, p := range preds {
		vals[i] = p
	}
	keys, err := s.keysOf(vals...)
	if err != nil || len(keys) == 0 {
		return nil, err
	}
	return s.collect(ctx, s.allQuads(), s.dirIn(quad.Predicate, keys, false))
}

package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// A refFilter decides from a quad's ref, before its values are fetched,
// whether a read keeps the quad.
type refFilter func(graph.Ref) (bool, error)

// quadsWith returns the quads whose direction d holds v: one index look-up.
// keep, when not nil, filters them before their values are fetched.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value, keep refFilter) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", v, err)
	}
	if ref == nil {
		return nil, nil
	}
	return s.collect(ctx, s.qs.QuadIterator(d, ref), keep)
}

// allQuads returns the shape of every quad in the store.
func (s *Store) allQuads() iterator.Shape {
	s.allMu.Lock()
	defer s.allMu.Unlock()
	return s.qs.QuadsAllIterator()
}

// collect runs a shape of quads and returns the quads it yields that keep
// accepts, with their values.
func (s *Store) collect(ctx context.Context, sh iterator.Shape, keep refFilter) ([]quad.Quad, error) {
	var found []graph.Ref
	err := s.each(ctx, sh, func(r graph.Ref) error {
		if keep != nil {
			ok, err := keep(r)
			if err != nil || !ok {
				return err
			}
		}
		found = append(found, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.resolve(ctx, found)
}

// each calls fn with every quad ref a shape yields.
func (s *Store) each(ctx context.Context, sh iterator.Shape, fn func(graph.Ref) error) error {
	it := sh.Iterate()
	defer it.Close()
	for it.Next(ctx) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(it.Result()); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return it.Err()
}

// resolve fetches the values of quad refs, each distinct value once and in
// one batch where the backend can (kv).
func (s *Store) resolve(ctx context.Context, found []graph.Ref) ([]quad.Quad, error) {
	if len(found) == 0 {
		return nil, nil
	}
	index := make(map[any]int)
	var vals []graph.Ref
	pos := make([][4]int, len(found))
	for i, r := range found {
		for j, d := range quad.Directions {
			v, err := s.qs.QuadDirection(r, d)
			if err != nil {
				return nil, err
			}
			if v == nil {
				pos[i][j] = -1
				continue
			}
			k := refs.ToKey(v)
			n, ok := index[k]
			if !ok {
				n = len(vals)
				index[k] = n
				vals = append(vals, v)
			}
			pos[i][j] = n
		}
	}
	values, err := graph.ValuesOf(ctx, s.qs, vals)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, len(found))
	for i := range found {
		for j, d := range quad.Directions {
			if n := pos[i][j]; n >= 0 {
				out[i].Set(d, values[n])
			}
		}
		if q := out[i]; q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return nil, fmt.Errorf("quad %v: a value is missing from the store", q)
		}
	}
	return out, nil
}

// keysOf returns the ref keys of those of vals that the store holds.
func (s *Store) keysOf(vals ...quad.Value) (map[any]bool, error) {
	keys := make(map[any]bool, len(vals))
	for _, v := range vals {
		r, err := s.qs.ValueOf(v)
		if err != nil {
			return nil, fmt.Errorf("look up %v: %w", v, err)
		}
		if r != nil {
			keys[refs.ToKey(r)] = true
		}
	}
	return keys, nil
}

// dirIn keeps quads whose direction d holds one of keys (or, when not is
// set, none of them).
func (s *Store) dirIn(d quad.Direction, keys map[any]bool, not bool) refFilter {
	return func(r graph.Ref) (bool, error) {
		v, err := s.qs.QuadDirection(r, d)
		if err != nil {
			return false, err
		}
		return keys[refs.ToKey(v)] != not, nil
	}
}

// allOf keeps quads that every filter keeps.
func allOf(filters ...refFilter) refFilter {
	return func(r graph.Ref) (bool, error) {
		for _, f := range filters {
			if ok, err := f(r); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	}
}

// quadKey is a quad's identity in every Cayley backend: the N-Quads forms
// of its four values (Cayley hashes these).
type quadKey [4]string

func keyOf(q quad.Quad) quadKey {
	return quadKey{quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object), quad.StringOf(q.Label)}
}

// sortQuads orders quads by the string forms of subject, predicate, object
// and label.
func sortQuads(qs []quad.Quad) {
	type keyed struct {
		k quadKey
		q quad.Quad
	}
	ks := make([]keyed, len(qs))
	for i, q := range qs {
		ks[i] = keyed{keyOf(q), q}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		for i := range a.k {
			if c := cmp.Compare(a.k[i], b.k[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	for i := range ks {
		qs[i] = ks[i].q
	}
}

package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Entities returns the catalog entities of the given kinds, or of every
// entity kind when none is given, sorted by kind (in schema.EntityKinds
// order) and then by id. A kind that is not an entity kind is an error
// matching ErrInvalidFilter.
func (s *Store) Entities(ctx context.Context, kinds ...schema.Kind) ([]Node, error) {
	for _, k := range kinds {
		if !k.IsEntity() {
			return nil, newError(ErrInvalidFilter, "store: entities: %q is not an entity kind", k)
		}
	}
	if len(kinds) == 0 {
		kinds = schema.EntityKinds
	}
	if err := s.rlock("entities"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	var out []Node
	for _, k := range schema.EntityKinds {
		if !slices.Contains(kinds, k) {
			continue
		}
		nodes, err := s.ofKind(ctx, k)
		if err != nil {
			return nil, fmt.Errorf("store: entities of kind %s: %w", k, err)
		}
		out = append(out, nodes...)
	}
	return out, nil
}

// RelationFilter selects relations. Its zero value selects every relation
// except pg:mentions.
type RelationFilter struct {
	// Predicates are the relation predicates wanted (schema.Relations);
	// none means all of them. Any other predicate is an error matching
	// ErrInvalidFilter.
	Predicates []quad.IRI
	// Subject and Object, when not "", are the ids the relation must start
	// and end at.
	Subject, Object string
	// IncludeMentions adds pg:mentions when Predicates is empty; naming
	// schema.Mentions in Predicates includes it too.
	IncludeMentions bool
}

// Relation is one relation quad.
type Relation struct {
	// SubjectID is the id of the subject.
	SubjectID string
	// Predicate is the relation predicate (see schema.RelationName).
	Predicate quad.IRI
	// ObjectID is the id of the object, or "" when the object is a literal.
	ObjectID string
	// Literal is the object when it is a literal, as the duration of
	// convenesEvery ("P2Y"^^xsd:duration), and nil otherwise.
	Literal quad.Value
	// EvidenceID is the id of the quad's label: the measure that states the
	// relation, or the catalog.
	EvidenceID string
}

// relationRank orders predicates as schema.Relations lists them.
var relationRank = func() map[quad.IRI]int {
	m := make(map[quad.IRI]int, len(schema.Relations))
	for i, r := range schema.Relations {
		m[r.IRI] = i
	}
	return m
}()

// Relations returns the relation quads a filter selects, sorted by
// predicate (in schema.Relations order), then subject id, then object (its
// id, or a literal's N-Quads form), then evidence id. With a subject or an
// object it takes one index look-up; without either it looks up each
// predicate, or, on bolt, which has no predicate index, scans the store
// once.
func (s *Store) Relations(ctx context.Context, f RelationFilter) ([]Relation, error) {
	preds, err := relationPredicates(f)
	if err != nil {
		return nil, err
	}
	if err := s.rlock("relations"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	qs, err := s.relationQuads(ctx, f, preds)
	if err != nil {
		return nil, fmt.Errorf("store: relations: %w", err)
	}
	out := relationsOf(qs)
	return out, nil
}

func relationPredicates(f RelationFilter) ([]quad.IRI, error) {
	var preds []quad.IRI
	if len(f.Predicates) == 0 {
		for _, r := range schema.Relations {
			if r.IRI != schema.Mentions || f.IncludeMentions {
				preds = append(preds, r.IRI)
			}
		}
		return preds, nil
	}
	for _, p := range f.Predicates {
		if schema.RelationName(p) == "" {
			return nil, newError(ErrInvalidFilter, "store: relations: %v is not a relation predicate", p)
		}
		if !slices.Contains(preds, p) {
			preds = append(preds, p)
		}
	}
	return preds, nil
}

func (s *Store) relationQuads(ctx context.Context, f RelationFilter, preds []quad.IRI) ([]quad.Quad, error) {
	vals := make([]quad.Value, len(preds))
	for i, p := range preds {
		vals[i] = p
	}
	keys, err := s.keysOf(vals...)
	if err != nil || len(keys) == 0 {
		return nil, err
	}
	keep := s.dirIn(quad.Predicate, keys, false)
	switch {
	case f.Subject != "":
		if f.Object != "" {
			objs, err := s.keysOf(schema.IRI(f.Object))
			if err != nil || len(objs) == 0 {
				return nil, err
			}
			keep = allOf(keep, s.dirIn(quad.Object, objs, false))
		}
		return s.quadsWith(ctx, quad.Subject, schema.IRI(f.Subject), keep)
	case f.Object != "":
		return s.quadsWith(ctx, quad.Object, schema.IRI(f.Object), keep)
	}
	// Neither end given: every quad of the predicates.
	return s.scan(ctx, preds)
}

// Stats counts the graph.
type Stats struct {
	// Quads is the number of quads.
	Quads int
	// Nodes is the number of nodes of each kind (by rdf:type).
	Nodes map[schema.Kind]int
	// Predicates is the number of quads of each predicate, under the
	// relation's short name for relations ("complements") and under the
	// full IRI otherwise.
	Predicates map[string]int
	// Mentions and Plans repeat Nodes[KindMention] and Nodes[KindPlan].
	Mentions, Plans int
}

// Stats counts the quads, nodes and predicates of the graph in one scan of
// the store that fetches only the distinct predicates and classes, or
// takes the counts from the read cache when the graph has not changed
// since.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if err := s.rlock("stats"); err != nil {
		return Stats{}, err
	}
	defer s.mu.RUnlock()
	st, err := cached(ctx, s, cacheKey{op: "stats"}, func() (Stats, error) { return s.stats(ctx) })
	if err != nil {
		return Stats{}, fmt.Errorf("store: stats: %w", err)
	}
	st.Nodes, st.Predicates = maps.Clone(st.Nodes), maps.Clone(st.Predicates)
	return st, nil
}

func (s *Store) stats(ctx context.Context) (Stats, error) {
	typ, err := s.keysOf(schema.Type)
	if err != nil {
		return Stats{}, err
	}
	type counted struct {
		ref graph.Ref
		n   int
	}
	preds := make(map[any]*counted)
	classes := make(map[any]*counted)
	add := func(m map[any]*counted, r graph.Ref) {
		k := refs.ToKey(r)
		if c := m[k]; c != nil {
			c.n++
		} else {
			m[k] = &counted{ref: r, n: 1}
		}
	}
	st := Stats{Nodes: make(map[schema.Kind]int), Predicates: make(map[string]int)}
	err = s.each(ctx, s.allQuads(), func(r graph.Ref) error {
		st.Quads++
		p, err := s.qs.QuadDirection(r, quad.Predicate)
		if err != nil {
			return err
		}
		add(preds, p)
		if typ[refs.ToKey(p)] {
			o, err := s.qs.QuadDirection(r, quad.Object)
			if err != nil {
				return err
			}
			add(classes, o)
		}
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	name := func(m map[any]*counted, fn func(quad.Value, int)) error {
		cs := make([]*counted, 0, len(m))
		rs := make([]graph.Ref, 0, len(m))
		for _, c := range m {
			cs = append(cs, c)
			rs = append(rs, c.ref)
		}
		vals, err := graph.ValuesOf(ctx, s.qs, rs)
		if err != nil {
			return err
		}
		for i, v := range vals {
			fn(v, cs[i].n)
		}
		return nil
	}
	err = name(preds, func(v quad.Value, n int) {
		p, _ := v.(quad.IRI)
		if p == schema.Digest {
			st.Quads -= n // the bookkeeping quad
			return
		}
		key := schema.RelationName(p)
		if key == "" {
			key = string(p)
		}
		st.Predicates[key] += n
	})
	if err != nil {
		return Stats{}, err
	}
	err = name(classes, func(v quad.Value, n int) {
		if c, ok := v.(quad.IRI); ok {
			if k, ok := schema.KindOfClass(c); ok {
				st.Nodes[k] += n
			}
		}
	})
	if err != nil {
		return Stats{}, err
	}
	st.Mentions = st.Nodes[schema.KindMention]
	st.Plans = st.Nodes[schema.KindPlan]
	return st, nil
}

package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
)

// ReplaceStats says what a Replace changed.
type ReplaceStats struct {
	// Added and Removed count the quads written and deleted.
	Added, Removed int
	// Total is the number of quads in the store afterwards.
	Total int
}

// Replace makes quads the store's whole content, atomically: a reader sees
// the old graph or the new one, never part of both. It writes only the
// difference from the current content, so replacing a graph by itself
// changes nothing (0 added, 0 removed); duplicate quads count once. The
// difference is one transaction on PostgreSQL and, almost always, on bolt
// (see apply for the exception; readers in this process never see it).
// Readers in other processes see each PostgreSQL transaction whole, but a
// read of theirs that takes several queries may straddle one.
//
// Every quad is checked before anything is written: its subject must be an
// IRI or blank node, its predicate an IRI, its object an IRI, blank node or
// literal of a type Cayley stores natively (string, language-tagged or
// typed string, integer, float, boolean, time), its label nil, an IRI or a
// blank node, and every string valid UTF-8; and it must not use the
// store's bookkeeping node or predicate (schema.Digest). The first bad
// quad fails the call with an error matching ErrInvalidQuad that gives its
// index.
//
// With the content, in the same transaction, Replace stores the content's
// digest (see Digest) in a bookkeeping quad that no read shows and that
// ReplaceStats does not count. Readers compare it with the digest of what
// they cached, so a Replace by another process sharing a PostgreSQL store
// is seen by this one's next read.
func (s *Store) Replace(ctx context.Context, quads []quad.Quad) (ReplaceStats, error) {
	want := make(map[quadKey]quad.Quad, len(quads))
	order := make([]quadKey, 0, len(quads))
	for i, q := range quads {
		reason := checkQuad(q)
		if reason == "" {
			reason = reserved(q)
		}
		if reason != "" {
			return ReplaceStats{}, newError(ErrInvalidQuad, "store: replace: quad %d (%s): %s", i, describe(q), reason)
		}
		k := keyOf(q)
		if _, dup := want[k]; !dup {
			want[k] = q
			order = append(order, k)
		}
	}
	meta := metaQuad(contentDigest(order))

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.qs == nil {
		return ReplaceStats{}, newError(ErrClosed, "store: replace: store is closed")
	}
	if s.broken != nil {
		return ReplaceStats{}, fmt.Errorf("store: replace: reopen the store after the failed write: %w", s.broken)
	}
	current, err := s.collect(ctx, s.allQuads(), nil)
	if err != nil {
		return ReplaceStats{}, fmt.Errorf("store: replace: read current quads: %w", err)
	}
	var deltas, metaDeltas []graph.Delta
	have := make(map[quadKey]bool, len(current))
	haveMeta := false
	for _, q := range current {
		k := keyOf(q)
		if isMeta(q) {
			if k == keyOf(meta) {
				haveMeta = true
			} else {
				metaDeltas = append(metaDeltas, graph.Delta{Quad: q, Action: graph.Delete})
			}
			continue
		}
		have[k] = true
		if _, keep := want[k]; !keep {
			// Delete the quad as the store returned it, so its values
			// hash as stored.
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
		}
	}
	st := ReplaceStats{Removed: len(deltas), Total: len(want)}
	deltas = append(deltas, metaDeltas...)
	n := len(deltas)
	for _, k := range order {
		if !have[k] {
			deltas = append(deltas, graph.Delta{Quad: want[k], Action: graph.Add})
		}
	}
	st.Added = len(deltas) - n
	if !haveMeta {
		deltas = append(deltas, graph.Delta{Quad: meta, Action: graph.Add})
	}
	if len(deltas) == 0 {
		return st, nil
	}
	if err := ctx.Err(); err != nil {
		return ReplaceStats{}, fmt.Errorf("store: replace: %w", err)
	}
	// Whether or not the write succeeds, what was cached may be gone.
	defer s.invalidate()
	if err := s.apply(deltas); err != nil {
		return ReplaceStats{}, fmt.Errorf("store: replace: write %d added and %d removed quads: %w", st.Added, st.Removed, err)
	}
	return st, nil
}

// ignoreOpts are the options of every write. The difference is exact
// (computed under the write lock), so no add is a duplicate and no delete
// misses; that matters, since Cayley's kv and SQL backends miscount node
// references on either. The options only keep a writer in another process
// from failing a load.
var ignoreOpts = graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}

// apply writes deltas in one ApplyDeltas call, which the kv and SQL
// backends run as one transaction.
//
// Except where Cayley's kv backend (bolt) would corrupt the store: its
// ApplyDeltas looks up the ids of an added quad's values only among the
// values whose reference count the batch does not lower, and stores any
// other value of an added quad as "no value" (removing three quads with
// predicate p and adding one leaves the new quad without a predicate). For
// such a batch apply writes the additions in one transaction and the
// deletions in a second; the write lock keeps readers from seeing the
// state in between, and if the second fails the first is undone. (A crash
// between the two leaves old and new quads side by side until the next
// Replace, which removes the old ones.)
func (s *Store) apply(deltas []graph.Delta) error {
	if s.backend != backendBolt {
		return s.qs.ApplyDeltas(deltas, ignoreOpts)
	}
	// A failed kv write may leave Cayley's id cache naming nodes the
	// rolled-back transaction created; refuse writes after one.
	if kvSafe(deltas) {
		err := s.qs.ApplyDeltas(deltas, ignoreOpts)
		if err != nil {
			s.broken = err
		}
		return err
	}
	var adds, dels, undo []graph.Delta
	for _, d := range deltas {
		if d.Action == graph.Add {
			adds = append(adds, d)
			undo = append(undo, graph.Delta{Quad: d.Quad, Action: graph.Delete})
		} else {
			dels = append(dels, d)
		}
	}
	if err := s.qs.ApplyDeltas(adds, ignoreOpts); err != nil {
		s.broken = err
		return err
	}
	if err := s.qs.ApplyDeltas(dels, ignoreOpts); err != nil {
		// Deletions only drop entries from Cayley's caches, so after a
		// successful undo the store is whole and usable.
		if uerr := s.qs.ApplyDeltas(undo, ignoreOpts); uerr != nil {
			s.broken = errors.Join(err, uerr)
			return fmt.Errorf("%w; undoing the additions failed too, the store holds old and new quads: %v", err, uerr)
		}
		return err
	}
	return nil
}

// kvSafe reports whether Cayley's kv backend applies deltas correctly in
// one call: whether no value of an added quad has its reference count
// lowered by the batch as a whole. Values are counted as Cayley counts
// them, by their N-Quads form.
func kvSafe(deltas []graph.Delta) bool {
	net := make(map[string]int)
	for _, d := range deltas {
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[v.String()] += int(d.Action)
			}
		}
	}
	for _, d := range deltas {
		if d.Action != graph.Add {
			continue
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil && net[v.String()] < 0 {
				return false
			}
		}
	}
	return true
}

// describe writes a quad as N-Quads, nil values as "nil".
func describe(q quad.Quad) string {
	var b strings.Builder
	for i, d := range quad.Directions {
		if i > 0 {
			b.WriteByte(' ')
		}
		if v := q.Get(d); v != nil {
			b.WriteString(v.String())
		} else {
			b.WriteString("nil")
		}
	}
	return b.String()
}

// checkQuad returns why a quad cannot be stored, or "" when it can.
func checkQuad(q quad.Quad) string {
	switch {
	case q.Subject == nil:
		return "nil subject"
	case q.Predicate == nil:
		return "nil predicate"
	case q.Object == nil:
		return "nil object"
	}
	if !isIdentifier(q.Subject) {
		return fmt.Sprintf("subject %v is not an IRI or blank node", q.Subject)
	}
	if p, ok := q.Predicate.(quad.IRI); !ok || p == "" {
		return fmt.Sprintf("predicate %v is not an IRI", q.Predicate)
	}
	if q.Label != nil && !isIdentifier(q.Label) {
		return fmt.Sprintf("label %v is not an IRI or blank node", q.Label)
	}
	for _, d := range quad.Directions {
		if v := q.Get(d); v != nil {
			if reason := checkValue(v); reason != "" {
				return d.String() + " " + reason
			}
		}
	}
	return ""
}

func isIdentifier(v quad.Value) bool {
	switch v := v.(type) {
	case quad.IRI:
		return v != ""
	case quad.BNode:
		return v != ""
	}
	return false
}

func checkValue(v quad.Value) string {
	var texts []string
	switch v := v.(type) {
	case quad.IRI:
		texts = append(texts, string(v))
	case quad.BNode:
		texts = append(texts, string(v))
	case quad.String:
		texts = append(texts, string(v))
	case quad.LangString:
		texts = append(texts, string(v.Value), v.Lang)
	case quad.TypedString:
		if v.Type == "" {
			return "has a typed string without a type"
		}
		texts = append(texts, string(v.Value), string(v.Type))
	case quad.Int, quad.Float, quad.Bool, quad.Time:
	default:
		return fmt.Sprintf("has a value of unsupported type %T", v)
	}
	for _, t := range texts {
		if !utf8.ValidString(t) {
			return "is not valid UTF-8"
		}
	}
	return ""
}

// Quads returns every quad of the store, sorted by the N-Quads forms of
// subject, predicate, object and label.
func (s *Store) Quads(ctx context.Context) ([]quad.Quad, error) {
	if err := s.rlock("quads"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	keep, err := s.visible()
	if err != nil {
		return nil, fmt.Errorf("store: quads: %w", err)
	}
	qs, err := s.collect(ctx, s.allQuads(), keep)
	if err != nil {
		return nil, fmt.Errorf("store: quads: %w", err)
	}
	sortQuads(qs)
	return qs, nil
}

// Count returns the number of quads in the store.
func (s *Store) Count(ctx context.Context) (int, error) {
	if err := s.rlock("count"); err != nil {
		return 0, err
	}
	defer s.mu.RUnlock()
	n, err := cached(ctx, s, cacheKey{op: "count"}, func() (int, error) { return s.count(ctx) })
	if err != nil {
		return 0, fmt.Errorf("store: count: %w", err)
	}
	return n, nil
}

// count counts the quads but the bookkeeping one.
func (s *Store) count(ctx context.Context) (int, error) {
	n, err := s.countAll(ctx)
	if err != nil || n == 0 {
		return n, err
	}
	meta, err := s.qs.ValueOf(metaIRI)
	if err != nil || meta == nil {
		return n, err
	}
	m, err := iterator.Iterate(ctx, s.qs.QuadIterator(quad.Subject, meta)).Count()
	return n - int(m), err
}

func (s *Store) countAll(ctx context.Context) (int, error) {
	if s.backend == backendPostgres {
		// Cayley's SQL store caches its quad count and forgets it only on
		// its own writes, so it goes stale when another replica loads;
		// counting through the iterator runs SELECT COUNT(*) every time.
		n, err := iterator.Iterate(ctx, s.allQuads()).Count()
		return int(n), err
	}
	// memstore and kv keep an exact count. (Not the all-quads iterator:
	// memstore's reports quads and values together as its size.)
	st, err := s.qs.Stats(ctx, false)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a kv store has no size until its first write
	}
	if err != nil {
		return 0, err
	}
	return int(st.Quads.Value), nil
}

// Empty reports whether the store holds no quads.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	n, err := s.Count(ctx)
	if err != nil {
		return false, err
	}
	return n == 0, nil
}

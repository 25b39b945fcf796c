package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// The store's bookkeeping quad. Replace writes, in the same transaction as
// the content, one quad
//
//	<https://w3id.org/plangraph/id/store/meta> pg:digest "<hex SHA-256>" .
//
// whose object is the digest of the content (contentDigest). Readers, in
// this process or another sharing the PostgreSQL store, compare it with the
// digest their cached reads were computed for (see cache.go). No quad given
// to Replace may use the meta node or the predicate, and no read shows the
// quad: Quads, Count, Stats, Scan, Node, Out, In, View and QuadStore hide
// it. A writer that does not know it (an older plangraph) deletes it with
// its first change, since it is not in that writer's content; readers then
// find no digest and do not cache.

// metaIRI is the subject of the bookkeeping quad.
const metaIRI = quad.IRI(schema.NodeBase + "store/meta")

// metaQuad returns the bookkeeping quad for a content digest.
func metaQuad(digest string) quad.Quad {
	return quad.Quad{Subject: metaIRI, Predicate: schema.Digest, Object: quad.String(digest)}
}

// isMeta reports whether a stored quad is bookkeeping: pg:digest is
// reserved, so its quads are the store's own.
func isMeta(q quad.Quad) bool { return q.Predicate == schema.Digest }

// reserved returns why a quad given to Replace uses the bookkeeping
// vocabulary, or "".
func reserved(q quad.Quad) string {
	for _, d := range quad.Directions {
		if iri, ok := q.Get(d).(quad.IRI); ok && (iri == metaIRI || iri == schema.Digest) {
			return fmt.Sprintf("%s %v is reserved for the store's bookkeeping", d, iri)
		}
	}
	return ""
}

// contentDigest is the hex SHA-256 of the content's N-Quads lines (as
// quad.Quad.NQuad writes them), without duplicates, sorted bytewise, each
// followed by a newline: `plangraph dump | LC_ALL=C sort -u | sha256sum`.
func contentDigest(keys []quadKey) string {
	lines := make([]string, len(keys))
	for i, k := range keys {
		var b strings.Builder
		b.Grow(len(k[0]) + len(k[1]) + len(k[2]) + len(k[3]) + 5)
		b.WriteString(k[0])
		b.WriteByte(' ')
		b.WriteString(k[1])
		b.WriteByte(' ')
		b.WriteString(k[2])
		if k[3] != "" {
			b.WriteByte(' ')
			b.WriteString(k[3])
		}
		b.WriteString(" .")
		lines[i] = b.String()
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Digest returns the digest of the graph's content that the last Replace
// stored with it: the hex SHA-256 of the sorted, distinct N-Quads lines of
// the content, each ending in a newline (what `LC_ALL=C sort -u | sha256sum`
// gives for a dump). Equal digests mean equal graphs, so it serves as a
// version, an ETag for instance. It is "" for a store that no Replace of
// this version of plangraph has written, or whose bookkeeping quad an older
// writer removed; the next Replace writes it again.
func (s *Store) Digest(ctx context.Context) (string, error) {
	if err := s.rlock("digest"); err != nil {
		return "", err
	}
	defer s.mu.RUnlock()
	d, err := s.storedDigest(ctx)
	if err != nil {
		return "", fmt.Errorf("store: digest: %w", err)
	}
	return d, nil
}

// storedDigest reads the bookkeeping quad: one index look-up. It returns
// "" unless there is exactly one such quad (two writers in different
// processes that replace at once may leave two) with a string object.
func (s *Store) storedDigest(ctx context.Context) (string, error) {
	ref, err := s.qs.ValueOf(metaIRI)
	if err != nil {
		return "", fmt.Errorf("look up %v: %w", metaIRI, err)
	}
	if ref == nil {
		return "", nil
	}
	var found []graph.Ref
	err = s.each(ctx, s.qs.QuadIterator(quad.Subject, ref), func(r graph.Ref) error {
		found = append(found, r)
		return nil
	})
	if err != nil || len(found) != 1 {
		return "", err
	}
	o, err := s.qs.QuadDirection(found[0], quad.Object)
	if err != nil {
		return "", err
	}
	v, err := s.qs.NameOf(o)
	if err != nil {
		return "", err
	}
	if d, ok := v.(quad.String); ok {
		return string(d), nil
	}
	return "", nil
}

// visible returns the filter that keeps every quad but the bookkeeping
// one, or nil when the store has none (no quad has the predicate).
func (s *Store) visible() (refFilter, error) { return visibleFilter(s.qs) }

func visibleFilter(qs graph.QuadStore) (refFilter, error) {
	ref, err := qs.ValueOf(schema.Digest)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", schema.Digest, err)
	}
	if ref == nil {
		return nil, nil
	}
	hidden := refs.ToKey(ref)
	return func(r graph.Ref) (bool, error) {
		p, err := qs.QuadDirection(r, quad.Predicate)
		if err != nil {
			return false, err
		}
		return refs.ToKey(p) != hidden, nil
	}, nil
}

// isMetaID reports whether a readable id names the bookkeeping node.
func isMetaID(id string) bool { return schema.IRI(id) == metaIRI }

// visibleQS is the quad store as View and QuadStore hand it out: every
// look-up and listing leaves out the bookkeeping quad and its values.
// Methods it does not override go straight to the store underneath.
type visibleQS struct {
	graph.QuadStore
	s *Store
}

// QuadsAllIterator lists every quad but the bookkeeping one.
func (v visibleQS) QuadsAllIterator() iterator.Shape {
	v.s.allMu.Lock()
	all := v.QuadStore.QuadsAllIterator()
	v.s.allMu.Unlock()
	return &filterShape{sub: all, filter: func() (refFilter, error) { return visibleFilter(v.QuadStore) }}
}

// hiddenRef reports whether ref is the value of the bookkeeping quad in
// direction d that only that quad has (its subject or predicate).
func (v visibleQS) hiddenRef(d quad.Direction, ref graph.Ref) bool {
	var val quad.Value
	switch d {
	case quad.Subject:
		val = metaIRI
	case quad.Predicate:
		val = schema.Digest
	default:
		return false
	}
	h, err := v.QuadStore.ValueOf(val)
	return err == nil && h != nil && ref != nil && refs.ToKey(h) == refs.ToKey(ref)
}

// QuadIterator lists the quads with ref in direction d, but the
// bookkeeping one.
func (v visibleQS) QuadIterator(d quad.Direction, ref graph.Ref) iterator.Shape {
	if v.hiddenRef(d, ref) {
		return iterator.NewNull()
	}
	sh := v.QuadStore.QuadIterator(d, ref)
	if d != quad.Object {
		return sh
	}
	// The bookkeeping quad's object is a plain string literal.
	return &filterShape{sub: sh, filter: func() (refFilter, error) { return visibleFilter(v.QuadStore) }}
}

// QuadIteratorSize is the store's, and 0 for the bookkeeping subject and
// predicate.
func (v visibleQS) QuadIteratorSize(ctx context.Context, d quad.Direction, ref graph.Ref) (refs.Size, error) {
	if v.hiddenRef(d, ref) {
		return refs.Size{Value: 0, Exact: true}, nil
	}
	return v.QuadStore.QuadIteratorSize(ctx, d, ref)
}

// hiddenNodes returns the keys of the bookkeeping quads' values and their
// number of quads.
func (v visibleQS) hiddenNodes(ctx context.Context) (map[any]bool, int, error) {
	keys := make(map[any]bool)
	ref, err := v.QuadStore.ValueOf(metaIRI)
	if err != nil || ref == nil {
		return keys, 0, err
	}
	n := 0
	it := v.QuadStore.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		n++
		for _, d := range quad.Directions {
			r, err := v.QuadStore.QuadDirection(it.Result(), d)
			if err != nil {
				return nil, 0, err
			}
			if r != nil {
				keys[refs.ToKey(r)] = true
			}
		}
	}
	return keys, n, it.Err()
}

// NodesAllIterator lists every value but those only the bookkeeping quad
// holds.
func (v visibleQS) NodesAllIterator() iterator.Shape {
	return &filterShape{sub: v.QuadStore.NodesAllIterator(), filter: func() (refFilter, error) {
		keys, _, err := v.hiddenNodes(context.Background())
		if err != nil || len(keys) == 0 {
			return nil, err
		}
		return func(r graph.Ref) (bool, error) { return !keys[refs.ToKey(r)], nil }, nil
	}}
}

// Stats is the store's, less the bookkeeping quad and its values.
func (v visibleQS) Stats(ctx context.Context, exact bool) (graph.Stats, error) {
	st, err := v.QuadStore.Stats(ctx, exact)
	if err != nil {
		return st, err
	}
	keys, n, err := v.hiddenNodes(ctx)
	if err != nil {
		return graph.Stats{}, err
	}
	st.Quads.Value = max(0, st.Quads.Value-int64(n))
	st.Nodes.Value = max(0, st.Nodes.Value-int64(len(keys)))
	return st, nil
}

// filterShape is a shape of quads or values that leaves out the refs a
// filter rejects. The filter is made when the shape is iterated, so that
// it names the values the store holds then; a nil filter keeps every ref.
type filterShape struct {
	sub    iterator.Shape
	filter func() (refFilter, error)
}

func (f *filterShape) String() string { return "plangraph.visible(" + f.sub.String() + ")" }

func (f *filterShape) Iterate() iterator.Scanner {
	keep, err := f.filter()
	if err != nil {
		return iterator.NewError(err).Iterate()
	}
	if keep == nil {
		return f.sub.Iterate()
	}
	return &filterScanner{Scanner: f.sub.Iterate(), keep: keep}
}

func (f *filterShape) Lookup() iterator.Index {
	keep, err := f.filter()
	if err != nil {
		return iterator.NewError(err).Lookup()
	}
	if keep == nil {
		return f.sub.Lookup()
	}
	return &filterIndex{Index: f.sub.Lookup(), keep: keep}
}

func (f *filterShape) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := f.sub.Stats(ctx)
	st.Size.Exact = false
	return st, err
}

func (f *filterShape) Optimize(ctx context.Context) (iterator.Shape, bool) {
	sub, ok := f.sub.Optimize(ctx)
	if !ok {
		return f, false
	}
	return &filterShape{sub: sub, filter: f.filter}, true
}

func (f *filterShape) SubIterators() []iterator.Shape { return []iterator.Shape{f.sub} }

type filterScanner struct {
	iterator.Scanner
	keep refFilter
	err  error
}

func (it *filterScanner) Next(ctx context.Context) bool {
	for it.err == nil && it.Scanner.Next(ctx) {
		ok, err := it.keep(it.Scanner.Result())
		if err != nil {
			it.err = err
			return false
		}
		if ok {
			return true
		}
	}
	return false
}

func (it *filterScanner) Err() error {
	if it.err != nil {
		return it.err
	}
	return it.Scanner.Err()
}

type filterIndex struct {
	iterator.Index
	keep refFilter
	err  error
}

func (it *filterIndex) Contains(ctx context.Context, r graph.Ref) bool {
	if it.err != nil {
		return false
	}
	ok, err := it.keep(r)
	if err != nil {
		it.err = err
		return false
	}
	return ok && it.Index.Contains(ctx, r)
}

func (it *filterIndex) Err() error {
	if it.err != nil {
		return it.err
	}
	return it.Index.Err()
}

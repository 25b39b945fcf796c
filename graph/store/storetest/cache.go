package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// metaID is the readable id of the store's bookkeeping node, which no
// read may show.
const metaID = "store:meta"

// digestOf is the digest Store.Digest documents: the hex SHA-256 of the
// sorted, distinct N-Quads lines, each ending in a newline.
func digestOf(qs []quad.Quad) string {
	var b strings.Builder
	for _, l := range nquads(qs) {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// idsOf returns the sorted subject ids of quads whose kind is one of kinds.
func idsOf(kinds []schema.Kind, qss ...[]quad.Quad) []string {
	var ids []string
	for _, qs := range qss {
		for _, q := range qs {
			iri, _ := q.Subject.(quad.IRI)
			id, ok := schema.ID(iri)
			if k, _ := schema.KindOfID(id); ok && slices.Contains(kinds, k) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// readSet is the answers of every read the store caches, by name.
type readSet map[string]any

// cachedReads runs every read that the store caches, over the ids of
// fixtures A and B and a few unknown ones, and returns the answers.
func cachedReads(t *testing.T, s *store.Store) readSet {
	t.Helper()
	a, b := Fixture(), FixtureB()
	measures := append(idsOf([]schema.Kind{schema.KindMeasure}, a, b), "measure:demo/9/9")
	entities := append(idsOf(schema.EntityKinds, a, b), "country:XX")
	r := readSet{}
	add := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r[name] = v
	}
	n, err := s.Count(ctx)
	add("Count", n, err)
	st, err := s.Stats(ctx)
	add("Stats", st, err)
	plans, err := s.Plans(ctx)
	add("Plans", plans, err)
	es, err := s.Entities(ctx)
	add("Entities", es, err)
	es, err = s.Entities(ctx, schema.KindCountry)
	add("Entities(Country)", es, err)
	secs, err := s.Sections(ctx, PlanID)
	add("Sections", secs, err)
	ms, err := s.PlanMeasures(ctx, PlanID)
	add("PlanMeasures", ms, err)
	ms, err = s.FindMeasures(ctx, store.MeasureFilter{})
	add("FindMeasures", ms, err)
	ms, err = s.FindMeasures(ctx, store.MeasureFilter{MentionsAny: []string{"mechanism:leaders-meeting", "org:asean"}})
	add("FindMeasures(MentionsAny)", ms, err)
	ms, err = s.FindMeasures(ctx, store.MeasureFilter{MentionsAll: []string{"mechanism:som", "mechanism:fmm"}, TextContains: "报告"})
	add("FindMeasures(MentionsAll)", ms, err)
	ms, err = s.MeasuresByID(ctx, measures)
	add("MeasuresByID", ms, err)
	mns, err := s.MentionsInMany(ctx, measures)
	add("MentionsInMany", mns, err)
	mns, err = s.MentionsOfMany(ctx, entities)
	add("MentionsOfMany", mns, err)
	ids := append(slices.Clone(entities), PlanID, measures[0])
	out, in, err := s.RelationsOfMany(ctx, ids, store.RelationFilter{IncludeMentions: true})
	add("RelationsOfMany", [2]any{out, in}, err)
	out, in, err = s.RelationsOfMany(ctx, ids, store.RelationFilter{Predicates: []quad.IRI{schema.MemberOf, schema.Complements}})
	add("RelationsOfMany(memberOf, complements)", [2]any{out, in}, err)
	edges, err := s.Scan(ctx, schema.Label, schema.Text)
	add("Scan(label, text)", edges, err)
	edges, err = s.Scan(ctx, schema.Text, schema.Label, schema.Text)
	add("Scan(text, label, text)", edges, err)
	return r
}

// checkReads compares two read sets answer by answer.
func checkReads(t *testing.T, what string, got, want readSet) {
	t.Helper()
	for name, w := range want {
		if g := got[name]; !reflect.DeepEqual(g, w) {
			t.Errorf("%s: %s:\n got %v\nwant %v", what, name, g, w)
		}
	}
}

// readsOf returns the reads of a new store holding quads.
func readsOf(t *testing.T, open func(*testing.T) *store.Store, quads []quad.Quad) readSet {
	t.Helper()
	s := open(t)
	if _, err := s.Replace(ctx, quads); err != nil {
		t.Fatal(err)
	}
	return cachedReads(t, s)
}

func testCache(t *testing.T, open func(*testing.T) *store.Store) {
	a, b := Fixture(), FixtureB()
	wantA, wantB := readsOf(t, open, a), readsOf(t, open, b)
	if reflect.DeepEqual(wantA["Stats"], wantB["Stats"]) {
		t.Fatal("fixtures A and B have the same stats")
	}

	t.Run("hit", func(t *testing.T) {
		s := loaded(t, open)
		first := cachedReads(t, s)
		checkReads(t, "first reads", first, wantA)
		checkReads(t, "reads again", cachedReads(t, s), first)
	})

	t.Run("callers cannot change the cache", func(t *testing.T) {
		s := loaded(t, open)
		cachedReads(t, s)
		ms, _ := s.PlanMeasures(ctx, PlanID)
		slices.Reverse(ms)
		ms[0] = store.Measure{}
		secs, _ := s.Sections(ctx, PlanID)
		secs[0] = store.Section{}
		plans, _ := s.Plans(ctx)
		plans[0] = store.Node{}
		edges, _ := s.Scan(ctx, schema.Label, schema.Text)
		edges[0] = store.Edge{}
		st, _ := s.Stats(ctx)
		st.Nodes[schema.KindMeasure] = -1
		st.Predicates["mentions"] = -1
		found, _ := s.MeasuresByID(ctx, []string{schema.MeasureID(Slug, "1.1", 1)})
		found[0] = store.Measure{}
		mns, _ := s.MentionsOfMany(ctx, []string{"mechanism:leaders-meeting"})
		mns[0][0] = store.Mention{}
		mns, _ = s.MentionsInMany(ctx, []string{schema.MeasureID(Slug, "2", 1)})
		slices.Reverse(mns[0])
		out, _, _ := s.RelationsOfMany(ctx, []string{PlanID}, store.RelationFilter{})
		out[0][0] = store.Relation{}
		checkReads(t, "after changing answers", cachedReads(t, s), wantA)
	})

	t.Run("replace", func(t *testing.T) {
		s := loaded(t, open)
		checkReads(t, "A", cachedReads(t, s), wantA)
		steps := []struct {
			name  string
			quads []quad.Quad
			want  readSet
		}{
			{"to B", b, wantB},
			{"B again", b, wantB},
			{"back to A", a, wantA},
			{"A in another order", slices.Concat(a[len(a)/2:], a[:len(a)/2]), wantA},
		}
		for _, step := range steps {
			if _, err := s.Replace(ctx, step.quads); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			checkReads(t, step.name, cachedReads(t, s), step.want)
			checkReads(t, step.name+", read again", cachedReads(t, s), step.want)
		}
	})

	t.Run("digest", func(t *testing.T) {
		s := open(t)
		d, err := s.Digest(ctx)
		checkErr(t, "Digest of a new store", err, nil)
		check(t, "Digest of a new store", d, "")
		steps := []struct {
			name  string
			quads []quad.Quad
			want  store.ReplaceStats
		}{
			{"load A", a, store.ReplaceStats{Added: len(a), Total: len(a)}},
			{"reload A", a, store.ReplaceStats{Total: len(a)}},
			{"A with duplicates, in another order", slices.Concat(a[len(a)/2:], a[:len(a)/2], a[:5]), store.ReplaceStats{Total: len(a)}},
			{"B", b, store.ReplaceStats{Added: -1}}, // Added and Removed not checked
			{"reload B", b, store.ReplaceStats{Total: len(b)}},
			{"empty", nil, store.ReplaceStats{Removed: len(b)}},
			{"empty again", nil, store.ReplaceStats{}},
			{"A again", a, store.ReplaceStats{Added: len(a), Total: len(a)}},
		}
		for _, step := range steps {
			got, err := s.Replace(ctx, step.quads)
			if err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			if step.want.Added >= 0 {
				check(t, step.name+": stats", got, step.want)
			}
			d, err := s.Digest(ctx)
			checkErr(t, step.name+": Digest", err, nil)
			check(t, step.name+": Digest", d, digestOf(step.quads))
			check(t, step.name+": content", quadsOf(t, s), nquads(step.quads))
		}

		// A store written before digests were kept: the next Replace of
		// the same content adds the digest and reports no change.
		err = s.View(func(qs graph.QuadStore) error {
			meta := quad.Quad{Subject: schema.IRI(metaID), Predicate: schema.Digest, Object: quad.String(digestOf(a))}
			return qs.ApplyDeltas([]graph.Delta{{Quad: meta, Action: graph.Delete}}, graph.IgnoreOpts{})
		})
		checkErr(t, "remove the digest", err, nil)
		d, err = s.Digest(ctx)
		checkErr(t, "Digest without a digest", err, nil)
		check(t, "Digest without a digest", d, "")
		got, err := s.Replace(ctx, a)
		checkErr(t, "reload A without a digest", err, nil)
		check(t, "reload A without a digest", got, store.ReplaceStats{Total: len(a)})
		d, err = s.Digest(ctx)
		checkErr(t, "Digest after the reload", err, nil)
		check(t, "Digest after the reload", d, digestOf(a))
		check(t, "content after the reload", quadsOf(t, s), nquads(a))
		checkReads(t, "reads after the reload", cachedReads(t, s), wantA)
	})

	t.Run("bookkeeping is hidden", func(t *testing.T) {
		s := loaded(t, open)
		testHidden(t, s, a)
		if _, err := s.Replace(ctx, nil); err != nil {
			t.Fatal(err)
		}
		testHidden(t, s, nil)
		st, err := s.Stats(ctx)
		checkErr(t, "Stats", err, nil)
		check(t, "Stats of the empty graph", st, store.Stats{Nodes: map[schema.Kind]int{}, Predicates: map[string]int{}})
		empty, err := s.Empty(ctx)
		checkErr(t, "Empty", err, nil)
		check(t, "Empty", empty, true)
	})

	t.Run("reserved quads are refused", func(t *testing.T) {
		s := loaded(t, open)
		for _, q := range []quad.Quad{
			{Subject: schema.IRI("country:KH"), Predicate: schema.Digest, Object: quad.String("x")},
			{Subject: schema.IRI(metaID), Predicate: schema.Label, Object: quad.String("x")},
			{Subject: schema.IRI("country:KH"), Predicate: schema.Label, Object: schema.IRI(metaID)},
		} {
			_, err := s.Replace(ctx, append(FixtureB(), q))
			checkErr(t, "Replace with "+q.NQuad(), err, store.ErrInvalidQuad)
		}
		check(t, "content after the refused Replaces", quadsOf(t, s), nquads(a))
	})

	t.Run("atomic", func(t *testing.T) { testCacheAtomic(t, loaded(t, open), wantA, wantB) })

	t.Run("replaced by a second store", func(t *testing.T) {
		s := loaded(t, open)
		spec := s.Spec()
		if !strings.HasPrefix(spec, "postgres:") {
			t.Skipf("%s cannot be opened twice: only PostgreSQL stores are shared", spec)
		}
		if strings.Contains(spec, ":xxxxx@") {
			t.Skip("the spec's password is masked; cannot open the store again")
		}
		other, err := store.Open(ctx, spec)
		if err != nil {
			t.Fatalf("open %s again: %v", spec, err)
		}
		defer other.Close()
		checkReads(t, "A", cachedReads(t, s), wantA)
		checkReads(t, "A, read again", cachedReads(t, s), wantA)

		if _, err := other.Replace(ctx, b); err != nil {
			t.Fatal(err)
		}
		checkReads(t, "after the other store loaded B", cachedReads(t, s), wantB)
		checkReads(t, "B, read again", cachedReads(t, s), wantB)
		checkReads(t, "B, read by the other store", cachedReads(t, other), wantB)
		if _, err := other.Replace(ctx, a); err != nil {
			t.Fatal(err)
		}
		checkReads(t, "after the other store loaded A", cachedReads(t, s), wantA)
		got, err := s.Replace(ctx, a)
		checkErr(t, "reload A", err, nil)
		check(t, "reload A", got, store.ReplaceStats{Total: len(a)})
		d1, _ := s.Digest(ctx)
		d2, _ := other.Digest(ctx)
		check(t, "Digest of both stores", [2]string{d1, d2}, [2]string{digestOf(a), digestOf(a)})

		// A writer that knows no digest (an older plangraph, writing its
		// difference directly) removes it: readers then stop caching and
		// still see every change.
		err = other.View(func(qs graph.QuadStore) error {
			deltas := []graph.Delta{{Quad: quad.Quad{Subject: schema.IRI(metaID), Predicate: schema.Digest, Object: quad.String(d2)}, Action: graph.Delete}}
			for _, l := range diffQuads(a, b) {
				deltas = append(deltas, graph.Delta{Quad: l.q, Action: l.action})
			}
			return qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
		})
		if err != nil {
			t.Fatal(err)
		}
		d1, _ = s.Digest(ctx)
		check(t, "Digest after an older writer", d1, "")
		checkReads(t, "after an older writer loaded B", cachedReads(t, s), wantB)
		checkReads(t, "B without a digest, read again", cachedReads(t, s), wantB)
		if _, err := other.Replace(ctx, a); err != nil {
			t.Fatal(err)
		}
		checkReads(t, "A with a digest again", cachedReads(t, s), wantA)
	})
}

type change struct {
	q      quad.Quad
	action graph.Procedure
}

// diffQuads returns the deletions and additions that turn from into to.
func diffQuads(from, to []quad.Quad) []change {
	f, g := map[string]quad.Quad{}, map[string]quad.Quad{}
	for _, q := range from {
		f[q.NQuad()] = q
	}
	for _, q := range to {
		g[q.NQuad()] = q
	}
	var out []change
	for l, q := range f {
		if _, ok := g[l]; !ok {
			out = append(out, change{q, graph.Delete})
		}
	}
	for l, q := range g {
		if _, ok := f[l]; !ok {
			out = append(out, change{q, graph.Add})
		}
	}
	return out
}

// testHidden checks that no read shows the bookkeeping quad of a store
// holding content.
func testHidden(t *testing.T, s *store.Store, content []quad.Quad) {
	t.Helper()
	check(t, "Quads", quadsOf(t, s), nquads(content))
	n, err := s.Count(ctx)
	checkErr(t, "Count", err, nil)
	check(t, "Count", n, len(nquads(content)))
	st, err := s.Stats(ctx)
	checkErr(t, "Stats", err, nil)
	check(t, "Stats.Quads", st.Quads, len(nquads(content)))
	if _, ok := st.Predicates[string(schema.Digest)]; ok {
		t.Errorf("Stats counts %v", schema.Digest)
	}
	_, err = s.Node(ctx, metaID)
	checkErr(t, "Node", err, store.ErrNotFound)
	_, errs := s.Nodes(ctx, []string{metaID})
	if len(errs) != 1 {
		t.Errorf("Nodes found %s", metaID)
	}
	_, err = s.Out(ctx, metaID)
	checkErr(t, "Out", err, store.ErrNotFound)
	_, err = s.In(ctx, metaID)
	checkErr(t, "In", err, store.ErrNotFound)
	edges, err := s.OutInMany(ctx, []string{metaID})
	checkErr(t, "OutInMany", err, nil)
	check(t, "OutInMany", edges[0].Found, false)
	edges, err = s.NodesWithOut(ctx, []string{metaID})
	checkErr(t, "NodesWithOut", err, nil)
	check(t, "NodesWithOut", edges[0].Found, false)
	scanned, err := s.Scan(ctx, schema.Digest)
	checkErr(t, "Scan", err, nil)
	check(t, "Scan(pg:digest)", len(scanned), 0)
	rels, err := s.Relations(ctx, store.RelationFilter{Subject: metaID, IncludeMentions: true})
	checkErr(t, "Relations", err, nil)
	check(t, "Relations from the bookkeeping node", len(rels), 0)
	d, err := s.Digest(ctx)
	checkErr(t, "Digest", err, nil)
	check(t, "Digest", d, digestOf(content))

	// Cayley's own reader and look-ups, through View.
	err = s.View(func(qs graph.QuadStore) error {
		r := graph.NewQuadStoreReader(qs)
		defer r.Close()
		viewed, err := quad.ReadAll(r)
		if err != nil {
			return err
		}
		check(t, "View", nquads(viewed), nquads(content))
		gst, err := qs.Stats(ctx, true)
		if err != nil {
			return err
		}
		check(t, "View: Stats.Quads", gst.Quads.Value, int64(len(nquads(content))))
		for _, l := range []struct {
			d quad.Direction
			v quad.Value
		}{{quad.Subject, schema.IRI(metaID)}, {quad.Predicate, schema.Digest}, {quad.Object, quad.String(d)}} {
			ref, err := qs.ValueOf(l.v)
			if err != nil {
				return err
			}
			if ref == nil {
				continue
			}
			n := 0
			it := qs.QuadIterator(l.d, ref).Iterate()
			for it.Next(ctx) {
				n++
			}
			it.Close()
			if n != 0 {
				t.Errorf("View: %d quads with %s %v", n, l.d, l.v)
			}
			sz, err := qs.QuadIteratorSize(ctx, l.d, ref)
			if err != nil {
				return err
			}
			if l.d != quad.Object && sz.Value != 0 {
				t.Errorf("View: QuadIteratorSize(%s, %v) = %d", l.d, l.v, sz.Value)
			}
		}
		it := qs.NodesAllIterator().Iterate()
		defer it.Close()
		for it.Next(ctx) {
			v, err := qs.NameOf(it.Result())
			if err != nil {
				return err
			}
			switch v {
			case quad.Value(schema.IRI(metaID)), quad.Value(schema.Digest), quad.Value(quad.String(d)):
				t.Errorf("View: NodesAllIterator lists %v", v)
			}
		}
		return it.Err()
	})
	checkErr(t, "View", err, nil)
}

// testCacheAtomic has readers of cached answers check, while a writer
// swaps fixtures A and B, that every answer is all A's or all B's.
func testCacheAtomic(t *testing.T, s *store.Store, wantA, wantB readSet) {
	reads := []struct {
		name string
		read func(context.Context) (any, error)
	}{
		{"PlanMeasures", func(ctx context.Context) (any, error) { return s.PlanMeasures(ctx, PlanID) }},
		{"Sections", func(ctx context.Context) (any, error) { return s.Sections(ctx, PlanID) }},
		{"Stats", func(ctx context.Context) (any, error) { return s.Stats(ctx) }},
		{"Count", func(ctx context.Context) (any, error) { return s.Count(ctx) }},
		{"FindMeasures", func(ctx context.Context) (any, error) { return s.FindMeasures(ctx, store.MeasureFilter{}) }},
		{"Scan(label, text)", func(ctx context.Context) (any, error) { return s.Scan(ctx, schema.Label, schema.Text) }},
		{"Entities", func(ctx context.Context) (any, error) { return s.Entities(ctx) }},
	}
	const readers, swaps = 4, 10
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := r; ; n++ {
				select {
				case <-done:
					return
				default:
				}
				rd := reads[n%len(reads)]
				got, err := rd.read(ctx)
				if err == nil && !reflect.DeepEqual(got, wantA[rd.name]) && !reflect.DeepEqual(got, wantB[rd.name]) {
					err = fmt.Errorf("%s answered neither A's nor B's: %v", rd.name, got)
				}
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
			}
		}()
	}
	for i := range swaps {
		next := FixtureB()
		if i%2 == 1 {
			next = Fixture()
		}
		if _, err := s.Replace(ctx, next); err != nil {
			t.Errorf("swap %d: %v", i, err)
			break
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

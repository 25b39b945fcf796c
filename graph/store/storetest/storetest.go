// Package storetest is the conformance suite every store backend passes.
//
// A backend's test is five lines:
//
//	func TestMemory(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) *store.Store {
//			return open(t, "memory")
//		})
//	}
//
// where open returns a new, empty store that is closed (and removed) when
// the test ends. Run loads the fixture (see Fixture) into such stores and
// checks every method of store.Store against it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
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

// Run runs the conformance suite. open must return a new, empty store each
// time it is called.
func Run(t *testing.T, open func(t *testing.T) *store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, func(*testing.T) *store.Store)
	}{
		{"Empty", testEmpty},
		{"Replace", testReplace},
		{"ReplaceInvalid", testReplaceInvalid},
		{"ReplaceCanceled", testReplaceCanceled},
		{"Quads", testQuads},
		{"Node", testNode},
		{"Nodes", testNodes},
		{"Out", testOut},
		{"In", testIn},
		{"Plans", testPlans},
		{"Sections", testSections},
		{"Section", testSection},
		{"Measures", testMeasures},
		{"Measure", testMeasure},
		{"MentionsIn", testMentionsIn},
		{"MentionsOf", testMentionsOf},
		{"Entities", testEntities},
		{"Relations", testRelations},
		{"MentionsInMany", testMentionsInMany},
		{"MentionsOfMany", testMentionsOfMany},
		{"PlanMeasures", testPlanMeasures},
		{"FindMeasures", testFindMeasures},
		{"RelationsByEvidence", testRelationsByEvidence},
		{"RelationsOfMany", testRelationsOfMany},
		{"Scan", testScan},
		{"EdgesMany", testEdgesMany},
		{"Stats", testStats},
		{"Closed", testClosed},
		{"Atomic", testAtomic},
		{"Cache", testCache},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

var ctx = context.Background()

// loaded opens a store holding fixture A.
func loaded(t *testing.T, open func(*testing.T) *store.Store) *store.Store {
	t.Helper()
	s := open(t)
	if _, err := s.Replace(ctx, Fixture()); err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return s
}

// nquads returns the sorted N-Quads lines of quads, without duplicates.
func nquads(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// quadsOf returns the store's quads as N-Quads lines, in store order.
func quadsOf(t *testing.T, s *store.Store) []string {
	t.Helper()
	qs, err := s.Quads(ctx)
	if err != nil {
		t.Fatalf("Quads: %v", err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	return out
}

// oddValue is a quad.Value of a type Cayley cannot store.
type oddValue struct{}

func (oddValue) String() string      { return "odd" }
func (oddValue) Native() interface{} { return nil }

func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	g, ok1 := got.([]string)
	w, ok2 := want.([]string)
	if ok1 && ok2 && len(g)+len(w) > 20 {
		t.Errorf("%s: %d lines, want %d:\n%s", what, len(g), len(w), lineDiff(g, w))
		return
	}
	t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
}

// lineDiff lists, at most ten of each, the lines only in got (+) and only
// in want (-).
func lineDiff(got, want []string) string {
	var b strings.Builder
	for _, side := range []struct {
		sign     string
		a, other []string
	}{{"+", got, want}, {"-", want, got}} {
		n := 0
		for _, l := range side.a {
			if !slices.Contains(side.other, l) {
				if n++; n <= 10 {
					fmt.Fprintf(&b, "%s %s\n", side.sign, l)
				}
			}
		}
		if n > 10 {
			fmt.Fprintf(&b, "%s … %d more\n", side.sign, n-10)
		}
	}
	if b.Len() == 0 {
		b.WriteString("(same lines, different order)\n")
	}
	return b.String()
}

func checkErr(t *testing.T, what string, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Errorf("%s: unexpected error %v", what, err)
	case want != nil && !errors.Is(err, want):
		t.Errorf("%s: error %v, want one matching %v", what, err, want)
	case want != nil && !strings.HasPrefix(err.Error(), "store: "):
		t.Errorf("%s: error %q lacks the store: prefix", what, err)
	}
}

func testEmpty(t *testing.T, open func(*testing.T) *store.Store) {
	s := open(t)
	n, err := s.Count(ctx)
	check(t, "Count", n, 0)
	checkErr(t, "Count", err, nil)
	empty, err := s.Empty(ctx)
	check(t, "Empty", empty, true)
	checkErr(t, "Empty", err, nil)
	check(t, "Quads", len(quadsOf(t, s)), 0)
	plans, err := s.Plans(ctx)
	check(t, "Plans", len(plans), 0)
	checkErr(t, "Plans", err, nil)
	st, err := s.Stats(ctx)
	checkErr(t, "Stats", err, nil)
	check(t, "Stats", st, store.Stats{Nodes: map[schema.Kind]int{}, Predicates: map[string]int{}})
	rels, err := s.Relations(ctx, store.RelationFilter{})
	check(t, "Relations", len(rels), 0)
	checkErr(t, "Relations", err, nil)
	_, err = s.Node(ctx, PlanID)
	checkErr(t, "Node", err, store.ErrNotFound)
}

func testReplace(t *testing.T, open func(*testing.T) *store.Store) {
	a, b := Fixture(), FixtureB()
	diff := func(from, to []quad.Quad) store.ReplaceStats {
		f, g := nquads(from), nquads(to)
		st := store.ReplaceStats{Total: len(g)}
		for _, l := range g {
			if _, ok := slices.BinarySearch(f, l); !ok {
				st.Added++
			}
		}
		for _, l := range f {
			if _, ok := slices.BinarySearch(g, l); !ok {
				st.Removed++
			}
		}
		return st
	}
	if len(nquads(a)) == len(nquads(b)) {
		t.Fatal("fixtures A and B have the same size")
	}
	s := open(t)
	// The steps run in order on one store.
	steps := []struct {
		name  string
		quads []quad.Quad
		want  store.ReplaceStats
	}{
		{"load into empty", a, store.ReplaceStats{Added: len(a), Total: len(a)}},
		{"reload is a no-op", a, store.ReplaceStats{Total: len(a)}},
		{"reload in another order", slices.Concat(a[len(a)/2:], a[:len(a)/2]), store.ReplaceStats{Total: len(a)}},
		{"duplicates count once", slices.Concat(a, a[:10]), store.ReplaceStats{Total: len(a)}},
		{"change to B", b, diff(a, b)},
		{"B again", b, store.ReplaceStats{Total: len(b)}},
		{"back to A", a, diff(b, a)},
		{"empty it", nil, store.ReplaceStats{Removed: len(a)}},
		{"load again", a, store.ReplaceStats{Added: len(a), Total: len(a)}},
	}
	for _, st := range steps {
		got, err := s.Replace(ctx, st.quads)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		check(t, st.name, got, st.want)
		check(t, st.name+": content", quadsOf(t, s), nquads(st.quads))
		n, err := s.Count(ctx)
		checkErr(t, st.name+": Count", err, nil)
		check(t, st.name+": Count", n, st.want.Total)
	}
}

func testReplaceInvalid(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	want := quadsOf(t, s)
	iri := schema.IRI("country:KH")
	tests := []struct {
		name string
		q    quad.Quad
	}{
		{"nil subject", quad.Quad{Predicate: schema.Label, Object: quad.String("x")}},
		{"nil predicate", quad.Quad{Subject: iri, Object: quad.String("x")}},
		{"nil object", quad.Quad{Subject: iri, Predicate: schema.Label}},
		{"empty subject IRI", quad.Quad{Subject: quad.IRI(""), Predicate: schema.Label, Object: quad.String("x")}},
		{"literal subject", quad.Quad{Subject: quad.String("KH"), Predicate: schema.Label, Object: quad.String("x")}},
		{"literal predicate", quad.Quad{Subject: iri, Predicate: quad.String("label"), Object: quad.String("x")}},
		{"literal label", quad.Quad{Subject: iri, Predicate: schema.Label, Object: quad.String("x"), Label: quad.String("catalog")}},
		{"unsupported value", quad.Quad{Subject: iri, Predicate: schema.Label, Object: oddValue{}}},
		{"invalid UTF-8", quad.Quad{Subject: iri, Predicate: schema.Label, Object: quad.String("\xff")}},
		{"untyped typed string", quad.Quad{Subject: iri, Predicate: schema.Label, Object: quad.TypedString{Value: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The bad quad comes last: nothing before it may be written.
			quads := append(FixtureB(), tt.q)
			_, err := s.Replace(ctx, quads)
			checkErr(t, "Replace", err, store.ErrInvalidQuad)
			if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("quad %d", len(quads)-1)) {
				t.Errorf("error %q does not name quad %d", err, len(quads)-1)
			}
			check(t, "content after the refused Replace", quadsOf(t, s), want)
		})
	}
}

func testReplaceCanceled(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	want := quadsOf(t, s)
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := s.Replace(c, FixtureB())
	checkErr(t, "Replace", err, context.Canceled)
	check(t, "content", quadsOf(t, s), want)
	_, err = s.Quads(c)
	checkErr(t, "Quads", err, context.Canceled)
}

func testQuads(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	qs, err := s.Quads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check(t, "Quads", nquads(qs), nquads(Fixture()))
	less := func(a, b quad.Quad) bool {
		for _, d := range quad.Directions {
			if x, y := quad.StringOf(a.Get(d)), quad.StringOf(b.Get(d)); x != y {
				return x < y
			}
		}
		return false
	}
	for i := 1; i < len(qs); i++ {
		if !less(qs[i-1], qs[i]) {
			t.Fatalf("quads %d and %d out of order:\n%s\n%s", i-1, i, qs[i-1].NQuad(), qs[i].NQuad())
		}
	}
	// View sees the same quads through Cayley's own reader.
	var viewed []quad.Quad
	err = s.View(func(qs graph.QuadStore) error {
		r := graph.NewQuadStoreReader(qs)
		defer r.Close()
		var err error
		viewed, err = quad.ReadAll(r)
		return err
	})
	checkErr(t, "View", err, nil)
	check(t, "View", nquads(viewed), nquads(Fixture()))
	// Values come back with their types.
	for _, q := range qs {
		if q.Predicate == schema.ConvenesEvery {
			check(t, "convenesEvery", q.Object, quad.Value(Duration))
		}
		if q.Predicate == schema.Order {
			if _, ok := q.Object.(quad.Int); !ok {
				t.Errorf("pg:order object %#v is not a quad.Int", q.Object)
			}
		}
	}
}

func testNode(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	m := schema.MeasureID(Slug, "1.1", 1)
	tests := []struct {
		id   string
		want store.Node
		err  error
	}{
		{id: "country:KH", want: store.Node{
			ID: "country:KH", Kind: schema.KindCountry,
			Labels:    map[string]string{"zh": "柬埔寨", "en": "Cambodia"},
			AltLabels: []string{"Kampuchea", "柬"},
			Props:     map[quad.IRI][]quad.Value{schema.ISOCode: {quad.String("KH")}},
		}},
		{id: "initiative:gdi", want: store.Node{
			ID: "initiative:gdi", Kind: schema.KindInitiative,
			Labels: map[string]string{"zh": "全球发展倡议", "en": "Global Development Initiative"},
			Props: map[quad.IRI][]quad.Value{
				schema.Abbreviation: {quad.String("GDI")},
				schema.Status:       {quad.String("proposed")},
			},
		}},
		{id: PlanID, want: store.Node{
			ID: PlanID, Kind: schema.KindPlan,
			Labels: map[string]string{"zh": "演示计划", "en": "Demo Plan"},
			Props:  map[quad.IRI][]quad.Value{schema.Text: {zh(PlanText)}},
		}},
		{id: m, want: store.Node{
			ID: m, Kind: schema.KindMeasure, Labels: map[string]string{},
			Props: map[quad.IRI][]quad.Value{
				schema.Order:      {quad.Int(1)},
				schema.Text:       {zh(measures[0].text)},
				schema.Start:      {quad.Int(45)},
				schema.End:        {quad.Int(69)},
				schema.Action:     {quad.String("推进")},
				schema.Commitment: {quad.String(schema.CommitmentCommitted)},
			},
		}},
		{id: "section:demo/10", want: store.Node{
			ID: "section:demo/10", Kind: schema.KindSection,
			Labels: map[string]string{"zh": "其他"},
			Props: map[quad.IRI][]quad.Value{
				schema.Number:    {quad.String("10")},
				schema.Order:     {quad.Int(5)},
				schema.Start:     {quad.Int(300)},
				schema.End:       {quad.Int(302)},
				schema.Truncated: {quad.Bool(true)},
			},
		}},
		{id: "country:XX", err: store.ErrNotFound},
		{id: "nonsense", err: store.ErrNotFound},
		{id: "", err: store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := s.Node(ctx, tt.id)
			checkErr(t, "Node", err, tt.err)
			if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.id)) {
				t.Errorf("error %q does not name the id", err)
			}
			check(t, "Node", got, tt.want)
		})
	}
	n, _ := s.Node(ctx, "section:demo/10")
	check(t, "Label(zh)", n.Label("zh"), "其他")
	check(t, "Label(en)", n.Label("en"), "")
	i, ok := n.Int(schema.Order)
	check(t, "Int(order)", [2]any{i, ok}, [2]any{5, true})
	i, ok = n.Int(schema.Number)
	check(t, "Int(number)", [2]any{i, ok}, [2]any{0, false})
	check(t, "String(number)", n.String(schema.Number), "10")
	check(t, "String(order)", n.String(schema.Order), "5")
	check(t, "String(action)", n.String(schema.Action), "")
	check(t, "Bool(truncated)", n.Bool(schema.Truncated), true)
	check(t, "Bool(number)", n.Bool(schema.Number), false)
}

func testNodes(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name    string
		ids     []string
		want    []string // ids of the nodes returned
		missing []bool
	}{
		{"none", nil, []string{}, nil},
		{"all found", []string{"country:KH", PlanID}, []string{"country:KH", PlanID}, nil},
		{"missing and repeated", []string{"country:KH", "country:XX", PlanID, "country:KH"},
			[]string{"country:KH", "", PlanID, "country:KH"}, []bool{false, true, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes, errs := s.Nodes(ctx, tt.ids)
			ids := []string{}
			for _, n := range nodes {
				ids = append(ids, n.ID)
			}
			check(t, "ids", ids, tt.want)
			if tt.missing == nil {
				check(t, "errs", errs, []error(nil))
				return
			}
			check(t, "len(errs)", len(errs), len(tt.ids))
			for i, miss := range tt.missing {
				if i < len(errs) {
					checkErr(t, fmt.Sprintf("errs[%d]", i), errs[i], map[bool]error{true: store.ErrNotFound}[miss])
				}
			}
		})
	}
	kh, _ := s.Node(ctx, "country:KH")
	nodes, _ := s.Nodes(ctx, []string{"country:KH"})
	check(t, "Nodes equals Node", nodes[0], kh)
}

func edge(s string, p quad.IRI, o any, evidence string) store.Edge {
	e := store.Edge{Subject: s, Predicate: p, Evidence: evidence}
	switch o := o.(type) {
	case string:
		e.Object, e.ObjectID = schema.IRI(o), o
	case quad.Value:
		e.Object = o
	}
	return e
}

func testOut(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	m11 := schema.MeasureID(Slug, "1.1", 1)
	tests := []struct {
		name  string
		id    string
		preds []quad.IRI
		want  []store.Edge
		err   error
	}{
		{"catalog edge", "country:KH", nil, []store.Edge{
			edge("country:KH", schema.MemberOf, "group:lmc-members", CatalogID)}, nil},
		{"by predicate, catalog and text", "mechanism:som", nil, []store.Edge{
			edge("mechanism:som", schema.IsPartOf, "mechanism:fmm", CatalogID),
			edge("mechanism:som", schema.ReportsTo, "mechanism:leaders-meeting", schema.MeasureID(Slug, "2", 1)),
		}, nil},
		{"literal relation", "mechanism:leaders-meeting", nil, []store.Edge{
			edge("mechanism:leaders-meeting", schema.ConvenesEvery, Duration, schema.MeasureID(Slug, "1.1.1", 1))}, nil},
		{"plan relations", PlanID, nil, []store.Edge{
			edge(PlanID, schema.AlignsWith, "initiative:bri", schema.MeasureID(Slug, "1.1", 2)),
			edge(PlanID, schema.AlignsWith, "initiative:mpac-2025", schema.MeasureID(Slug, "1.1", 2)),
			edge(PlanID, schema.Complements, "initiative:gdi", m11),
			edge(PlanID, schema.CooperatesWith, "org:asean", schema.MeasureID(Slug, "10", 1)),
		}, nil},
		{"one predicate", m11, []quad.IRI{schema.Mentions}, []store.Edge{
			edge(m11, schema.Mentions, "country:CN", m11),
			edge(m11, schema.Mentions, "country:KH", m11),
			edge(m11, schema.Mentions, "initiative:gdi", m11),
		}, nil},
		{"literal predicate asked for", m11, []quad.IRI{schema.Order, schema.IsPartOf}, []store.Edge{
			edge(m11, schema.IsPartOf, "section:demo/1.1", m11),
			edge(m11, schema.Order, quad.Int(1), m11),
		}, nil},
		{"rdf:type asked for", "org:asean", []quad.IRI{schema.Type}, []store.Edge{
			{Subject: "org:asean", Predicate: schema.Type, Object: schema.KindOrganization.Class(),
				ObjectID: string(schema.KindOrganization.Class()), Evidence: CatalogID}}, nil},
		{"no such predicate", m11, []quad.IRI{schema.ReportsTo}, nil, nil},
		{"unknown id", "country:XX", nil, nil, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Out(ctx, tt.id, tt.preds...)
			checkErr(t, "Out", err, tt.err)
			check(t, "Out", got, tt.want)
		})
	}
}

func testIn(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	m112 := schema.MeasureID(Slug, "1.1", 2)
	tests := []struct {
		name  string
		id    string
		preds []quad.IRI
		want  []store.Edge
		err   error
	}{
		{"members", "group:lmc-members", nil, []store.Edge{
			edge("country:CN", schema.MemberOf, "group:lmc-members", CatalogID),
			edge("country:KH", schema.MemberOf, "group:lmc-members", CatalogID),
			edge("country:TH", schema.MemberOf, "group:lmc-members", CatalogID),
		}, nil},
		{"every predicate", "initiative:bri", nil, []store.Edge{
			edge(PlanID, schema.AlignsWith, "initiative:bri", m112),
			edge(schema.MentionID(m112, 1), schema.Entity, "initiative:bri", m112),
			edge(m112, schema.Mentions, "initiative:bri", m112),
		}, nil},
		{"one predicate", "initiative:bri", []quad.IRI{schema.Mentions}, []store.Edge{
			edge(m112, schema.Mentions, "initiative:bri", m112),
		}, nil},
		{"measures and subsections", "section:demo/1.1", nil, []store.Edge{
			edge(schema.MeasureID(Slug, "1.1", 1), schema.IsPartOf, "section:demo/1.1", schema.MeasureID(Slug, "1.1", 1)),
			edge(m112, schema.IsPartOf, "section:demo/1.1", m112),
			edge("section:demo/1.1.1", schema.IsPartOf, "section:demo/1.1", PlanID),
		}, nil},
		{"nothing points here", "country:TH", []quad.IRI{schema.Mentions}, nil, nil},
		{"unknown id", "country:XX", nil, nil, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.In(ctx, tt.id, tt.preds...)
			checkErr(t, "In", err, tt.err)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			check(t, "In", got, tt.want)
		})
	}
}

func testPlans(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	// A second plan: just its node.
	other := schema.PlanID("another")
	quads := append(Fixture(),
		quad.Quad{Subject: schema.IRI(other), Predicate: schema.Type, Object: schema.KindPlan.Class(), Label: schema.IRI(other)},
		quad.Quad{Subject: schema.IRI(other), Predicate: schema.Label, Object: zh("另一计划"), Label: schema.IRI(other)})
	if _, err := s.Replace(ctx, quads); err != nil {
		t.Fatal(err)
	}
	plans, err := s.Plans(ctx)
	checkErr(t, "Plans", err, nil)
	var ids []string
	for _, p := range plans {
		ids = append(ids, p.ID)
		check(t, p.ID+" kind", p.Kind, schema.KindPlan)
	}
	check(t, "Plans", ids, []string{other, PlanID})
	secs, err := s.Sections(ctx, other)
	checkErr(t, "Sections of the other plan", err, nil)
	check(t, "Sections of the other plan", len(secs), 0)
}

// sectionView is what a test compares of a Section.
type sectionView struct {
	ID, Number, Title  string
	Order              int
	ParentID, PlanID   string
	Start, End         int
	Pillars, Areas     []string
	Truncated          bool
	Kind               schema.Kind
	HasNode, HasNumber bool
}

func viewSection(s store.Section) sectionView {
	return sectionView{s.ID, s.Number, s.Title, s.Order, s.ParentID, s.PlanID, s.Start, s.End,
		s.PillarIDs, s.PriorityAreaIDs, s.Truncated, s.Kind, s.Labels != nil, len(s.Props[schema.Number]) == 1}
}

var wantSections = []sectionView{
	{"section:demo/1", "1", "政治安全合作", 1, "", PlanID, 10, 16, []string{"pillar:political-security"}, nil, false, schema.KindSection, true, true},
	{"section:demo/1.1", "1.1", "高层交往", 2, "section:demo/1", PlanID, 40, 44, nil, nil, false, schema.KindSection, true, true},
	{"section:demo/1.1.1", "1.1.1", "领导人会议", 3, "section:demo/1.1", PlanID, 100, 105, nil, nil, false, schema.KindSection, true, true},
	{"section:demo/2", "2", "互联互通", 4, "", PlanID, 200, 204, nil, []string{"area:connectivity"}, false, schema.KindSection, true, true},
	{"section:demo/10", "10", "其他", 5, "", PlanID, 300, 302, nil, nil, true, schema.KindSection, true, true},
}

func testSections(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name string
		plan string
		want []sectionView
		err  error
	}{
		{"reading order", PlanID, wantSections, nil},
		{"unknown plan", "plan:nope", nil, store.ErrNotFound},
		{"not a plan", "country:KH", nil, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Sections(ctx, tt.plan)
			checkErr(t, "Sections", err, tt.err)
			var views []sectionView
			for _, sec := range got {
				views = append(views, viewSection(sec))
			}
			check(t, "Sections", views, tt.want)
		})
	}
}

func testSection(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name, plan, number string
		want               sectionView
		err                error
	}{
		{"nested", PlanID, "1.1.1", wantSections[2], nil},
		{"top-level", PlanID, "10", wantSections[4], nil},
		{"unknown number", PlanID, "9", sectionView{}, store.ErrNotFound},
		{"empty number", PlanID, "", sectionView{}, store.ErrNotFound},
		{"unknown plan", "plan:nope", "1", sectionView{}, store.ErrNotFound},
		{"not a plan id", "country:KH", "1", sectionView{}, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Section(ctx, tt.plan, tt.number)
			checkErr(t, "Section", err, tt.err)
			if err != nil {
				check(t, "Section", got.ID, "")
				return
			}
			check(t, "Section", viewSection(got), tt.want)
		})
	}
}

// measureView is what a test compares of a Measure.
type measureView struct {
	ID, SectionID            string
	Order                    int
	Text, Action, Commitment string
	Start, End               int
	Truncated                bool
	Kind                     schema.Kind
}

func viewMeasure(m store.Measure) measureView {
	return measureView{m.ID, m.SectionID, m.Order, m.Text, m.Action, m.Commitment, m.Start, m.End, m.Truncated, m.Kind}
}

func wantMeasure(i int) measureView {
	m := measures[i]
	return measureView{schema.MeasureID(Slug, m.section, m.order), schema.SectionID(Slug, m.section), m.order,
		m.text, m.action, m.commitment, m.start, m.end, m.truncated, schema.KindMeasure}
}

func testMeasures(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name    string
		section string
		want    []measureView
		err     error
	}{
		{"by order", "section:demo/1.1", []measureView{wantMeasure(0), wantMeasure(1)}, nil},
		{"one", "section:demo/1.1.1", []measureView{wantMeasure(2)}, nil},
		{"subsections are not measures", "section:demo/1", nil, nil},
		{"unknown section", "section:demo/9", nil, store.ErrNotFound},
		{"not a section", schema.MeasureID(Slug, "2", 1), nil, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Measures(ctx, tt.section)
			checkErr(t, "Measures", err, tt.err)
			var views []measureView
			for _, m := range got {
				views = append(views, viewMeasure(m))
			}
			check(t, "Measures", views, tt.want)
		})
	}
}

func testMeasure(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name string
		id   string
		want measureView
		err  error
	}{
		{"with action", schema.MeasureID(Slug, "1.1", 1), wantMeasure(0), nil},
		{"without action", schema.MeasureID(Slug, "1.1.1", 1), wantMeasure(2), nil},
		{"truncated", schema.MeasureID(Slug, "10", 1), wantMeasure(4), nil},
		{"unknown", schema.MeasureID(Slug, "1.1", 9), measureView{}, store.ErrNotFound},
		{"not a measure", "section:demo/1.1", measureView{}, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Measure(ctx, tt.id)
			checkErr(t, "Measure", err, tt.err)
			if err == nil {
				check(t, "Measure", viewMeasure(got), tt.want)
			}
		})
	}
}

func wantMention(m, j int) store.Mention {
	ms := measures[m]
	mn := ms.mentions[j]
	id := schema.MeasureID(Slug, ms.section, ms.order)
	return store.Mention{ID: schema.MentionID(id, j+1), MeasureID: id, EntityID: mn.entity,
		Surface: mn.surface, Start: mn.start, End: mn.end, Order: j + 1}
}

func testMentionsIn(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name    string
		measure string
		want    []store.Mention
		err     error
	}{
		{"by start", schema.MeasureID(Slug, "1.1", 1), []store.Mention{wantMention(0, 0), wantMention(0, 1), wantMention(0, 2)}, nil},
		{"one", schema.MeasureID(Slug, "10", 1), []store.Mention{wantMention(4, 0)}, nil},
		{"unknown measure", schema.MeasureID(Slug, "1.1", 9), nil, store.ErrNotFound},
		{"not a measure", "country:KH", nil, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.MentionsIn(ctx, tt.measure)
			checkErr(t, "MentionsIn", err, tt.err)
			check(t, "MentionsIn", got, tt.want)
		})
	}
}

func testMentionsOf(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name   string
		entity string
		want   []store.Mention
		err    error
	}{
		{"in reading order", "mechanism:leaders-meeting", []store.Mention{wantMention(2, 0), wantMention(3, 2)}, nil},
		{"one", "country:KH", []store.Mention{wantMention(0, 2)}, nil},
		{"never mentioned", "country:TH", nil, nil},
		{"unknown entity", "country:XX", nil, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.MentionsOf(ctx, tt.entity)
			checkErr(t, "MentionsOf", err, tt.err)
			check(t, "MentionsOf", got, tt.want)
		})
	}
}

func testEntities(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	tests := []struct {
		name  string
		kinds []schema.Kind
		want  []string
		err   error
	}{
		{"all, by kind then id", nil, []string{
			"country:CN", "country:KH", "country:TH", "group:lmc-members",
			"mechanism:fmm", "mechanism:leaders-meeting", "mechanism:som",
			"initiative:bri", "initiative:gdi", "initiative:mpac-2025",
			"org:asean", "pillar:political-security", "area:connectivity"}, nil},
		{"one kind", []schema.Kind{schema.KindInitiative}, []string{"initiative:bri", "initiative:gdi", "initiative:mpac-2025"}, nil},
		{"kind order, not argument order", []schema.Kind{schema.KindOrganization, schema.KindCountryGroup, schema.KindOrganization},
			[]string{"group:lmc-members", "org:asean"}, nil},
		{"not an entity kind", []schema.Kind{schema.KindSection}, nil, store.ErrInvalidFilter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Entities(ctx, tt.kinds...)
			checkErr(t, "Entities", err, tt.err)
			var ids []string
			for _, n := range got {
				ids = append(ids, n.ID)
				if !n.Kind.IsEntity() || n.Labels["en"] == "" {
					t.Errorf("entity %s: kind %q, labels %v", n.ID, n.Kind, n.Labels)
				}
			}
			check(t, "Entities", ids, tt.want)
		})
	}
}

func rel(s string, p quad.IRI, o any, evidence string) store.Relation {
	r := store.Relation{SubjectID: s, Predicate: p, EvidenceID: evidence}
	switch o := o.(type) {
	case string:
		r.ObjectID = o
	case quad.Value:
		r.Literal = o
	}
	return r
}

func testRelations(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	m := func(section string, k int) string { return schema.MeasureID(Slug, section, k) }
	all := []store.Relation{
		rel(PlanID, schema.Complements, "initiative:gdi", m("1.1", 1)),
		rel(PlanID, schema.AlignsWith, "initiative:bri", m("1.1", 2)),
		rel(PlanID, schema.AlignsWith, "initiative:mpac-2025", m("1.1", 2)),
		rel("mechanism:leaders-meeting", schema.ConvenesEvery, Duration, m("1.1.1", 1)),
		rel("mechanism:som", schema.ReportsTo, "mechanism:leaders-meeting", m("2", 1)),
		rel("country:CN", schema.MemberOf, "group:lmc-members", CatalogID),
		rel("country:KH", schema.MemberOf, "group:lmc-members", CatalogID),
		rel("country:TH", schema.MemberOf, "group:lmc-members", CatalogID),
		rel("initiative:gdi", schema.ProposedBy, "country:CN", m("1.1", 1)),
		rel(PlanID, schema.CooperatesWith, "org:asean", m("10", 1)),
	}
	var mentions []store.Relation
	for i, ms := range measures {
		for j := range ms.mentions {
			w := wantMention(i, j)
			mentions = append(mentions, rel(w.MeasureID, schema.Mentions, w.EntityID, w.MeasureID))
		}
	}
	slices.SortFunc(mentions, func(a, b store.Relation) int {
		return strings.Compare(a.SubjectID+" "+a.ObjectID, b.SubjectID+" "+b.ObjectID)
	})
	tests := []struct {
		name string
		f    store.RelationFilter
		want []store.Relation
		err  error
	}{
		{"all but mentions", store.RelationFilter{}, all, nil},
		{"with mentions", store.RelationFilter{IncludeMentions: true}, slices.Concat(mentions, all), nil},
		{"one predicate", store.RelationFilter{Predicates: []quad.IRI{schema.MemberOf}}, all[5:8], nil},
		{"literal", store.RelationFilter{Predicates: []quad.IRI{schema.ConvenesEvery}}, all[3:4], nil},
		{"from a subject", store.RelationFilter{Subject: PlanID}, []store.Relation{all[0], all[1], all[2], all[9]}, nil},
		{"to an object", store.RelationFilter{Object: "initiative:bri"}, all[1:2], nil},
		{"to an object with mentions", store.RelationFilter{Object: "initiative:bri", IncludeMentions: true},
			[]store.Relation{rel(m("1.1", 2), schema.Mentions, "initiative:bri", m("1.1", 2)), all[1]}, nil},
		{"subject and object", store.RelationFilter{Subject: PlanID, Object: "initiative:mpac-2025"}, all[2:3], nil},
		{"mentions named", store.RelationFilter{Predicates: []quad.IRI{schema.Mentions}, Object: "org:asean"},
			[]store.Relation{rel(m("10", 1), schema.Mentions, "org:asean", m("10", 1))}, nil},
		{"two predicates from a subject", store.RelationFilter{Predicates: []quad.IRI{schema.CooperatesWith, schema.Complements}, Subject: PlanID},
			[]store.Relation{all[0], all[9]}, nil},
		{"unknown subject", store.RelationFilter{Subject: "country:XX"}, []store.Relation{}, nil},
		{"unknown object", store.RelationFilter{Subject: PlanID, Object: "country:XX"}, []store.Relation{}, nil},
		{"not a relation", store.RelationFilter{Predicates: []quad.IRI{schema.Label}}, nil, store.ErrInvalidFilter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Relations(ctx, tt.f)
			checkErr(t, "Relations", err, tt.err)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			check(t, "Relations", got, tt.want)
		})
	}
}

func testStats(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := Fixture()
	preds := make(map[string]int)
	for _, q := range a {
		p := q.Predicate.(quad.IRI)
		if name := schema.RelationName(p); name != "" {
			preds[name]++
		} else {
			preds[string(p)]++
		}
	}
	want := store.Stats{
		Quads: len(a),
		Nodes: map[schema.Kind]int{
			schema.KindPlan: 1, schema.KindCatalog: 1, schema.KindSection: 5, schema.KindMeasure: 5,
			schema.KindMention: 10, schema.KindCountry: 3, schema.KindCountryGroup: 1,
			schema.KindMechanism: 3, schema.KindInitiative: 3, schema.KindOrganization: 1,
			schema.KindPillar: 1, schema.KindPriorityArea: 1,
		},
		Predicates: preds,
		Mentions:   10,
		Plans:      1,
	}
	check(t, "Stats", got, want)
	check(t, "Predicates[convenesEvery]", got.Predicates["convenesEvery"], 1)
	check(t, "Predicates[mentions]", got.Predicates["mentions"], 10)
	check(t, "Predicates[rdf:type]", got.Predicates[string(schema.Type)], 35)
	check(t, "predicate keys", slices.Sorted(maps.Keys(got.Predicates)), slices.Sorted(maps.Keys(preds)))
}

func testClosed(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	calls := []struct {
		name string
		call func() error
	}{
		{"Replace", func() error { _, err := s.Replace(ctx, Fixture()); return err }},
		{"Quads", func() error { _, err := s.Quads(ctx); return err }},
		{"Count", func() error { _, err := s.Count(ctx); return err }},
		{"Empty", func() error { _, err := s.Empty(ctx); return err }},
		{"Node", func() error { _, err := s.Node(ctx, PlanID); return err }},
		{"Nodes", func() error { _, errs := s.Nodes(ctx, []string{PlanID}); return errors.Join(errs...) }},
		{"Out", func() error { _, err := s.Out(ctx, PlanID); return err }},
		{"In", func() error { _, err := s.In(ctx, PlanID); return err }},
		{"Plans", func() error { _, err := s.Plans(ctx); return err }},
		{"Sections", func() error { _, err := s.Sections(ctx, PlanID); return err }},
		{"Section", func() error { _, err := s.Section(ctx, PlanID, "1"); return err }},
		{"Measures", func() error { _, err := s.Measures(ctx, "section:demo/1.1"); return err }},
		{"Measure", func() error { _, err := s.Measure(ctx, schema.MeasureID(Slug, "1.1", 1)); return err }},
		{"MentionsIn", func() error { _, err := s.MentionsIn(ctx, schema.MeasureID(Slug, "1.1", 1)); return err }},
		{"MentionsOf", func() error { _, err := s.MentionsOf(ctx, "country:KH"); return err }},
		{"Entities", func() error { _, err := s.Entities(ctx); return err }},
		{"Relations", func() error { _, err := s.Relations(ctx, store.RelationFilter{}); return err }},
		{"Stats", func() error { _, err := s.Stats(ctx); return err }},
		{"View", func() error { return s.View(func(graph.QuadStore) error { return nil }) }},
	}
	for _, c := range calls {
		checkErr(t, c.name, c.call(), store.ErrClosed)
	}
	if s.QuadStore() != nil {
		t.Error("QuadStore after Close is not nil")
	}
}

// testAtomic has readers check, while a writer swaps fixtures A and B, that
// every read sees one whole fixture.
func testAtomic(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	a, b := nquads(Fixture()), nquads(FixtureB())
	wantSections := map[int]bool{len(sections): true, len(sections) - 1: true}
	const readers, swaps = 4, 10
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reads := 0
			for {
				select {
				case <-done:
					if reads == 0 {
						errs <- fmt.Errorf("reader %d read nothing", r)
					}
					return
				default:
				}
				reads++
				var err error
				switch reads % 3 {
				case 0:
					var n int
					n, err = s.Count(ctx)
					if err == nil && n != len(a) && n != len(b) {
						err = fmt.Errorf("Count = %d, want %d (A) or %d (B)", n, len(a), len(b))
					}
				case 1:
					var qs []quad.Quad
					qs, err = s.Quads(ctx)
					if got := nquads(qs); err == nil && !slices.Equal(got, a) && !slices.Equal(got, b) {
						err = fmt.Errorf("Quads returned %d quads, neither A nor B", len(got))
					}
				case 2:
					var secs []store.Section
					secs, err = s.Sections(ctx, PlanID)
					if err == nil && !wantSections[len(secs)] {
						err = fmt.Errorf("Sections returned %d sections", len(secs))
					}
				}
				if err != nil {
					errs <- fmt.Errorf("reader %d, read %d: %w", r, reads, err)
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

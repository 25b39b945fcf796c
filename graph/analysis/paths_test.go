package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/schema"
)

const (
	walkKH   = "country:KH"
	walkMPAC = "initiative:mpac-2025"
	walkFund = "mechanism:public-health-fund"
	walkWHO  = "org:who"
)

// TestPathsKHToMPAC is issue 4's check: Cambodia and MPAC 2025 are linked,
// every hop with evidence, shortest paths first.
func TestPathsKHToMPAC(t *testing.T) {
	a, st := seed(t)
	q := analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 20}
	got, err := a.Paths(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Paths) != q.First {
		t.Fatalf("%d paths, want %d", len(got.Paths), q.First)
	}
	if want := walkShortestLength(t, st, walkKH, walkMPAC); got.Shortest != want || len(got.Paths[0].Hops) != want {
		t.Errorf("Shortest %d, first path of %d hops; the shortest has %d", got.Shortest, len(got.Paths[0].Hops), want)
	}
	// Cambodia is named by no measure: it reaches the plan's statements
	// through the group of the six countries and China.
	walkCheckLines(t, "first path", walkPathLines(got.Paths[:1]), []string{
		"country:KH -memberOf-> group:lmc-members [catalog:lmc] " +
			"<-memberOf- country:CN [catalog:lmc] " +
			"<-mentions- " + walkMeasure("1/2") + " [" + walkMeasure("1/2") + "] " +
			"-mentions-> initiative:mpac-2025 [" + walkMeasure("1/2") + "]",
	})
	if got.Truncated {
		t.Error("Truncated, want not")
	}
	if got.Visited == 0 {
		t.Error("Visited is 0")
	}
	walkCheckPaths(t, st, got, q)
}

// TestPathsFundToWHO explains the link between the public health fund and
// the WHO: both belong to the plan's health cooperation, and the plan
// seeks cooperation with the WHO in measure 4.1.3.1/16.
func TestPathsFundToWHO(t *testing.T) {
	a, st := seed(t)
	q := analysis.PathQuery{From: walkFund, To: walkWHO, MaxLength: 5, First: 5}
	got, err := a.Paths(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	walkCheckLines(t, "paths", walkPathLines(got.Paths), []string{
		"mechanism:public-health-fund -isPartOf-> mechanism:lmc [catalog:lmc] " +
			"<-buildsOn- plan:lmc-2023-2027 [" + walkMeasure("1/1") + "] " +
			"-cooperatesWith-> org:who [" + walkMeasure("4.1.3.1/16") + "]",
		"mechanism:public-health-fund <-mentions- " + walkMeasure("4.1.3.1/8") + " [" + walkMeasure("4.1.3.1/8") + "] " +
			"-mentions-> group:lmc-members [" + walkMeasure("4.1.3.1/8") + "] " +
			"<-mentions- " + walkMeasure("4.1.3.1/16") + " [" + walkMeasure("4.1.3.1/16") + "] " +
			"-mentions-> org:who [" + walkMeasure("4.1.3.1/16") + "]",
		"mechanism:public-health-fund <-mentions- " + walkMeasure("4.1.3.1/8") + " [" + walkMeasure("4.1.3.1/8") + "] " +
			"-isPartOf-> section:lmc-2023-2027/4.1.3.1 [" + walkMeasure("4.1.3.1/8") + "] " +
			"<-isPartOf- " + walkMeasure("4.1.3.1/16") + " [" + walkMeasure("4.1.3.1/16") + "] " +
			"-mentions-> org:who [" + walkMeasure("4.1.3.1/16") + "]",
		"mechanism:public-health-fund -isPartOf-> mechanism:lmc [catalog:lmc] " +
			"<-buildsOn- plan:lmc-2023-2027 [" + walkMeasure("1/1") + "] " +
			"-cooperatesWith-> org:fao [" + walkMeasure("4.1.3.1/16") + "] " +
			"<-mentions- " + walkMeasure("4.1.3.1/16") + " [" + walkMeasure("4.1.3.1/16") + "] " +
			"-mentions-> org:who [" + walkMeasure("4.1.3.1/16") + "]",
		"mechanism:public-health-fund -isPartOf-> mechanism:lmc [catalog:lmc] " +
			"<-buildsOn- plan:lmc-2023-2027 [" + walkMeasure("1/1") + "] " +
			"-cooperatesWith-> org:woah [" + walkMeasure("4.1.3.1/16") + "] " +
			"<-mentions- " + walkMeasure("4.1.3.1/16") + " [" + walkMeasure("4.1.3.1/16") + "] " +
			"-mentions-> org:who [" + walkMeasure("4.1.3.1/16") + "]",
	})
	if got.Shortest != 3 {
		t.Errorf("Shortest = %d, want 3", got.Shortest)
	}
	walkCheckPaths(t, st, got, q)

	// The other way round: the same links, reversed.
	back, err := a.Paths(ctx, analysis.PathQuery{From: walkWHO, To: walkFund, MaxLength: 3, First: 5})
	if err != nil {
		t.Fatal(err)
	}
	walkCheckLines(t, "paths back", walkPathLines(back.Paths), []string{
		"org:who <-cooperatesWith- plan:lmc-2023-2027 [" + walkMeasure("4.1.3.1/16") + "] " +
			"-buildsOn-> mechanism:lmc [" + walkMeasure("1/1") + "] " +
			"<-isPartOf- mechanism:public-health-fund [catalog:lmc]",
	})
}

func TestPathsQueries(t *testing.T) {
	a, st := seed(t)
	all, err := a.Paths(ctx, analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 50})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    analysis.PathQuery
		// paths, when set, are the paths expected.
		paths     []analysis.Path
		shortest  int
		truncated bool
		check     func(t *testing.T, r analysis.PathResult)
	}{
		{
			name:     "first cuts",
			q:        analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 3},
			paths:    all.Paths[:3],
			shortest: 4,
		},
		{
			name:     "max length keeps the shorter paths",
			q:        analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 4, First: 50},
			paths:    walkPathsUpTo(all.Paths, 4),
			shortest: 4,
		},
		{
			name:  "max length below the shortest",
			q:     analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 3, First: 5},
			paths: []analysis.Path{},
		},
		{
			name:     "predicates",
			q:        analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 50, Predicates: []quad.IRI{schema.MemberOf, schema.Mentions}},
			shortest: 4,
			check: func(t *testing.T, r analysis.PathResult) {
				if len(r.Paths) == 0 {
					t.Fatal("no paths")
				}
				if !slices.ContainsFunc(r.Paths, func(p analysis.Path) bool { return len(p.Hops) == 6 }) {
					t.Error("no path of 6 hops")
				}
			},
		},
		{
			name:  "predicates that do not link",
			q:     analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 5, Predicates: []quad.IRI{schema.ReportsTo}},
			paths: []analysis.Path{},
		},
		{
			name:     "one hop",
			q:        analysis.PathQuery{From: "mechanism:som", To: walkFMM, MaxLength: 1, First: 5},
			shortest: 1,
			paths: []analysis.Path{{
				Nodes: []string{"mechanism:som", walkFMM},
				Hops:  []analysis.Hop{{From: "mechanism:som", To: walkFMM, Predicate: schema.ReportsTo, Forward: true, Evidence: walkMeasure("3/10")}},
			}},
		},
		{
			name:     "one hop backward",
			q:        analysis.PathQuery{From: walkFMM, To: "mechanism:som", MaxLength: 1, First: 5},
			shortest: 1,
			paths: []analysis.Path{{
				Nodes: []string{walkFMM, "mechanism:som"},
				Hops:  []analysis.Hop{{From: walkFMM, To: "mechanism:som", Predicate: schema.ReportsTo, Forward: false, Evidence: walkMeasure("3/10")}},
			}},
		},
		{
			name:     "sections and the plan",
			q:        analysis.PathQuery{From: "section:lmc-2023-2027/4.2.1", To: walkPlan, MaxLength: 6, First: 50, Predicates: []quad.IRI{analysis.PartOf}},
			shortest: 3,
			paths: []analysis.Path{{
				Nodes: []string{"section:lmc-2023-2027/4.2.1", "section:lmc-2023-2027/4.2", "section:lmc-2023-2027/4", walkPlan},
				Hops: []analysis.Hop{
					{From: "section:lmc-2023-2027/4.2.1", To: "section:lmc-2023-2027/4.2", Predicate: analysis.PartOf, Forward: true, Evidence: walkPlan},
					{From: "section:lmc-2023-2027/4.2", To: "section:lmc-2023-2027/4", Predicate: analysis.PartOf, Forward: true, Evidence: walkPlan},
					{From: "section:lmc-2023-2027/4", To: walkPlan, Predicate: analysis.PartOf, Forward: true, Evidence: walkPlan},
				},
			}},
		},
		{
			name:      "max visited",
			q:         analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 5, MaxVisited: 10},
			truncated: true,
			check: func(t *testing.T, r analysis.PathResult) {
				if r.Visited > 10 {
					t.Errorf("Visited = %d, bound 10", r.Visited)
				}
			},
		},
		{
			name:      "max visited during the walk",
			q:         analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 50, MaxVisited: all.Visited - 1},
			shortest:  4,
			truncated: true,
			check: func(t *testing.T, r analysis.PathResult) {
				if r.Visited > all.Visited-1 {
					t.Errorf("Visited = %d, bound %d", r.Visited, all.Visited-1)
				}
				if len(r.Paths) == 0 || len(r.Paths) == 50 {
					t.Fatalf("%d paths, want some but fewer than asked for", len(r.Paths))
				}
				if !reflect.DeepEqual(r.Paths, all.Paths[:len(r.Paths)]) {
					t.Error("the paths found are not the first ones of the unbounded search")
				}
			},
		},
		{
			name:     "max visited enough",
			q:        analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 6, First: 50, MaxVisited: all.Visited},
			paths:    all.Paths,
			shortest: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := a.Paths(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if tt.paths != nil {
				walkCheckLines(t, "paths", walkPathLines(got.Paths), walkPathLines(tt.paths))
			}
			if got.Shortest != tt.shortest {
				t.Errorf("Shortest = %d, want %d", got.Shortest, tt.shortest)
			}
			if got.Truncated != tt.truncated {
				t.Errorf("Truncated = %v, want %v", got.Truncated, tt.truncated)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
			walkCheckPaths(t, st, got, tt.q)
		})
	}
}

// TestPathsParallelEdges checks on a small graph that parallel edges are
// distinct hops, and that among paths of one length those through
// relations come before those through mentions.
func TestPathsParallelEdges(t *testing.T) {
	a, st := walkTiny(t)
	q := analysis.PathQuery{From: "initiative:a", To: "initiative:b", MaxLength: 3, First: 50}
	got, err := a.Paths(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	walkCheckLines(t, "paths", walkPathLines(got.Paths), []string{
		// The relation stated twice: two paths of one hop.
		"initiative:a -alignsWith-> initiative:b [measure:t/1/1]",
		"initiative:a -alignsWith-> initiative:b [measure:t/1/2]",
		// Two hops through relations, before two through mentions even
		// though measure: sorts before org:.
		"initiative:a -complements-> org:z [measure:t/1/2] -complements-> initiative:b [measure:t/1/2]",
		"initiative:a <-mentions- measure:t/1/1 [measure:t/1/1] -mentions-> initiative:b [measure:t/1/1]",
		// No path of three hops: the section is four hops from b.
	})
	if got.Shortest != 1 || got.Truncated {
		t.Errorf("Shortest = %d, Truncated = %v; want 1, false", got.Shortest, got.Truncated)
	}
	walkCheckPaths(t, st, got, q)
}

func TestPathsDeterministic(t *testing.T) {
	a, _ := seed(t)
	for _, q := range []analysis.PathQuery{
		{From: walkKH, To: walkMPAC, MaxLength: 6, First: 50},
		{From: walkFund, To: walkWHO, MaxLength: 5, First: 50},
		{From: walkPlan, To: "country:VN", MaxLength: 4, First: 10, MaxVisited: 30},
	} {
		first, err := a.Paths(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			again, err := a.Paths(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first, again) {
				t.Fatalf("%+v: two answers differ", q)
			}
		}
	}
}

func TestPathsErrors(t *testing.T) {
	a, _ := seed(t)
	ok := analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 4, First: 5}
	with := func(f func(q *analysis.PathQuery)) analysis.PathQuery {
		q := ok
		f(&q)
		return q
	}
	tests := []struct {
		name string
		q    analysis.PathQuery
		want error
	}{
		{"unknown from", with(func(q *analysis.PathQuery) { q.From = "country:XX" }), store.ErrNotFound},
		{"unknown to", with(func(q *analysis.PathQuery) { q.To = "initiative:nope" }), store.ErrNotFound},
		{"from is to", with(func(q *analysis.PathQuery) { q.To = walkKH }), analysis.ErrInvalid},
		{"max length 0", with(func(q *analysis.PathQuery) { q.MaxLength = 0 }), analysis.ErrInvalid},
		{"max length 7", with(func(q *analysis.PathQuery) { q.MaxLength = 7 }), analysis.ErrInvalid},
		{"first 0", with(func(q *analysis.PathQuery) { q.First = 0 }), analysis.ErrInvalid},
		{"first 51", with(func(q *analysis.PathQuery) { q.First = 51 }), analysis.ErrInvalid},
		{"max visited negative", with(func(q *analysis.PathQuery) { q.MaxVisited = -1 }), analysis.ErrInvalid},
		{"rdf:type", with(func(q *analysis.PathQuery) { q.Predicates = []quad.IRI{schema.Type} }), analysis.ErrInvalid},
		{"to a mention", with(func(q *analysis.PathQuery) { q.To = schema.MentionID(walkMeasure("1/2"), 1) }), analysis.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Paths(ctx, tt.q)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want one matching %v", err, tt.want)
			}
		})
	}
}

// checkPaths checks what every answer must be: paths from q.From to q.To,
// loop-free, no longer than q.MaxLength, no more than q.First, shortest
// first and equal lengths in the walk's order, each hop a quad of the
// predicates asked for in the store, with evidence.
func walkCheckPaths(t *testing.T, st *store.Store, r analysis.PathResult, q analysis.PathQuery) {
	t.Helper()
	if len(r.Paths) > q.First {
		t.Errorf("%d paths, first %d", len(r.Paths), q.First)
	}
	if len(r.Paths) > 0 && r.Shortest != len(r.Paths[0].Hops) {
		t.Errorf("Shortest = %d, first path of %d hops", r.Shortest, len(r.Paths[0].Hops))
	}
	if len(r.Paths) == 0 && r.Shortest != 0 {
		t.Errorf("Shortest = %d without paths", r.Shortest)
	}
	if r.Paths == nil {
		t.Error("Paths is nil, want empty")
	}
	preds := q.Predicates
	if len(preds) == 0 {
		preds = analysis.EdgePredicates()
	}
	seen := map[string]bool{}
	for i, p := range r.Paths {
		line := walkPathLines([]analysis.Path{p})[0]
		if seen[line] {
			t.Errorf("path %d twice: %s", i, line)
		}
		seen[line] = true
		if len(p.Hops) == 0 || len(p.Hops) > q.MaxLength || len(p.Nodes) != len(p.Hops)+1 {
			t.Errorf("path %d: %d hops, %d nodes: %s", i, len(p.Hops), len(p.Nodes), line)
			continue
		}
		if p.Nodes[0] != q.From || p.Nodes[len(p.Nodes)-1] != q.To {
			t.Errorf("path %d does not go from %s to %s: %s", i, q.From, q.To, line)
		}
		if i > 0 && len(r.Paths[i-1].Hops) > len(p.Hops) {
			t.Errorf("path %d is shorter than path %d", i, i-1)
		}
		nodes := slices.Clone(p.Nodes)
		slices.Sort(nodes)
		if len(slices.Compact(nodes)) != len(p.Nodes) {
			t.Errorf("path %d has a loop: %s", i, line)
		}
		for j, h := range p.Hops {
			if h.From != p.Nodes[j] || h.To != p.Nodes[j+1] {
				t.Errorf("path %d hop %d is %s → %s, nodes %s → %s", i, j, h.From, h.To, p.Nodes[j], p.Nodes[j+1])
			}
			if h.Evidence == "" {
				t.Errorf("path %d hop %d has no evidence", i, j)
			}
			if !slices.Contains(preds, h.Predicate) {
				t.Errorf("path %d hop %d of a predicate not asked for: %v", i, j, h.Predicate)
			}
			s, o := h.From, h.To
			if !h.Forward {
				s, o = o, s
			}
			out, err := st.Out(ctx, s, h.Predicate)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(out, func(e store.Edge) bool { return e.ObjectID == o && e.Evidence == h.Evidence }) {
				t.Errorf("path %d hop %d: no quad %s %v %s [%s]", i, j, s, h.Predicate, o, h.Evidence)
			}
		}
	}
}

// shortestLength is the length of the shortest path between two nodes, by
// a plain breadth-first search over Store.Out and Store.In.
func walkShortestLength(t *testing.T, st *store.Store, from, to string) int {
	t.Helper()
	preds := analysis.EdgePredicates()
	dist := map[string]int{from: 0}
	frontier := []string{from}
	for d := 1; len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			out, err := st.Out(ctx, id, preds...)
			if err != nil {
				t.Fatal(err)
			}
			in, err := st.In(ctx, id, preds...)
			if err != nil {
				t.Fatal(err)
			}
			var ns []string
			for _, e := range out {
				ns = append(ns, e.ObjectID)
			}
			for _, e := range in {
				ns = append(ns, e.Subject)
			}
			for _, n := range ns {
				if _, seen := dist[n]; n == "" || seen || strings.HasPrefix(n, "mention:") {
					continue
				}
				if n == to {
					return d
				}
				dist[n] = d
				next = append(next, n)
			}
		}
		frontier = next
	}
	return 0
}

func walkPathsUpTo(paths []analysis.Path, length int) []analysis.Path {
	var out []analysis.Path
	for _, p := range paths {
		if len(p.Hops) <= length {
			out = append(out, p)
		}
	}
	return out
}

// pathLines prints paths one a line: the nodes with the hops between them,
// each hop's evidence after the node it reaches.
func walkPathLines(paths []analysis.Path) []string {
	out := []string{}
	for _, p := range paths {
		var b strings.Builder
		b.WriteString(p.Nodes[0])
		for _, h := range p.Hops {
			if h.Forward {
				fmt.Fprintf(&b, " -%s-> ", walkPredicateName(h.Predicate))
			} else {
				fmt.Fprintf(&b, " <-%s- ", walkPredicateName(h.Predicate))
			}
			fmt.Fprintf(&b, "%s [%s]", h.To, h.Evidence)
		}
		out = append(out, b.String())
	}
	return out
}

// tiny returns an Analyzer over a small graph with parallel edges:
//
//	plan:t
//	└ section:t/1 ← measure:t/1/1 (names a, b), measure:t/1/2
//	a alignsWith b     [measure:t/1/1] and [measure:t/1/2]
//	a complements org:z, org:z complements b   [measure:t/1/2]
func walkTiny(t testing.TB) (*analysis.Analyzer, *store.Store) {
	t.Helper()
	typ := func(id string, k schema.Kind, label string) []quad.Quad {
		return []quad.Quad{
			{Subject: schema.IRI(id), Predicate: schema.Type, Object: k.Class(), Label: schema.IRI("catalog:t")},
			{Subject: schema.IRI(id), Predicate: schema.Label, Object: quad.LangString{Value: quad.String(label), Lang: "zh"}, Label: schema.IRI("catalog:t")},
		}
	}
	edge := func(s string, p quad.IRI, o, evidence string) quad.Quad {
		return quad.Quad{Subject: schema.IRI(s), Predicate: p, Object: schema.IRI(o), Label: schema.IRI(evidence)}
	}
	var qs []quad.Quad
	qs = append(qs, typ("plan:t", schema.KindPlan, "计划")...)
	qs = append(qs, typ("section:t/1", schema.KindSection, "一")...)
	qs = append(qs, typ("measure:t/1/1", schema.KindMeasure, "")...)
	qs = append(qs, typ("measure:t/1/2", schema.KindMeasure, "")...)
	qs = append(qs, typ("initiative:a", schema.KindInitiative, "甲")...)
	qs = append(qs, typ("initiative:b", schema.KindInitiative, "乙")...)
	qs = append(qs, typ("org:z", schema.KindOrganization, "丙")...)
	qs = append(qs,
		edge("section:t/1", schema.IsPartOf, "plan:t", "plan:t"),
		edge("measure:t/1/1", schema.IsPartOf, "section:t/1", "measure:t/1/1"),
		edge("measure:t/1/2", schema.IsPartOf, "section:t/1", "measure:t/1/2"),
		edge("measure:t/1/1", schema.Mentions, "initiative:a", "measure:t/1/1"),
		edge("measure:t/1/1", schema.Mentions, "initiative:b", "measure:t/1/1"),
		edge("initiative:a", schema.AlignsWith, "initiative:b", "measure:t/1/1"),
		edge("initiative:a", schema.AlignsWith, "initiative:b", "measure:t/1/2"),
		edge("initiative:a", schema.Complements, "org:z", "measure:t/1/2"),
		edge("org:z", schema.Complements, "initiative:b", "measure:t/1/2"),
	)
	st, err := store.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, qs); err != nil {
		t.Fatal(err)
	}
	return analysis.New(st), st
}

func BenchmarkPaths(b *testing.B) {
	a, _ := seed(b)
	for _, maxLength := range []int{4, 6} {
		b.Run(fmt.Sprintf("KH-MPAC/maxLength=%d", maxLength), func(b *testing.B) {
			q := analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: maxLength, First: 5}
			var visited int
			for b.Loop() {
				r, err := a.Paths(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				visited = r.Visited
			}
			b.ReportMetric(float64(visited), "visited")
		})
	}
}

func TestWalksCanceled(t *testing.T) {
	a, _ := seed(t)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := a.Neighborhood(canceled, analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 200}); !errors.Is(err, context.Canceled) {
		t.Errorf("Neighborhood: error %v, want one matching context.Canceled", err)
	}
	if _, err := a.Paths(canceled, analysis.PathQuery{From: walkKH, To: walkMPAC, MaxLength: 4, First: 5}); !errors.Is(err, context.Canceled) {
		t.Errorf("Paths: error %v, want one matching context.Canceled", err)
	}
}

package analysis_test

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/schema"
)

const (
	walkFMM  = "mechanism:fmm"
	walkPlan = "plan:lmc-2023-2027"
)

func walkMeasure(n string) string { return "measure:lmc-2023-2027/" + n }

// TestNeighborhoodFMM is the foreign ministers' meeting one edge away: the
// mechanisms it implements, reports to and belongs to, the measures naming
// it, the group that submits to it, and every edge between those.
func TestNeighborhoodFMM(t *testing.T) {
	a, _ := seed(t)
	got, err := a.Neighborhood(ctx, analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	wantNodes := []string{
		"0 mechanism:fmm Mechanism 外长会",
		"1 group:lmc-members CountryGroup 澜湄六国",
		"1 " + walkMeasure("3/1") + " Measure 完善领导人会议、外长会及各领域部长级会议、高官会、外交和各领域联合工作组会组成的多层次机制框架",
		"1 " + walkMeasure("3/10") + " Measure 每年通过高官会向外长会提交本行动计划落实进展报告,六国将下一年度联合项目清单提交外长会审议通过",
		"1 " + walkMeasure("4.1.1/4") + " Measure 每年举行一次外长会,落实领导人会议共识,评估合作进展,提出合作建议",
		"1 mechanism:leaders-meeting Mechanism 领导人会议",
		"1 mechanism:lmc Mechanism 澜湄合作",
		"1 mechanism:som Mechanism 高官会",
	}
	wantEdges := []string{
		"group:lmc-members submitsTo mechanism:fmm [" + walkMeasure("3/10") + "]",
		walkMeasure("3/1") + " mentions mechanism:fmm [" + walkMeasure("3/1") + "]",
		walkMeasure("3/1") + " mentions mechanism:leaders-meeting [" + walkMeasure("3/1") + "]",
		walkMeasure("3/1") + " mentions mechanism:som [" + walkMeasure("3/1") + "]",
		walkMeasure("3/10") + " mentions group:lmc-members [" + walkMeasure("3/10") + "]",
		walkMeasure("3/10") + " mentions mechanism:fmm [" + walkMeasure("3/10") + "]",
		walkMeasure("3/10") + " mentions mechanism:som [" + walkMeasure("3/10") + "]",
		walkMeasure("4.1.1/4") + " mentions mechanism:fmm [" + walkMeasure("4.1.1/4") + "]",
		walkMeasure("4.1.1/4") + " mentions mechanism:leaders-meeting [" + walkMeasure("4.1.1/4") + "]",
		"mechanism:fmm isPartOf mechanism:lmc [catalog:lmc]",
		"mechanism:fmm implements mechanism:leaders-meeting [" + walkMeasure("4.1.1/4") + "]",
		"mechanism:leaders-meeting isPartOf mechanism:lmc [catalog:lmc]",
		"mechanism:som isPartOf mechanism:lmc [catalog:lmc]",
		"mechanism:som reportsTo mechanism:fmm [" + walkMeasure("3/10") + "]",
	}
	walkCheckLines(t, "nodes", walkNodeLines(got), wantNodes)
	walkCheckLines(t, "edges", walkEdgeLines(got), wantEdges)
	if got.Truncated {
		t.Error("Truncated, want not")
	}
}

// TestNeighborhoodDepth2 is issue 4's check: two edges from the foreign
// ministers' meeting are the leaders' meeting and the senior officials'
// meeting.
func TestNeighborhoodDepth2(t *testing.T) {
	a, st := seed(t)
	got, err := a.Neighborhood(ctx, analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"mechanism:leaders-meeting", "mechanism:som"} {
		if d := walkDistance(got, id); d != 1 {
			t.Errorf("%s at distance %d, want 1", id, d)
		}
	}
	// Countries are two edges away through the group they are members of,
	// sections through their measures, and the plan through its relations.
	for _, id := range []string{"country:KH", "section:lmc-2023-2027/3", walkPlan} {
		if d := walkDistance(got, id); d != 2 {
			t.Errorf("%s at distance %d, want 2", id, d)
		}
	}
	walkCheckSubgraph(t, st, got, analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 200})
}

func TestNeighborhoodFilters(t *testing.T) {
	a, st := seed(t)
	all := func(depth int) analysis.Subgraph {
		t.Helper()
		g, err := a.Neighborhood(ctx, analysis.NeighborhoodQuery{ID: walkFMM, Depth: depth, Limit: analysis.MaxNeighborhoodLimit})
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	depth2, depth3 := all(2), all(3)
	tests := []struct {
		name string
		q    analysis.NeighborhoodQuery
		// nodes, when set, are the ids expected in order.
		nodes     []string
		edges     []string
		truncated bool
		// check, when set, checks more.
		check func(t *testing.T, g analysis.Subgraph)
	}{
		{
			name:  "one predicate",
			q:     analysis.NeighborhoodQuery{ID: walkFMM, Depth: 3, Limit: 200, Predicates: []quad.IRI{schema.ReportsTo}},
			nodes: []string{walkFMM, "mechanism:som"},
			edges: []string{"mechanism:som reportsTo mechanism:fmm [" + walkMeasure("3/10") + "]"},
		},
		{
			name: "structure only",
			q:    analysis.NeighborhoodQuery{ID: walkMeasure("3/10"), Depth: 2, Limit: 200, Predicates: []quad.IRI{analysis.PartOf}},
			// The measure's section and plan, and the section's other
			// measures.
			nodes: append(append([]string{walkMeasure("3/10"), "section:lmc-2023-2027/3"},
				walkMeasure("3/1"), walkMeasure("3/2"), walkMeasure("3/3"), walkMeasure("3/4"), walkMeasure("3/5"),
				walkMeasure("3/6"), walkMeasure("3/7"), walkMeasure("3/8"), walkMeasure("3/9")), walkPlan),
			check: func(t *testing.T, g analysis.Subgraph) {
				if d := walkDistance(g, walkPlan); d != 2 {
					t.Errorf("plan at distance %d, want 2", d)
				}
			},
		},
		{
			name: "kinds are walked through",
			q:    analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 200, Kinds: []schema.Kind{schema.KindCountry}},
			// The countries are members of group:lmc-members, which is
			// walked but not returned, nor are the edges at it.
			nodes: []string{walkFMM, "country:CN", "country:KH", "country:LA", "country:MM", "country:TH", "country:VN"},
			edges: []string{},
		},
		{
			name: "several kinds",
			q:    analysis.NeighborhoodQuery{ID: walkFMM, Depth: 3, Limit: 2000, Kinds: []schema.Kind{schema.KindMechanism, schema.KindPlan}},
			check: func(t *testing.T, g analysis.Subgraph) {
				want := 0
				for _, n := range depth3.Nodes {
					if n.Kind == schema.KindMechanism || n.Kind == schema.KindPlan {
						want++
					}
				}
				if len(g.Nodes) != want {
					t.Errorf("%d nodes, want the %d mechanisms and plans of the unfiltered neighborhood", len(g.Nodes), want)
				}
				if len(g.Edges) == 0 {
					t.Error("no edges between mechanisms")
				}
			},
		},
		{
			name:      "limit cuts by distance, then id",
			q:         analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 5},
			nodes:     walkIDs(depth2)[:5],
			truncated: true,
		},
		{
			name:      "limit cuts the last level",
			q:         analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 10},
			nodes:     walkIDs(depth2)[:10],
			truncated: true,
		},
		{
			name:  "limit equal to the nodes within reach",
			q:     analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: len(depth2.Nodes)},
			nodes: walkIDs(depth2),
		},
		{
			name:      "limit of one",
			q:         analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 1},
			nodes:     []string{walkFMM},
			edges:     []string{},
			truncated: true,
		},
		{
			name:      "limit with kinds counts only the kinds",
			q:         analysis.NeighborhoodQuery{ID: walkFMM, Depth: 2, Limit: 3, Kinds: []schema.Kind{schema.KindCountry}},
			nodes:     []string{walkFMM, "country:CN", "country:KH"},
			truncated: true,
		},
		{
			name:  "start node of a kind not asked for",
			q:     analysis.NeighborhoodQuery{ID: walkMeasure("3/10"), Depth: 1, Limit: 200, Kinds: []schema.Kind{schema.KindMechanism}},
			nodes: []string{walkMeasure("3/10"), walkFMM, "mechanism:som"},
			edges: []string{
				walkMeasure("3/10") + " mentions mechanism:fmm [" + walkMeasure("3/10") + "]",
				walkMeasure("3/10") + " mentions mechanism:som [" + walkMeasure("3/10") + "]",
				"mechanism:som reportsTo mechanism:fmm [" + walkMeasure("3/10") + "]",
			},
		},
		{
			name: "the plan",
			q:    analysis.NeighborhoodQuery{ID: walkPlan, Depth: 1, Limit: 200},
			check: func(t *testing.T, g analysis.Subgraph) {
				if g.Nodes[0].Label != "澜沧江—湄公河合作五年行动计划(2023-2027)" {
					t.Errorf("plan label %q", g.Nodes[0].Label)
				}
				if d := walkDistance(g, "section:lmc-2023-2027/1"); d != 1 {
					t.Errorf("section 1 at distance %d, want 1", d)
				}
				if d := walkDistance(g, "initiative:mpac-2025"); d != 1 {
					t.Errorf("MPAC 2025 at distance %d, want 1", d)
				}
			},
		},
		{
			name: "depth 3",
			q:    analysis.NeighborhoodQuery{ID: "country:KH", Depth: 3, Limit: 2000},
			check: func(t *testing.T, g analysis.Subgraph) {
				if d := walkDistance(g, "country:CN"); d != 2 {
					t.Errorf("country:CN at distance %d, want 2 (both members of a group)", d)
				}
				if g.Nodes[len(g.Nodes)-1].Distance != 3 {
					t.Errorf("farthest node at distance %d, want 3", g.Nodes[len(g.Nodes)-1].Distance)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := a.Neighborhood(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if tt.nodes != nil {
				walkCheckLines(t, "nodes", walkIDs(g), tt.nodes)
			}
			if tt.edges != nil {
				walkCheckLines(t, "edges", walkEdgeLines(g), tt.edges)
			}
			if g.Truncated != tt.truncated {
				t.Errorf("Truncated = %v, want %v", g.Truncated, tt.truncated)
			}
			if tt.check != nil {
				tt.check(t, g)
			}
			walkCheckSubgraph(t, st, g, tt.q)
		})
	}
}

func TestNeighborhoodDeterministic(t *testing.T) {
	a, _ := seed(t)
	for _, q := range []analysis.NeighborhoodQuery{
		{ID: walkFMM, Depth: 3, Limit: 2000},
		{ID: "country:KH", Depth: 3, Limit: 50},
		{ID: walkPlan, Depth: 2, Limit: 30, Kinds: []schema.Kind{schema.KindInitiative, schema.KindSection}},
	} {
		first, err := a.Neighborhood(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			again, err := a.Neighborhood(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first, again) {
				t.Fatalf("%+v: two answers differ", q)
			}
		}
	}
}

func TestNeighborhoodErrors(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name string
		q    analysis.NeighborhoodQuery
		want error
	}{
		{"unknown id", analysis.NeighborhoodQuery{ID: "country:XX", Depth: 1, Limit: 10}, store.ErrNotFound},
		{"empty id", analysis.NeighborhoodQuery{ID: "", Depth: 1, Limit: 10}, store.ErrNotFound},
		{"depth 0", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 0, Limit: 10}, analysis.ErrInvalid},
		{"depth 4", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 4, Limit: 10}, analysis.ErrInvalid},
		{"limit 0", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 0}, analysis.ErrInvalid},
		{"limit 2001", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 2001}, analysis.ErrInvalid},
		{"mention kind", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 10, Kinds: []schema.Kind{schema.KindMention}}, analysis.ErrInvalid},
		{"unknown kind", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 10, Kinds: []schema.Kind{"Planet"}}, analysis.ErrInvalid},
		{"rdf:type", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 10, Predicates: []quad.IRI{schema.Type}}, analysis.ErrInvalid},
		{"entity of a mention", analysis.NeighborhoodQuery{ID: walkFMM, Depth: 1, Limit: 10, Predicates: []quad.IRI{schema.Entity}}, analysis.ErrInvalid},
		{"from a mention", analysis.NeighborhoodQuery{ID: schema.MentionID(walkMeasure("3/10"), 1), Depth: 1, Limit: 10}, analysis.ErrInvalid},
		{"from the catalog", analysis.NeighborhoodQuery{ID: "catalog:lmc", Depth: 1, Limit: 10}, analysis.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Neighborhood(ctx, tt.q)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want one matching %v", err, tt.want)
			}
		})
	}
}

// checkSubgraph checks what every subgraph must be: the start node first,
// then by distance and id, within the depth, of the kinds asked for and no
// more than the limit; edges sorted, without duplicates, between returned
// nodes, of the predicates asked for, each a quad in the store.
func walkCheckSubgraph(t *testing.T, st *store.Store, g analysis.Subgraph, q analysis.NeighborhoodQuery) {
	t.Helper()
	if len(g.Nodes) == 0 || g.Nodes[0].ID != q.ID || g.Nodes[0].Distance != 0 {
		t.Fatalf("the start node %s is not first", q.ID)
	}
	if len(g.Nodes) > q.Limit {
		t.Errorf("%d nodes, limit %d", len(g.Nodes), q.Limit)
	}
	in := map[string]bool{}
	for i, n := range g.Nodes {
		in[n.ID] = true
		if i > 0 {
			p := g.Nodes[i-1]
			if n.Distance < 1 || n.Distance > q.Depth {
				t.Errorf("%s at distance %d, depth %d", n.ID, n.Distance, q.Depth)
			}
			if i > 1 && (p.Distance > n.Distance || p.Distance == n.Distance && p.ID >= n.ID) {
				t.Errorf("%s (%d) before %s (%d)", p.ID, p.Distance, n.ID, n.Distance)
			}
			if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, n.Kind) {
				t.Errorf("%s of kind %s, asked for %v", n.ID, n.Kind, q.Kinds)
			}
		}
		if k, _ := schema.KindOfID(n.ID); n.Kind != k {
			t.Errorf("%s of kind %s", n.ID, n.Kind)
		}
		if n.Label == "" || utf8.RuneCountInString(n.Label) > 60 {
			t.Errorf("%s labelled %q", n.ID, n.Label)
		}
	}
	preds := q.Predicates
	if len(preds) == 0 {
		preds = analysis.EdgePredicates()
	}
	for i, e := range g.Edges {
		if i > 0 {
			p := g.Edges[i-1]
			if cmp.Or(cmp.Compare(p.Source, e.Source), cmp.Compare(p.Predicate, e.Predicate),
				cmp.Compare(p.Target, e.Target), cmp.Compare(p.Evidence, e.Evidence)) >= 0 {
				t.Errorf("edge %v before %v", p, e)
			}
		}
		if !in[e.Source] || !in[e.Target] {
			t.Errorf("edge %v leaves the subgraph", e)
		}
		if !slices.Contains(preds, e.Predicate) {
			t.Errorf("edge %v of a predicate not asked for", e)
		}
		if e.Evidence == "" {
			t.Errorf("edge %v without evidence", e)
		}
	}
	// Every quad between two returned nodes is an edge.
	want := 0
	for _, n := range g.Nodes {
		out, err := st.Out(ctx, n.ID, preds...)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out {
			if in[e.ObjectID] && e.ObjectID != n.ID {
				want++
				if !slices.Contains(g.Edges, analysis.SubgraphEdge{Source: n.ID, Target: e.ObjectID, Predicate: e.Predicate, Evidence: e.Evidence}) {
					t.Errorf("edge %s %s %s [%s] missing", n.ID, e.Predicate, e.ObjectID, e.Evidence)
				}
			}
		}
	}
	if want != len(g.Edges) {
		t.Errorf("%d edges, the store has %d between the nodes", len(g.Edges), want)
	}
}

func walkIDs(g analysis.Subgraph) []string {
	out := []string{}
	for _, n := range g.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func walkDistance(g analysis.Subgraph, id string) int {
	for _, n := range g.Nodes {
		if n.ID == id {
			return n.Distance
		}
	}
	return -1
}

func walkNodeLines(g analysis.Subgraph) []string {
	out := []string{}
	for _, n := range g.Nodes {
		out = append(out, fmt.Sprintf("%d %s %s %s", n.Distance, n.ID, n.Kind, n.Label))
	}
	return out
}

func walkEdgeLines(g analysis.Subgraph) []string {
	out := []string{}
	for _, e := range g.Edges {
		out = append(out, fmt.Sprintf("%s %s %s [%s]", e.Source, walkPredicateName(e.Predicate), e.Target, e.Evidence))
	}
	return out
}

// predicateName is a relation's short name, or the local name of another
// predicate.
func walkPredicateName(p quad.IRI) string {
	if n := schema.RelationName(p); n != "" {
		return n
	}
	s := string(p)
	return s[strings.LastIndexAny(s, "/#")+1:]
}

func walkCheckLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("%s: got %d, want %d:\n got:\n\t%s\nwant:\n\t%s", what, len(got), len(want),
		strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
}

func BenchmarkNeighborhood(b *testing.B) {
	a, _ := seed(b)
	for _, depth := range []int{1, 2, 3} {
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
			q := analysis.NeighborhoodQuery{ID: walkFMM, Depth: depth, Limit: analysis.MaxNeighborhoodLimit}
			var nodes int
			for b.Loop() {
				g, err := a.Neighborhood(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				nodes = len(g.Nodes)
			}
			b.ReportMetric(float64(nodes), "nodes")
		})
	}
}

package export_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/data"
	"plangraph/graph/analysis"
	"plangraph/graph/export"
	"plangraph/graph/store"
	"plangraph/loader"
	"plangraph/schema"
)

var ctx = context.Background()

var exportDir = flag.String("export.dir", "", "write the seed graph's whole-graph and MPAC exports in every format to this directory (for checks with networkx and graphviz)")

const (
	mpac = "initiative:mpac-2025"
	fmm  = "mechanism:fmm"
	plan = "plan:lmc-2023-2027"
)

// seed returns an Analyzer over a memory store holding the embedded LMC
// plan, and the store.
func seed(t testing.TB) (*analysis.Analyzer, *store.Store) {
	t.Helper()
	c, err := loader.ParseCatalog(bytes.NewReader(data.Catalog()), data.CatalogFile)
	if err != nil {
		t.Fatal(err)
	}
	p := data.Plans()[0]
	r, err := loader.Load(loader.Plan{Slug: p.Slug, ZH: p.ZH, EN: p.EN, Source: p.File, Text: p.Text}, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, r.Quads); err != nil {
		t.Fatal(err)
	}
	return analysis.New(st), st
}

func collect(t testing.TB, st *store.Store, an *analysis.Analyzer, sel export.Selection) *export.Graph {
	t.Helper()
	g, err := export.Collect(ctx, st, an, sel)
	if err != nil {
		t.Fatalf("Collect(%+v): %v", sel, err)
	}
	return g
}

func nodeIDs(g *export.Graph) []string {
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

// edgeKeys lists edges as "source predicate target [evidence]".
func edgeKeys(g *export.Graph) []string {
	var out []string
	for _, e := range g.Edges {
		out = append(out, fmt.Sprintf("%s %s %s [%s]", e.Source, e.Predicate, e.Target, e.Evidence))
	}
	return out
}

// shortName is the export's name of a neighborhood edge's predicate.
func shortName(p quad.IRI) string {
	switch p {
	case analysis.PartOf:
		return "partOf"
	case analysis.InPillar:
		return "inPillar"
	case analysis.InPriorityArea:
		return "inPriorityArea"
	}
	return schema.RelationName(p)
}

// neighborhood is what Neighborhood gives for q: node ids sorted, edges as
// edgeKeys writes them, and labels by id.
func neighborhood(t *testing.T, an *analysis.Analyzer, q analysis.NeighborhoodQuery) (ids, edges []string, labels map[string]string) {
	t.Helper()
	sg, err := an.Neighborhood(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	labels = map[string]string{}
	for _, n := range sg.Nodes {
		ids = append(ids, n.ID)
		labels[n.ID] = n.Label
	}
	slices.Sort(ids)
	for _, e := range sg.Edges {
		edges = append(edges, fmt.Sprintf("%s %s %s [%s]", e.Source, shortName(e.Predicate), e.Target, e.Evidence))
	}
	slices.Sort(edges)
	return ids, edges, labels
}

// checkGraph checks what holds for every collected Graph: sorted unique
// nodes, edges between them with evidence texts, quads of the nodes.
func checkGraph(t *testing.T, g *export.Graph, whole bool) {
	t.Helper()
	in := map[string]export.Node{}
	for i, n := range g.Nodes {
		if i > 0 && g.Nodes[i-1].ID >= n.ID {
			t.Fatalf("nodes not sorted or not unique at %q", n.ID)
		}
		in[n.ID] = n
		if n.Kind == "" || n.Label() == "" {
			t.Errorf("node %+v without kind or label", n)
		}
		switch n.Kind {
		case "Measure":
			if n.Text == "" || n.Section == "" || n.Commitment == "" || !strings.HasPrefix(n.ID, "measure:lmc-2023-2027/"+n.Section+"/") {
				t.Errorf("measure %+v", n)
			}
		case "Section":
			if n.Section == "" || !strings.HasPrefix(n.LabelZH, n.Section+" ") {
				t.Errorf("section %+v", n)
			}
		}
	}
	for i, e := range g.Edges {
		if _, ok := in[e.Source]; !ok {
			t.Errorf("edge %+v from a node not exported", e)
		}
		if _, ok := in[e.Target]; !ok {
			t.Errorf("edge %+v to a node not exported", e)
		}
		if i > 0 && reflect.DeepEqual(g.Edges[i-1], e) {
			t.Errorf("edge %+v twice", e)
		}
		if strings.HasPrefix(e.Evidence, "measure:") != (e.EvidenceText != "") {
			t.Errorf("edge %+v: evidence text", e)
		}
	}
	quads := map[string]bool{}
	for _, q := range g.Quads {
		s, _ := schema.ID(q.Subject.(quad.IRI))
		if _, ok := in[s]; !ok && !whole {
			t.Errorf("quad %v of a node not exported", q)
		}
		if o, ok := q.Object.(quad.IRI); ok {
			if id, ok := schema.ID(o); ok {
				if _, ok := in[id]; !ok && !whole {
					t.Errorf("quad %v to a node not exported", q)
				}
				l, _ := schema.ID(q.Label.(quad.IRI))
				quads[s+" "+id+" "+l] = true
			}
		}
	}
	for _, e := range g.Edges {
		if !quads[e.Source+" "+e.Target+" "+e.Evidence] {
			t.Errorf("edge %+v has no quad", e)
		}
	}
}

func TestCollectSeed(t *testing.T) {
	an, st := seed(t)
	for _, tc := range []struct {
		name string
		q    analysis.NeighborhoodQuery
	}{
		{"mpac depth 1", analysis.NeighborhoodQuery{ID: mpac, Depth: 1, Limit: 500}},
		{"fmm depth 2", analysis.NeighborhoodQuery{ID: fmm, Depth: 2, Limit: 500}},
		{"plan depth 1 limit 20", analysis.NeighborhoodQuery{ID: plan, Depth: 1, Limit: 20}},
		{"fmm depth 3 countries", analysis.NeighborhoodQuery{ID: fmm, Depth: 3, Limit: 2000, Kinds: []schema.Kind{schema.KindCountry, schema.KindMechanism}}},
		{"mpac depth 2 mentions", analysis.NeighborhoodQuery{ID: mpac, Depth: 2, Limit: 100, Predicates: []quad.IRI{schema.Mentions}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := collect(t, st, an, export.Selection{Seeds: []string{tc.q.ID}, Depth: tc.q.Depth, Limit: tc.q.Limit,
				Predicates: tc.q.Predicates, Kinds: tc.q.Kinds})
			ids, edges, labels := neighborhood(t, an, tc.q)
			if got := nodeIDs(g); !reflect.DeepEqual(got, ids) {
				t.Errorf("nodes:\n got %q\nwant %q", got, ids)
			}
			if got := edgeKeys(g); !reflect.DeepEqual(got, edges) {
				t.Errorf("edges:\n got %q\nwant %q", got, edges)
			}
			for _, n := range g.Nodes {
				if n.Label() != labels[n.ID] {
					t.Errorf("node %s: label %q, neighborhood's %q", n.ID, n.Label(), labels[n.ID])
				}
			}
			if len(g.Edges) == 0 {
				t.Error("no edges")
			}
			checkGraph(t, g, false)
		})
	}
}

// TestCollectSeeds checks several seeds: the union of their
// neighborhoods, with their edges and those between them.
func TestCollectSeeds(t *testing.T) {
	an, st := seed(t)
	seeds := []string{mpac, fmm, mpac}
	g := collect(t, st, an, export.Selection{Seeds: seeds, Depth: 1})
	var ids, edges []string
	for _, s := range []string{mpac, fmm} {
		i, e, _ := neighborhood(t, an, analysis.NeighborhoodQuery{ID: s, Depth: 1, Limit: export.DefaultLimit})
		ids = append(ids, i...)
		edges = append(edges, e...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if got := nodeIDs(g); !reflect.DeepEqual(got, ids) {
		t.Errorf("nodes:\n got %q\nwant %q", got, ids)
	}
	got := edgeKeys(g)
	for _, e := range edges {
		if !slices.Contains(got, e) {
			t.Errorf("edge %s missing", e)
		}
	}
	checkGraph(t, g, false)
}

func TestCollectDepth0(t *testing.T) {
	an, st := seed(t)
	m := "measure:lmc-2023-2027/3/1"
	g := collect(t, st, an, export.Selection{Seeds: []string{m, fmm, "section:lmc-2023-2027/3"}})
	if got := nodeIDs(g); !reflect.DeepEqual(got, []string{m, fmm, "section:lmc-2023-2027/3"}) {
		t.Errorf("nodes %q", got)
	}
	want := []string{
		m + " mentions " + fmm + " [" + m + "]",
		m + " partOf section:lmc-2023-2027/3 [" + m + "]",
	}
	if got := edgeKeys(g); !reflect.DeepEqual(got, want) {
		t.Errorf("edges:\n got %q\nwant %q", got, want)
	}
	checkGraph(t, g, false)
	n := g.Nodes[0]
	ms, err := st.MeasuresByID(ctx, []string{m})
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != "Measure" || n.Section != "3" || n.Text != ms[0].Text || n.Commitment != ms[0].Commitment || n.LabelEN != "" {
		t.Errorf("measure node %+v", n)
	}
	if g.Edges[0].EvidenceText != ms[0].Text {
		t.Errorf("evidence text %q", g.Edges[0].EvidenceText)
	}
	if s := g.Nodes[2]; s.Kind != "Section" || s.Section != "3" || !strings.HasPrefix(s.LabelZH, "3 ") {
		t.Errorf("section node %+v", s)
	}
	if f := g.Nodes[1]; f.Kind != "Mechanism" || f.LabelZH != "外长会" || f.LabelEN == "" {
		t.Errorf("mechanism node %+v", f)
	}
}

func TestCollectWhole(t *testing.T) {
	an, st := seed(t)
	g := collect(t, st, an, export.Selection{})
	checkGraph(t, g, true)

	plans, _ := st.Plans(ctx)
	secs, _ := st.Sections(ctx, plan)
	ms, _ := st.PlanMeasures(ctx, plan)
	ents, _ := st.Entities(ctx)
	if want := len(plans) + len(secs) + len(ms) + len(ents); len(g.Nodes) != want {
		t.Errorf("%d nodes, want %d", len(g.Nodes), want)
	}
	in := map[string]bool{}
	for _, n := range g.Nodes {
		in[n.ID] = true
	}
	scan, err := st.Scan(ctx, analysis.EdgePredicates()...)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, e := range scan {
		if in[e.Subject] && in[e.ObjectID] && e.Subject != e.ObjectID {
			want[fmt.Sprintf("%s %s %s [%s]", e.Subject, shortName(e.Predicate), e.ObjectID, e.Evidence)] = true
		}
	}
	if len(g.Edges) != len(want) {
		t.Errorf("%d edges, want %d", len(g.Edges), len(want))
	}
	quads, _ := st.Quads(ctx)
	if len(g.Quads) != len(quads) {
		t.Errorf("%d quads, want the store's %d", len(g.Quads), len(quads))
	}

	// A seed's neighborhood describes its nodes and edges as the whole
	// graph does.
	byID := map[string]export.Node{}
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	edges := map[export.Edge]bool{}
	for _, e := range g.Edges {
		edges[e] = true
	}
	sub := collect(t, st, an, export.Selection{Seeds: []string{mpac, plan}, Depth: 1})
	for _, n := range sub.Nodes {
		if byID[n.ID] != n {
			t.Errorf("node %+v, whole graph's %+v", n, byID[n.ID])
		}
	}
	for _, e := range sub.Edges {
		if !edges[e] {
			t.Errorf("edge %+v not in the whole graph", e)
		}
	}
}

func TestCollectWholeFiltered(t *testing.T) {
	an, st := seed(t)
	g := collect(t, st, an, export.Selection{Kinds: []schema.Kind{schema.KindCountry, schema.KindCountryGroup}, Predicates: []quad.IRI{schema.MemberOf}})
	checkGraph(t, g, false)
	if len(g.Nodes) == 0 || len(g.Edges) == 0 {
		t.Fatalf("%d nodes, %d edges", len(g.Nodes), len(g.Edges))
	}
	for _, n := range g.Nodes {
		if n.Kind != "Country" && n.Kind != "CountryGroup" {
			t.Errorf("node %+v", n)
		}
	}
	for _, e := range g.Edges {
		if e.Predicate != "memberOf" {
			t.Errorf("edge %+v", e)
		}
	}
	for _, q := range g.Quads {
		if p := q.Predicate.(quad.IRI); slices.Contains(analysis.EdgePredicates(), p) && p != schema.MemberOf {
			t.Errorf("quad %v of a predicate not selected", q)
		}
	}
}

func TestCollectDeterministic(t *testing.T) {
	an, st := seed(t)
	for _, sel := range []export.Selection{{}, {Seeds: []string{mpac, fmm}, Depth: 2}} {
		a, b := collect(t, st, an, sel), collect(t, st, an, sel)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("two Collects of %+v differ", sel)
		}
		for _, name := range export.Names() {
			if !bytes.Equal(write(t, name, a), write(t, name, b)) {
				t.Errorf("%s: two writes of %+v differ", name, sel)
			}
		}
	}
}

func TestCollectErrors(t *testing.T) {
	an, st := seed(t)
	many := make([]string, export.MaxSeeds+1)
	for i := range many {
		many[i] = fmt.Sprintf("country:X%d", i)
	}
	for _, tc := range []struct {
		name string
		sel  export.Selection
		is   error
		msg  string
	}{
		{"depth below", export.Selection{Seeds: []string{mpac}, Depth: -1}, export.ErrInvalid, "depth -1 is not between 0 and 3"},
		{"depth above", export.Selection{Seeds: []string{mpac}, Depth: 4}, export.ErrInvalid, "depth 4 is not between 0 and 3"},
		{"limit below", export.Selection{Seeds: []string{mpac}, Depth: 1, Limit: -1}, export.ErrInvalid, "limit -1 is not between 1 and 2000"},
		{"limit above", export.Selection{Depth: 1, Limit: 2001}, export.ErrInvalid, "limit 2001 is not between 1 and 2000"},
		{"predicate", export.Selection{Seeds: []string{mpac}, Depth: 1, Predicates: []quad.IRI{schema.Text}}, export.ErrInvalid, "is not an edge predicate"},
		{"kind", export.Selection{Depth: 1, Kinds: []schema.Kind{schema.KindMention}}, export.ErrInvalid, `"Mention" is not a kind`},
		{"unknown seed", export.Selection{Seeds: []string{mpac, "country:XX"}, Depth: 1}, store.ErrNotFound, `"country:XX" not found`},
		{"unknown seed depth 0", export.Selection{Seeds: []string{"country:XX"}}, store.ErrNotFound, `"country:XX" not found`},
		{"mention seed", export.Selection{Seeds: []string{"mention:lmc-2023-2027/3/1/1"}, Depth: 1}, export.ErrInvalid, "is a Mention"},
		{"catalog seed", export.Selection{Seeds: []string{"catalog:lmc"}}, export.ErrInvalid, "is a Catalog"},
		{"too many seeds", export.Selection{Seeds: many}, export.ErrInvalid, "101 seeds, at most 100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := export.Collect(ctx, st, an, tc.sel)
			if !errors.Is(err, tc.is) || !strings.Contains(fmt.Sprint(err), tc.msg) {
				t.Fatalf("Collect = %v, %v; want an error matching %v containing %q", g, err, tc.is, tc.msg)
			}
			if strings.Contains(err.Error(), "analysis:") {
				t.Errorf("error %q names another package", err)
			}
		})
	}
}

// TestWriteSeedExports parses back every format of a real subgraph and,
// with -export.dir, leaves the files for the checks with networkx and
// Graphviz (testdata/check_tools.py).
func TestWriteSeedExports(t *testing.T) {
	an, st := seed(t)
	graphs := map[string]*export.Graph{
		"whole": collect(t, st, an, export.Selection{}),
		"mpac":  collect(t, st, an, export.Selection{Seeds: []string{mpac}, Depth: 1}),
	}
	for name, g := range graphs {
		for _, format := range export.Names() {
			t.Run(name+"/"+format, func(t *testing.T) {
				out := write(t, format, g)
				if format != "jsonld" || name != "whole" || !testing.Short() {
					checkParsed(t, format, g, out)
				}
				if *exportDir != "" {
					f, _ := export.Lookup(format)
					if err := os.WriteFile(filepath.Join(*exportDir, name+f.Ext), out, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

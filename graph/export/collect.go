package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/schema"
)

// Selection says what part of the graph to export.
type Selection struct {
	// Seeds are the start nodes; the whole graph when empty.
	Seeds []string
	// Depth is how many edges around each seed, 0 to 3.
	Depth int
	// Predicates limits the edges; all of analysis.EdgePredicates when empty.
	Predicates []quad.IRI
	// Kinds limits the nodes (seeds are always kept).
	Kinds []schema.Kind
	// Limit bounds the nodes around each seed, 1 to 2000; 0 means
	// DefaultLimit (500).
	Limit int
}

// Limits of a Selection.
const (
	// MaxDepth is the largest Selection.Depth.
	MaxDepth = analysis.MaxNeighborhoodDepth
	// MaxLimit is the largest Selection.Limit.
	MaxLimit = analysis.MaxNeighborhoodLimit
	// MaxSeeds is the most seeds a Selection may have.
	MaxSeeds = 100
)

// labelMaxRunes is how much of a measure's text its label shows, as in
// the neighborhood query's labels.
const labelMaxRunes = 60

// ErrInvalid is matched by errors about a selection or format that cannot
// be exported.
var ErrInvalid = errors.New("export: invalid argument")

// Collect gathers the Graph a selection names.
//
// With seeds, the nodes are the union of the neighborhoods of the seeds
// (analysis.Neighborhood with the selection's depth, predicates, kinds and
// limit, each seed on its own), or the seeds alone at depth 0. The edges
// are every quad of the selected predicates between two of those nodes
// (loops left out): for one seed exactly the neighborhood's edges, for
// several also those that join one seed's neighborhood to another's.
//
// Without seeds it is the whole graph: every plan, section, measure and
// catalog entity (of the selected kinds), and every quad of the selected
// predicates between two of them. Depth and Limit are checked but not
// used. Mentions and the catalog node are never nodes; a mention is the
// measure's pg:mentions edge.
//
// Graph.Quads, for the RDF formats, are the quads whose subject is a node
// of the Graph and whose object is a literal, an IRI that is no plangraph
// node (rdf:type's class) or a node of the Graph through a selected
// predicate (or a predicate that is no edge predicate); quad labels (the
// provenance) are kept as they are. For the whole graph without kinds or
// predicates they are every quad of the store (st.Quads), mentions and
// catalog included, as `plangraph dump` writes them.
//
// Errors wrap ErrInvalid for a depth, limit, kind or predicate out of
// range, or a seed that is no node of the graph walked (a mention, the
// catalog), and match store.ErrNotFound for an unknown seed.
func Collect(ctx context.Context, st *store.Store, an *analysis.Analyzer, sel Selection) (*Graph, error) {
	c, err := newCollector(st, an, sel)
	if err != nil {
		return nil, err
	}
	var g *Graph
	if len(c.seeds) == 0 {
		g, err = c.whole(ctx)
	} else {
		g, err = c.around(ctx)
	}
	if err != nil {
		return nil, err
	}
	g.Sort()
	return g, nil
}

// collector is one Collect call with its checked selection.
type collector struct {
	st    *store.Store
	an    *analysis.Analyzer
	sel   Selection
	seeds []string
	// preds are the edge predicates selected; selected holds them.
	preds    []quad.IRI
	selected map[quad.IRI]bool
	// edgePreds holds every edge predicate.
	edgePreds map[quad.IRI]bool
}

func newCollector(st *store.Store, an *analysis.Analyzer, sel Selection) (*collector, error) {
	if sel.Limit == 0 {
		sel.Limit = DefaultLimit
	}
	switch {
	case sel.Depth < 0 || sel.Depth > MaxDepth:
		return nil, fmt.Errorf("%w: depth %d is not between 0 and %d", ErrInvalid, sel.Depth, MaxDepth)
	case sel.Limit < 1 || sel.Limit > MaxLimit:
		return nil, fmt.Errorf("%w: limit %d is not between 1 and %d", ErrInvalid, sel.Limit, MaxLimit)
	}
	all := analysis.EdgePredicates()
	c := &collector{st: st, an: an, sel: sel, selected: map[quad.IRI]bool{}, edgePreds: map[quad.IRI]bool{}}
	for _, p := range all {
		c.edgePreds[p] = true
	}
	for _, p := range sel.Predicates {
		if !c.edgePreds[p] {
			return nil, fmt.Errorf("%w: %v is not an edge predicate", ErrInvalid, p)
		}
	}
	c.preds = slices.Clone(sel.Predicates)
	if len(c.preds) == 0 {
		c.preds = all
	}
	slices.Sort(c.preds)
	c.preds = slices.Compact(c.preds)
	for _, p := range c.preds {
		c.selected[p] = true
	}
	for _, k := range sel.Kinds {
		if !isNodeKind(k) {
			return nil, fmt.Errorf("%w: %q is not a kind of node the graph exports", ErrInvalid, k)
		}
	}
	seen := map[string]bool{}
	for _, id := range sel.Seeds {
		if !seen[id] {
			seen[id] = true
			c.seeds = append(c.seeds, id)
		}
	}
	if len(c.seeds) > MaxSeeds {
		return nil, fmt.Errorf("%w: %d seeds, at most %d", ErrInvalid, len(c.seeds), MaxSeeds)
	}
	return c, nil
}

// isNodeKind reports whether nodes of kind k are nodes of an export: the
// plan, sections, measures and catalog entities.
func isNodeKind(k schema.Kind) bool {
	switch k {
	case schema.KindPlan, schema.KindSection, schema.KindMeasure:
		return true
	}
	return k.IsEntity()
}

// keepKind reports whether the selection keeps nodes of kind k.
func (c *collector) keepKind(k schema.Kind) bool {
	return isNodeKind(k) && (len(c.sel.Kinds) == 0 || slices.Contains(c.sel.Kinds, k))
}

// around collects the neighborhoods of the seeds.
func (c *collector) around(ctx context.Context) (*Graph, error) {
	seedNodes, errs := c.st.Nodes(ctx, c.seeds)
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("export: seed: %w", err)
		}
	}
	for i := range seedNodes {
		if k := seedNodes[i].Kind; !isNodeKind(k) {
			return nil, fmt.Errorf("%w: seed %q is a %s, not a node the export walks", ErrInvalid, c.seeds[i], cmp.Or(string(k), "node of no kind"))
		}
	}
	in := map[string]bool{}
	ids := slices.Clone(c.seeds)
	for _, id := range c.seeds {
		in[id] = true
	}
	if c.sel.Depth > 0 {
		for _, seed := range c.seeds {
			sg, err := c.an.Neighborhood(ctx, analysis.NeighborhoodQuery{ID: seed, Depth: c.sel.Depth,
				Predicates: c.sel.Predicates, Kinds: c.sel.Kinds, Limit: c.sel.Limit})
			if err != nil {
				return nil, fmt.Errorf("export: %w", err)
			}
			for _, n := range sg.Nodes {
				if !in[n.ID] {
					in[n.ID] = true
					ids = append(ids, n.ID)
				}
			}
		}
	}
	slices.Sort(ids)

	nodes, errs := c.st.Nodes(ctx, ids)
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("export: read nodes: %w", err)
		}
	}
	g := &Graph{Nodes: make([]Node, 0, len(ids)), Edges: []Edge{}, Quads: []quad.Quad{}}
	err := c.st.View(func(qs graph.QuadStore) error {
		for _, id := range ids {
			found, err := subjectQuads(ctx, qs, id)
			if err != nil {
				return fmt.Errorf("export: read quads of %q: %w", id, err)
			}
			for _, q := range found {
				if !c.keepQuad(q, in) {
					continue
				}
				g.Quads = append(g.Quads, q)
				p, _ := q.Predicate.(quad.IRI)
				if obj := objectID(q); c.selected[p] && obj != "" && obj != id {
					g.Edges = append(g.Edges, Edge{Source: id, Target: obj, Predicate: predicateName(p), Evidence: store.IDOf(q.Label)})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	g.Edges = compactEdges(g.Edges)
	measures, err := c.measures(ctx, ids, g.Edges)
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		g.Nodes = append(g.Nodes, nodeOf(n, measures[n.ID].SectionID))
	}
	setEvidenceText(g.Edges, measures)
	return g, nil
}

// whole collects the whole graph.
func (c *collector) whole(ctx context.Context) (*Graph, error) {
	g := &Graph{Nodes: []Node{}, Edges: []Edge{}, Quads: []quad.Quad{}}
	in := map[string]bool{}
	add := func(n store.Node, sectionID string) {
		if c.keepKind(n.Kind) && !in[n.ID] {
			in[n.ID] = true
			g.Nodes = append(g.Nodes, nodeOf(n, sectionID))
		}
	}
	plans, err := c.st.Plans(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	measures := map[string]store.Measure{}
	for _, p := range plans {
		add(p, "")
		secs, err := c.st.Sections(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		for _, s := range secs {
			add(s.Node, "")
		}
		ms, err := c.st.PlanMeasures(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		for _, m := range ms {
			measures[m.ID] = m
			add(m.Node, m.SectionID)
		}
	}
	entities, err := c.st.Entities(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for _, e := range entities {
		add(e, "")
	}

	edges, err := c.st.Scan(ctx, c.preds...)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for _, e := range edges {
		if in[e.Subject] && in[e.ObjectID] && e.Subject != e.ObjectID {
			g.Edges = append(g.Edges, Edge{Source: e.Subject, Target: e.ObjectID, Predicate: predicateName(e.Predicate), Evidence: e.Evidence})
		}
	}
	g.Edges = compactEdges(g.Edges)
	setEvidenceText(g.Edges, measures)

	all, err := c.st.Quads(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if len(c.sel.Kinds) == 0 && len(c.sel.Predicates) == 0 {
		g.Quads = all
		return g, nil
	}
	for _, q := range all {
		if in[store.IDOf(q.Subject)] && c.keepQuad(q, in) {
			g.Quads = append(g.Quads, q)
		}
	}
	return g, nil
}

// measures reads the measures among ids and among the edges' evidence, by
// id: for a measure node's section and an edge's evidence text.
func (c *collector) measures(ctx context.Context, ids []string, edges []Edge) (map[string]store.Measure, error) {
	var want []string
	for _, id := range ids {
		if k, _ := schema.KindOfID(id); k == schema.KindMeasure {
			want = append(want, id)
		}
	}
	for _, e := range edges {
		if k, _ := schema.KindOfID(e.Evidence); k == schema.KindMeasure {
			want = append(want, e.Evidence)
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	ms, err := c.st.MeasuresByID(ctx, want)
	if err != nil {
		return nil, fmt.Errorf("export: read measures: %w", err)
	}
	out := make(map[string]store.Measure, len(ms))
	for _, m := range ms {
		if m.ID != "" {
			out[m.ID] = m
		}
	}
	return out, nil
}

// keepQuad reports whether a quad of a node of the subgraph in belongs
// to the RDF of the subgraph (see Collect).
func (c *collector) keepQuad(q quad.Quad, in map[string]bool) bool {
	switch o := q.Object.(type) {
	case quad.BNode:
		return false
	case quad.IRI:
		id, ok := schema.ID(o)
		if !ok {
			return true
		}
		p, _ := q.Predicate.(quad.IRI)
		return in[id] && (c.selected[p] || !c.edgePreds[p])
	}
	return q.Object != nil
}

// subjectQuads returns the quads whose subject is node id.
func subjectQuads(ctx context.Context, qs graph.QuadStore, id string) ([]quad.Quad, error) {
	ref, err := qs.ValueOf(schema.IRI(id))
	if err != nil || ref == nil {
		return nil, err
	}
	it := qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, it.Err()
}

// nodeOf returns the export node of a store node; sectionID is a
// measure's section.
func nodeOf(n store.Node, sectionID string) Node {
	out := Node{ID: n.ID, Kind: string(n.Kind)}
	switch n.Kind {
	case schema.KindSection:
		out.Section = n.String(schema.Number)
		out.LabelZH = strings.TrimSpace(out.Section + " " + cmp.Or(n.Label("zh"), n.Label("")))
		if en := n.Label("en"); en != "" {
			out.LabelEN = strings.TrimSpace(out.Section + " " + en)
		}
	case schema.KindMeasure:
		out.Text = n.String(schema.Text)
		out.LabelZH = truncateRunes(out.Text, labelMaxRunes)
		out.Commitment = n.String(schema.Commitment)
		out.Section = sectionNumber(sectionID)
	default:
		out.LabelZH = cmp.Or(n.Label("zh"), n.Label(""))
		out.LabelEN = n.Label("en")
	}
	return out
}

// sectionNumber returns the number of a section from its id
// ("section:lmc-2023-2027/4.2.1" → "4.2.1"; see schema.SectionID).
func sectionNumber(id string) string {
	_, rest, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	_, n, _ := strings.Cut(rest, "/")
	return n
}

// truncateRunes cuts s to at most n runes, the last one an ellipsis.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// predicateName returns the short name of an edge predicate.
func predicateName(p quad.IRI) string {
	if n := schema.RelationName(p); n != "" {
		return n
	}
	switch p {
	case analysis.PartOf:
		return "partOf"
	case analysis.InPillar:
		return "inPillar"
	case analysis.InPriorityArea:
		return "inPriorityArea"
	}
	return string(p)
}

// objectID returns the readable id of a quad's object when it is a
// plangraph node, and "" otherwise.
func objectID(q quad.Quad) string {
	if o, ok := q.Object.(quad.IRI); ok {
		if id, ok := schema.ID(o); ok {
			return id
		}
	}
	return ""
}

// compactEdges sorts edges and drops duplicates.
func compactEdges(edges []Edge) []Edge {
	g := Graph{Edges: edges}
	g.Sort()
	return slices.Compact(g.Edges)
}

// setEvidenceText fills in the sentences of the evidence measures.
func setEvidenceText(edges []Edge, measures map[string]store.Measure) {
	for i := range edges {
		edges[i].EvidenceText = measures[edges[i].Evidence].Text
	}
}

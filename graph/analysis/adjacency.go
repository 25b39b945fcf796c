package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// The graph neighborhood and paths walk: the plan, its sections and
// measures and the catalog entities are its nodes; the quads of
// EdgePredicates between two of them are its edges, followed both ways.
// Mentions are no nodes of it (pg:mentions, measure → entity, stands for
// them), nor are literals (pg:convenesEvery is no edge).

// traversalKinds are the kinds of the nodes the walks visit.
var traversalKinds = append([]schema.Kind{schema.KindPlan, schema.KindSection, schema.KindMeasure}, schema.EntityKinds...)

// traversalPrefixes maps the id prefix of each traversal kind to it.
var traversalPrefixes = func() map[string]schema.Kind {
	m := make(map[string]schema.Kind, len(traversalKinds))
	for _, k := range traversalKinds {
		m[schema.IDPrefix(k)] = k
	}
	return m
}()

// isTraversalKind reports whether nodes of kind k are walked.
func isTraversalKind(k schema.Kind) bool { return slices.Contains(traversalKinds, k) }

// traversalKind returns the kind of a node of the walk from its readable
// id, and false when the id names no such node: a mention, the catalog, a
// literal (""), an IRI outside schema.NodeBase (which store ids keep
// whole, "https://…") or a blank node ("_:b").
func traversalKind(id string) (schema.Kind, bool) {
	prefix, rest, ok := strings.Cut(id, ":")
	if !ok || rest == "" || strings.HasPrefix(rest, "//") {
		return "", false
	}
	k, ok := traversalPrefixes[prefix]
	return k, ok
}

// walkPredicates checks a query's predicates: each must be one of
// EdgePredicates. It returns them sorted without duplicates, or every
// EdgePredicate when none are given.
func walkPredicates(op string, preds []quad.IRI) ([]quad.IRI, error) {
	all := EdgePredicates()
	if len(preds) == 0 {
		return all, nil
	}
	out := slices.Clone(preds)
	for _, p := range out {
		if !slices.Contains(all, p) {
			return nil, fmt.Errorf("%w: %s: %v is not an edge predicate", ErrInvalid, op, p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// hop is one edge seen from one of its ends.
type hop struct {
	// to is the node at the other end.
	to        string
	rank      int // hopRank(predicate)
	predicate quad.IRI
	// forward is true when the node seen from is the quad's subject.
	forward  bool
	evidence string
}

// Hop ranks: among parallel or otherwise equal choices, a relation that a
// measure or the catalog states explains a link better than a mention, and
// a mention better than the document's structure.
const (
	rankRelation = iota
	rankMention
	rankStructure
)

func hopRank(p quad.IRI) int {
	switch {
	case p == schema.Mentions:
		return rankMention
	case schema.RelationName(p) != "":
		return rankRelation
	}
	return rankStructure
}

// compareHops orders the hops of one node: by rank, then the node at the
// other end, predicate, direction (forward first) and evidence.
func compareHops(a, b hop) int {
	return cmp.Or(cmp.Compare(a.rank, b.rank),
		cmp.Compare(a.to, b.to), cmp.Compare(a.predicate, b.predicate),
		-compareBool(a.forward, b.forward), cmp.Compare(a.evidence, b.evidence))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// adjacent is what a walk knows of one node it expanded.
type adjacent struct {
	// found is false for an id that names no node.
	found bool
	// hops are the edges both ways to other walk nodes, sorted by
	// compareHops.
	hops []hop
}

// adjacency reads the edges of nodes for one query, each node's once, a
// batch of nodes per store call.
type adjacency struct {
	st    *store.Store
	preds []quad.IRI
	nodes map[string]*adjacent
}

func newAdjacency(st *store.Store, preds []quad.IRI) *adjacency {
	return &adjacency{st: st, preds: preds, nodes: make(map[string]*adjacent)}
}

// get returns what is known of id, nil when it was not expanded yet or
// names no node.
func (a *adjacency) get(id string) *adjacent {
	if n := a.nodes[id]; n != nil && n.found {
		return n
	}
	return nil
}

// hops returns the hops of an expanded node, none for an unknown one.
func (a *adjacency) hops(id string) []hop {
	if n := a.get(id); n != nil {
		return n.hops
	}
	return nil
}

// expand reads the outgoing and incoming edges of the ids not expanded
// yet. Unknown ids are remembered as such (get returns nil for them).
func (a *adjacency) expand(ctx context.Context, ids []string) error {
	var todo []string
	for _, id := range ids {
		if _, done := a.nodes[id]; !done {
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	got, err := a.st.OutInMany(ctx, todo, a.preds...)
	if err != nil {
		return err
	}
	for i, id := range todo {
		n := &adjacent{found: got[i].Found}
		a.nodes[id] = n
		if !n.found {
			continue
		}
		for _, e := range walkEdges(got[i].Out, func(e store.Edge) string { return e.ObjectID }) {
			n.hops = append(n.hops, hop{to: e.ObjectID, rank: hopRank(e.Predicate), predicate: e.Predicate, forward: true, evidence: e.Evidence})
		}
		for _, e := range walkEdges(got[i].In, func(e store.Edge) string { return e.Subject }) {
			n.hops = append(n.hops, hop{to: e.Subject, rank: hopRank(e.Predicate), predicate: e.Predicate, evidence: e.Evidence})
		}
		slices.SortFunc(n.hops, compareHops)
	}
	return nil
}

// readNodes reads the nodes of ids whole, with their outgoing edges
// (again, for the expanded ones: their properties are needed too).
func (a *adjacency) readNodes(ctx context.Context, ids []string) ([]store.NodeEdges, error) {
	got, err := a.st.NodesWithOut(ctx, ids, a.preds...)
	if err != nil {
		return nil, err
	}
	for i := range got {
		got[i].Out = walkEdges(got[i].Out, func(e store.Edge) string { return e.ObjectID })
	}
	return got, nil
}

// walkEdges keeps the edges whose other end (as other reads it) is a node
// of the walk, and drops loops.
func walkEdges(edges []store.Edge, other func(store.Edge) string) []store.Edge {
	out := edges[:0:0]
	for _, e := range edges {
		if _, ok := traversalKind(other(e)); ok && e.Subject != e.ObjectID {
			out = append(out, e)
		}
	}
	return out
}

// walkStart expands the nodes a walk starts (or ends) at: an error
// matching store.ErrNotFound for an id that names no node, wrapping
// ErrInvalid for one that is no node of the walk (a mention, the catalog).
func walkStart(ctx context.Context, adj *adjacency, op string, ids ...string) error {
	if err := adj.expand(ctx, ids); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	for _, id := range ids {
		if adj.get(id) == nil {
			return fmt.Errorf("%s: %w", op, &store.NotFoundError{Kind: "node", ID: id})
		}
		if _, ok := traversalKind(id); !ok {
			k, _ := schema.KindOfID(id)
			return fmt.Errorf("%w: %s: %q is a %s, not a node of the graph it walks", ErrInvalid, op, id, cmp.Or(string(k), "node of no kind"))
		}
	}
	return nil
}

// nodeLabel is what a subgraph shows for node id of kind k: an entity's or
// the plan's zh name, a section's number and title, the start of a
// measure's text; the id when there is nothing else.
func nodeLabel(id string, k schema.Kind, n store.Node) string {
	name := cmp.Or(n.Label("zh"), n.Label("en"), n.Label(""))
	switch k {
	case schema.KindSection:
		if l := strings.TrimSpace(n.String(schema.Number) + " " + name); l != "" {
			return l
		}
	case schema.KindMeasure:
		if text := n.String(schema.Text); text != "" {
			return truncateRunes(text, labelMaxRunes)
		}
	}
	return cmp.Or(name, id)
}

// labelMaxRunes is how much of a measure's text a label shows.
const labelMaxRunes = 60

// truncateRunes cuts s to at most n runes, the last one an ellipsis.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

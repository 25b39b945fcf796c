package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Node is any node of the graph with its literal-valued properties.
type Node struct {
	// ID is the node's readable id, as "country:KH".
	ID string
	// Kind is the node's kind, from its rdf:type.
	Kind schema.Kind
	// Labels maps a language tag ("zh", "en") to the node's rdfs:label in
	// that language; a label without a tag is under "". Where a node has
	// several labels in one language the smallest is kept.
	Labels map[string]string
	// AltLabels are the node's skos:altLabel values, sorted, without
	// duplicates.
	AltLabels []string
	// Props holds every other literal-valued property (number, order,
	// text, start, end, action, commitment, truncated, isoCode,
	// abbreviation, status, surface …), each predicate's values sorted
	// (numbers by value, the rest by their N-Quads form) without duplicates.
	Props map[quad.IRI][]quad.Value
}

// Label returns the node's label in language lang ("" for the untagged
// one), or "" when it has none.
func (n Node) Label(lang string) string { return n.Labels[lang] }

// Int returns the first integer value of property p.
func (n Node) Int(p quad.IRI) (int, bool) {
	for _, v := range n.Props[p] {
		if i, ok := intOf(v); ok {
			return i, true
		}
	}
	return 0, false
}

// String returns the first value of property p as text: a string without
// its language tag or type, a number in decimal; "" when p is not set.
func (n Node) String(p quad.IRI) string {
	if vs := n.Props[p]; len(vs) > 0 {
		return textOf(vs[0])
	}
	return ""
}

// Bool reports whether property p holds the boolean true.
func (n Node) Bool(p quad.IRI) bool {
	for _, v := range n.Props[p] {
		switch v := v.(type) {
		case quad.Bool:
			if v {
				return true
			}
		case quad.TypedString:
			if b, err := strconv.ParseBool(string(v.Value)); err == nil && b {
				return true
			}
		}
	}
	return false
}

// title is a node's zh label, or else its first label by language tag.
func (n Node) title() string {
	if t := n.Labels["zh"]; t != "" {
		return t
	}
	langs := make([]string, 0, len(n.Labels))
	for l := range n.Labels {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		if t := n.Labels[l]; t != "" {
			return t
		}
	}
	return ""
}

// Edge is one quad seen from one of its ends.
type Edge struct {
	// Subject is the readable id of the quad's subject.
	Subject string
	// Predicate is the quad's predicate.
	Predicate quad.IRI
	// Object is the quad's object as stored.
	Object quad.Value
	// ObjectID is the readable id of the object, or "" when it is a literal.
	ObjectID string
	// Evidence is the readable id of the quad's label: the measure that
	// states the edge, the plan for the document's structure, or the
	// catalog.
	Evidence string
}

// record is the quads of one subject, read with one index look-up.
type record struct {
	node  Node
	quads map[quad.IRI][]quad.Quad
}

// read returns the record of id, or a NotFoundError of kind what when id is
// the subject of no quad.
func (s *Store) read(ctx context.Context, what, id string) (*record, error) {
	if isMetaID(id) {
		return nil, &NotFoundError{Kind: what, ID: id}
	}
	qs, err := s.quadsWith(ctx, quad.Subject, schema.IRI(id), nil)
	if err != nil {
		return nil, fmt.Errorf("store: read %s %q: %w", what, id, err)
	}
	if len(qs) == 0 {
		return nil, &NotFoundError{Kind: what, ID: id}
	}
	return newRecord(id, qs), nil
}

// readKind is read for a node that must be of kind k.
func (s *Store) readKind(ctx context.Context, k schema.Kind, id string) (*record, error) {
	what := strings.ToLower(string(k))
	r, err := s.read(ctx, what, id)
	if err != nil {
		return nil, err
	}
	if r.node.Kind != k {
		return nil, &NotFoundError{Kind: what, ID: id}
	}
	return r, nil
}

func newRecord(id string, qs []quad.Quad) *record {
	sortQuads(qs)
	r := &record{quads: make(map[quad.IRI][]quad.Quad)}
	n := Node{ID: id, Labels: make(map[string]string), Props: make(map[quad.IRI][]quad.Value)}
	for _, q := range qs {
		p, ok := q.Predicate.(quad.IRI)
		if !ok {
			continue
		}
		r.quads[p] = append(r.quads[p], q)
		switch p {
		case schema.Type:
			if c, ok := q.Object.(quad.IRI); ok && n.Kind == "" {
				if k, ok := schema.KindOfClass(c); ok {
					n.Kind = k
				}
			}
		case schema.Label:
			lang := ""
			if ls, ok := q.Object.(quad.LangString); ok {
				lang = ls.Lang
			}
			if t, seen := n.Labels[lang]; !seen || textOf(q.Object) < t {
				n.Labels[lang] = textOf(q.Object)
			}
		case schema.AltLabel:
			n.AltLabels = append(n.AltLabels, textOf(q.Object))
		default:
			if !isIdentifier(q.Object) {
				n.Props[p] = append(n.Props[p], q.Object)
			}
		}
	}
	slices.Sort(n.AltLabels)
	n.AltLabels = slices.Compact(n.AltLabels)
	for p, vs := range n.Props {
		slices.SortFunc(vs, compareValues)
		n.Props[p] = slices.CompactFunc(vs, func(a, b quad.Value) bool { return quad.StringOf(a) == quad.StringOf(b) })
	}
	r.node = n
	return r
}

// link returns the id of the first node that predicate p points to.
func (r *record) link(p quad.IRI) string {
	for _, q := range r.quads[p] {
		if id := idOf(q.Object); id != "" {
			return id
		}
	}
	return ""
}

// links returns the sorted ids of the nodes that predicate p points to.
func (r *record) links(p quad.IRI) []string {
	var ids []string
	for _, q := range r.quads[p] {
		if id := idOf(q.Object); id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// evidence returns the readable id of the label of the first quad of
// predicate p.
func (r *record) evidence(p quad.IRI) string {
	for _, q := range r.quads[p] {
		if id := idOf(q.Label); id != "" {
			return id
		}
	}
	return ""
}

// Node returns the node with readable id id, of any kind.
func (s *Store) Node(ctx context.Context, id string) (Node, error) {
	if err := s.rlock("node"); err != nil {
		return Node{}, err
	}
	defer s.mu.RUnlock()
	r, err := s.read(ctx, "node", id)
	if err != nil {
		return Node{}, err
	}
	return r.node, nil
}

// Nodes returns the nodes with the given ids, for a dataloader: nodes[i]
// is the node of ids[i], or the zero Node (ID "") when there is none. errs
// is nil when every node was found; otherwise it has one entry per id,
// nil for the nodes found, an error matching ErrNotFound for the unknown
// ids, and the same error for every id when the read failed. An id asked
// for twice is read once.
func (s *Store) Nodes(ctx context.Context, ids []string) (nodes []Node, errs []error) {
	nodes = make([]Node, len(ids))
	fail := func(err error) []error {
		errs := make([]error, len(ids))
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	if err := s.rlock("nodes"); err != nil {
		return nodes, fail(err)
	}
	defer s.mu.RUnlock()
	read := make(map[string]*record, len(ids))
	for i, id := range ids {
		r, done := read[id]
		if !done {
			var err error
			r, err = s.read(ctx, "node", id)
			if err != nil && !isNotFound(err) {
				return make([]Node, len(ids)), fail(err)
			}
			read[id] = r
		}
		if r == nil {
			if errs == nil {
				errs = make([]error, len(ids))
			}
			errs[i] = &NotFoundError{Kind: "node", ID: id}
			continue
		}
		nodes[i] = r.node
	}
	return nodes, errs
}

// Out returns the edges whose subject is id and whose predicate is one of
// preds. With no preds it returns every edge to another node except
// rdf:type, and the relations (schema.Relations) whose object is a literal,
// such as convenesEvery; literal properties stay in Node.Props. Edges are
// sorted by predicate, then object (its id, or for a literal its N-Quads
// form), then evidence.
func (s *Store) Out(ctx context.Context, id string, preds ...quad.IRI) ([]Edge, error) {
	if err := s.rlock("out"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	r, err := s.read(ctx, "node", id)
	if err != nil {
		return nil, err
	}
	return r.outEdges(preds), nil
}

// In returns the edges whose object is id and whose predicate is one of
// preds, or any predicate but rdf:type when preds is empty, sorted by
// predicate, then subject id, then evidence.
func (s *Store) In(ctx context.Context, id string, preds ...quad.IRI) ([]Edge, error) {
	if err := s.rlock("in"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	if _, err := s.read(ctx, "node", id); err != nil {
		return nil, err
	}
	keep, err := s.predicateFilter(preds)
	if err != nil {
		return nil, fmt.Errorf("store: in %q: %w", id, err)
	}
	qs, err := s.quadsWith(ctx, quad.Object, schema.IRI(id), keep)
	if err != nil {
		return nil, fmt.Errorf("store: in %q: %w", id, err)
	}
	edges := make([]Edge, 0, len(qs))
	for _, q := range qs {
		edges = append(edges, edgeOf(q))
	}
	sortEdges(edges, func(e Edge) string { return e.Subject })
	return edges, nil
}

// predicateFilter keeps quads of preds, or of any predicate but rdf:type.
func (s *Store) predicateFilter(preds []quad.IRI) (refFilter, error) {
	if len(preds) == 0 {
		keys, err := s.keysOf(schema.Type)
		return s.dirIn(quad.Predicate, keys, true), err
	}
	vals := make([]quad.Value, len(preds))
	for i, p := range preds {
		vals[i] = p
	}
	keys, err := s.keysOf(vals...)
	return s.dirIn(quad.Predicate, keys, false), err
}

func edgePredicate(p quad.IRI, preds []quad.IRI) bool {
	if len(preds) == 0 {
		return p != schema.Type
	}
	return slices.Contains(preds, p)
}

func edgeOf(q quad.Quad) Edge {
	p, _ := q.Predicate.(quad.IRI)
	return Edge{Subject: idOf(q.Subject), Predicate: p, Object: q.Object, ObjectID: idOf(q.Object), Evidence: idOf(q.Label)}
}

func sortEdges(edges []Edge, other func(Edge) string) {
	slices.SortFunc(edges, func(a, b Edge) int {
		if c := cmp.Compare(a.Predicate, b.Predicate); c != 0 {
			return c
		}
		if c := cmp.Compare(other(a), other(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.Evidence, b.Evidence)
	})
}

// IDOf returns the readable id of a node value: schema.ID for plangraph
// IRIs, the IRI itself for others, "_:name" for a blank node, and "" for a
// literal or nil.
func IDOf(v quad.Value) string { return idOf(v) }

// idOf returns the readable id of a node value: schema.ID for plangraph
// IRIs, the IRI itself for others, "_:name" for a blank node, and "" for a
// literal or nil.
func idOf(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		if id, ok := schema.ID(v); ok {
			return id
		}
		return string(v)
	case quad.BNode:
		return v.String()
	}
	return ""
}

// textOf returns a value as plain text.
func textOf(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return string(v)
	case quad.Int:
		return strconv.FormatInt(int64(v), 10)
	case quad.Float:
		return strconv.FormatFloat(float64(v), 'g', -1, 64)
	case quad.Bool:
		return strconv.FormatBool(bool(v))
	case quad.Time:
		return time.Time(v).Format(time.RFC3339Nano)
	}
	return v.String()
}

func intOf(v quad.Value) (int, bool) {
	switch v := v.(type) {
	case quad.Int:
		return int(v), true
	case quad.TypedString:
		if i, err := strconv.Atoi(string(v.Value)); err == nil {
			return i, true
		}
	}
	return 0, false
}

// compareValues orders numbers by value and everything else by N-Quads
// form.
func compareValues(a, b quad.Value) int {
	if x, ok := a.(quad.Int); ok {
		if y, ok := b.(quad.Int); ok {
			return cmp.Compare(x, y)
		}
	}
	if x, ok := a.(quad.Float); ok {
		if y, ok := b.(quad.Float); ok {
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(quad.StringOf(a), quad.StringOf(b))
}

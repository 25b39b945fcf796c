package storetest

import (
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// testEdgesMany checks OutInMany and NodesWithOut against Out, In and
// Node: for every subject of the fixture, an unknown id and a repeated
// one, with no predicates, the traversal predicates and a single one.
func testEdgesMany(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	qs, err := s.Quads(ctx)
	checkErr(t, "Quads", err, nil)
	var ids []string
	for _, q := range qs {
		if iri, ok := q.Subject.(quad.IRI); ok {
			if id, ok := schema.ID(iri); ok {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	ids = append(ids, "country:XX", PlanID)
	traversal := []quad.IRI{schema.IsPartOf, schema.Pillar, schema.PriorityArea}
	for _, r := range schema.Relations {
		traversal = append(traversal, r.IRI)
	}
	for _, tc := range []struct {
		name  string
		preds []quad.IRI
	}{
		{"every predicate", nil},
		{"traversal predicates", traversal},
		{"one predicate", []quad.IRI{schema.Mentions}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			both, err := s.OutInMany(ctx, ids, tc.preds...)
			checkErr(t, "OutInMany", err, nil)
			nodes, err := s.NodesWithOut(ctx, ids, tc.preds...)
			checkErr(t, "NodesWithOut", err, nil)
			if len(both) != len(ids) || len(nodes) != len(ids) {
				t.Fatalf("OutInMany: %d answers, NodesWithOut: %d, for %d ids", len(both), len(nodes), len(ids))
			}
			for i, id := range ids {
				node, nerr := s.Node(ctx, id)
				out, oerr := s.Out(ctx, id, tc.preds...)
				in, ierr := s.In(ctx, id, tc.preds...)
				if nerr != nil {
					checkErr(t, "Node "+id, nerr, store.ErrNotFound)
					checkErr(t, "Out "+id, oerr, store.ErrNotFound)
					checkErr(t, "In "+id, ierr, store.ErrNotFound)
					check(t, "OutInMany "+id+" (unknown)", both[i], store.NodeEdges{})
					check(t, "NodesWithOut "+id+" (unknown)", nodes[i], store.NodeEdges{})
					continue
				}
				check(t, "OutInMany "+id, both[i], store.NodeEdges{Found: true, Out: out, In: in})
				check(t, "NodesWithOut "+id, nodes[i], store.NodeEdges{Found: true, Node: node, Out: out})
			}
		})
	}
	got, err := s.OutInMany(ctx, []string{"mechanism:som"}, schema.ReportsTo, schema.IsPartOf)
	checkErr(t, "OutInMany som", err, nil)
	check(t, "OutInMany som out", got[0].Out, []store.Edge{
		edge("mechanism:som", schema.IsPartOf, "mechanism:fmm", CatalogID),
		edge("mechanism:som", schema.ReportsTo, "mechanism:leaders-meeting", schema.MeasureID(Slug, "2", 1)),
	})
	check(t, "OutInMany som in", got[0].In, []store.Edge{})
	got, err = s.OutInMany(ctx, nil)
	checkErr(t, "OutInMany of no ids", err, nil)
	check(t, "OutInMany of no ids", len(got), 0)

	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_, err = s.OutInMany(ctx, []string{PlanID})
	checkErr(t, "OutInMany after Close", err, store.ErrClosed)
	_, err = s.NodesWithOut(ctx, []string{PlanID})
	checkErr(t, "NodesWithOut after Close", err, store.ErrClosed)
}

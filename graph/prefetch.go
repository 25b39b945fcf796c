package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"plangraph/graph/model"
	"plangraph/schema"
)

// prefetchMeasures looks ahead at the fields a query asks of a page of
// measures and reads what they need for the whole page at once: their
// mentions, the relations they state and the entities both point to. The
// dataloaders would batch these too, but only within their wait window;
// priming makes a page cost the same few store calls however it is
// scheduled.
func prefetchMeasures(ctx context.Context, st Reader, ms []*model.Measure) error {
	if len(ms) == 0 || graphql.GetFieldContext(ctx) == nil {
		return nil
	}
	fields := measureFields(ctx)
	mentions, relations := fields["mentions"], fields["relations"]
	if mentions == nil && relations == nil {
		return nil
	}
	l := loadersFrom(ctx)
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID()
	}
	var nodeIDs []string
	if mentions != nil {
		found, err := st.MentionsInMany(ctx, ids)
		if err != nil {
			return err
		}
		for i, id := range ids {
			l.mentionsIn.Prime(id, found[i])
			if asks(ctx, mentions, "entity") {
				for _, mn := range found[i] {
					nodeIDs = append(nodeIDs, mn.EntityID)
				}
			}
		}
	}
	if relations != nil {
		found, err := st.RelationsByEvidence(ctx, ids)
		if err != nil {
			return err
		}
		for i, id := range ids {
			l.statedBy.Prime(id, found[i])
			for _, r := range found[i] {
				for _, end := range []string{r.SubjectID, r.ObjectID} {
					if k, _ := schema.KindOfID(end); k.IsEntity() || k == schema.KindPlan {
						nodeIDs = append(nodeIDs, end)
					}
				}
			}
		}
	}
	slices.Sort(nodeIDs)
	nodeIDs = slices.Compact(nodeIDs)
	if len(nodeIDs) == 0 {
		return nil
	}
	nodes, errs := st.Nodes(ctx, nodeIDs)
	for i, id := range nodeIDs {
		if errs == nil || errs[i] == nil {
			l.nodes.Prime(id, nodes[i])
		}
	}
	return nil
}

// measureFields returns the fields selected on the measures of the
// connection being resolved (under nodes and under edges.node).
func measureFields(ctx context.Context) map[string]*graphql.CollectedField {
	out := map[string]*graphql.CollectedField{}
	opCtx := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		var sets []ast.SelectionSet
		switch f.Name {
		case "nodes":
			sets = append(sets, f.Selections)
		case "edges":
			for _, e := range graphql.CollectFields(opCtx, f.Selections, nil) {
				if e.Name == "node" {
					sets = append(sets, e.Selections)
				}
			}
		}
		for _, set := range sets {
			for _, mf := range graphql.CollectFields(opCtx, set, []string{"Measure"}) {
				mf := mf
				out[mf.Name] = &mf
			}
		}
	}
	return out
}

// asks reports whether a collected field selects a sub-field.
func asks(ctx context.Context, f *graphql.CollectedField, name string) bool {
	for _, sub := range graphql.CollectFields(graphql.GetOperationContext(ctx), f.Selections, nil) {
		if sub.Name == name {
			return true
		}
	}
	return false
}

package graph

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/graph/model"
	"plangraph/graph/store"
	"plangraph/loader"
	"plangraph/schema"
)

// The lookups below go through the operation's dataloaders. Sections and
// measures are read a plan at a time: one read serves every section or
// measure of the plan an operation touches.

// planOfID returns the plan a section, measure or mention id belongs to.
func planOfID(id string) string { return store.PlanOf(id) }

func notFound(kind, id string) error { return &store.NotFoundError{Kind: kind, ID: id} }

// planSections returns every section of a plan in reading order.
func planSections(ctx context.Context, planID string) ([]store.Section, error) {
	return loadersFrom(ctx).planSections.Load(ctx, planID)
}

// sectionByID returns a section.
func sectionByID(ctx context.Context, id string) (*model.Section, error) {
	if k, _ := schema.KindOfID(id); k != schema.KindSection {
		return nil, notFound("section", id)
	}
	secs, err := planSections(ctx, planOfID(id))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, notFound("section", id)
		}
		return nil, err
	}
	for _, s := range secs {
		if s.ID == id {
			return &model.Section{S: s}, nil
		}
	}
	return nil, notFound("section", id)
}

// planMeasures returns every measure of a plan in reading order.
func planMeasures(ctx context.Context, planID string) ([]store.Measure, error) {
	return loadersFrom(ctx).planMeasures.Load(ctx, planID)
}

// measureAt returns the index of a measure in its plan's reading order.
func measureAt(ctx context.Context, id string) ([]store.Measure, int, error) {
	if k, _ := schema.KindOfID(id); k != schema.KindMeasure {
		return nil, -1, notFound("measure", id)
	}
	ms, err := planMeasures(ctx, planOfID(id))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, -1, notFound("measure", id)
		}
		return nil, -1, err
	}
	for i, m := range ms {
		if m.ID == id {
			return ms, i, nil
		}
	}
	return nil, -1, notFound("measure", id)
}

// measureByID returns a measure.
func measureByID(ctx context.Context, id string) (*model.Measure, error) {
	if k, _ := schema.KindOfID(id); k != schema.KindMeasure {
		return nil, notFound("measure", id)
	}
	m, err := loadersFrom(ctx).measures.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if m.ID == "" {
		return nil, notFound("measure", id)
	}
	return &model.Measure{M: m}, nil
}

// mentionByID returns a mention, read with the other mentions of its measure.
func mentionByID(ctx context.Context, id string) (*model.Mention, error) {
	_, rest, _ := strings.Cut(id, ":")
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return nil, notFound("mention", id)
	}
	ms, err := loadersFrom(ctx).mentionsIn.Load(ctx, "measure:"+rest[:i])
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.ID == id {
			return &model.Mention{M: m}, nil
		}
	}
	return nil, notFound("mention", id)
}

// entityByID returns a catalog entity.
func entityByID(ctx context.Context, id string) (model.Entity, error) {
	n, err := loadersFrom(ctx).nodes.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if e := model.NewEntity(n); e != nil {
		return e, nil
	}
	return nil, notFound("entity", id)
}

// nodeByID returns any node.
func nodeByID(ctx context.Context, id string) (model.Node, error) {
	k, _ := schema.KindOfID(id)
	switch k {
	case schema.KindSection:
		return sectionByID(ctx, id)
	case schema.KindMeasure:
		return measureByID(ctx, id)
	case schema.KindMention:
		return mentionByID(ctx, id)
	case schema.KindPlan:
		n, err := loadersFrom(ctx).nodes.Load(ctx, id)
		if err != nil {
			return nil, err
		}
		if n.Kind != schema.KindPlan {
			return nil, notFound("plan", id)
		}
		return &model.Plan{N: n}, nil
	}
	if k.IsEntity() {
		return entityByID(ctx, id)
	}
	return nil, notFound("node", id)
}

// relationsOf returns the relations of a node, filtered by predicate and
// direction.
func relationsOf(ctx context.Context, id string, preds []model.Predicate, dir *model.Direction) ([]*model.Relation, error) {
	rs, err := loadersFrom(ctx).relationsOf.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	want := make([]quad.IRI, 0, len(preds))
	for _, p := range preds {
		want = append(want, model.PredicateIRI(p))
	}
	d := model.DirectionBoth
	if dir != nil {
		d = *dir
	}
	var all []store.Relation
	if d != model.DirectionIn {
		all = append(all, rs.out...)
	}
	if d != model.DirectionOut {
		all = append(all, rs.in...)
	}
	out := []*model.Relation{}
	for _, r := range all {
		if len(want) == 0 && r.Predicate == schema.Mentions || len(want) > 0 && !slices.Contains(want, r.Predicate) {
			continue
		}
		out = append(out, &model.Relation{R: r})
	}
	return out, nil
}

// relationIDs returns the ids at the other end of a node's relations of
// one predicate: objects of outgoing ones (out) or subjects of incoming ones.
func relationIDs(ctx context.Context, id string, p model.Predicate, out bool) ([]string, error) {
	dir := model.DirectionIn
	if out {
		dir = model.DirectionOut
	}
	rs, err := relationsOf(ctx, id, []model.Predicate{p}, &dir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range rs {
		other := r.R.SubjectID
		if out {
			other = r.R.ObjectID
		}
		if other != "" && !slices.Contains(ids, other) {
			ids = append(ids, other)
		}
	}
	return ids, nil
}

// countries loads the countries among ids.
func countries(ctx context.Context, ids []string) ([]*model.Country, error) {
	out := []*model.Country{}
	for _, id := range ids {
		e, err := entityByID(ctx, id)
		if err != nil {
			return nil, err
		}
		if c, ok := e.(*model.Country); ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// mentionedIn returns the measures that name an entity, in reading order,
// within a section when one is given.
func mentionedIn(ctx context.Context, st Reader, entityID string, first *int, after *string, section *string) (*model.MeasureConnection, error) {
	mentions, err := loadersFrom(ctx).mentionsOf.Load(ctx, entityID)
	if err != nil {
		return nil, err
	}
	var ms []*model.Measure
	seen := map[string]bool{}
	for _, mn := range mentions {
		if seen[mn.MeasureID] {
			continue
		}
		seen[mn.MeasureID] = true
		m, err := measureByID(ctx, mn.MeasureID)
		if err != nil {
			return nil, err
		}
		if section != nil && *section != "" && !store.InSection(m.M.SectionID, *section) {
			continue
		}
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(a, b *model.Measure) int { return strings.Compare(measureKey(a), measureKey(b)) })
	return measureConnection(ctx, st, ms, first, after)
}

// sectionsNaming returns the sections of every plan whose titles name an
// entity as their pillar or priority area.
func sectionsNaming(ctx context.Context, r Reader, entityID string) ([]*model.Section, error) {
	plans, err := r.Plans(ctx)
	if err != nil {
		return nil, err
	}
	out := []*model.Section{}
	for _, p := range plans {
		secs, err := planSections(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range secs {
			if slices.Contains(s.PillarIDs, entityID) || slices.Contains(s.PriorityAreaIDs, entityID) {
				out = append(out, &model.Section{S: s})
			}
		}
	}
	return out, nil
}

// entityRank orders entities by kind as schema.EntityKinds lists them.
func entityRank(e model.Entity) int {
	k, _ := schema.KindOfID(e.EntityID())
	return slices.Index(schema.EntityKinds, k)
}

// matchesSearch reports whether any name or alias of n contains the
// folded search text.
func matchesSearch(n store.Node, search string) bool {
	q := loader.Fold(search)
	for _, v := range n.Labels {
		if strings.Contains(loader.Fold(v), q) {
			return true
		}
	}
	for _, a := range n.AltLabels {
		if strings.Contains(loader.Fold(a), q) {
			return true
		}
	}
	return strings.Contains(loader.Fold(n.String(schema.Abbreviation)), q)
}

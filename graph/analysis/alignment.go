package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"plangraph/graph/store"
)

// MaxAlignmentEntities bounds the entities of one alignment query.
const MaxAlignmentEntities = 20

// Alignment finds the items (measures or sections) that reference two or
// more of the entities, directly or through one relation, scores them,
// and counts every pair of entities.
func (a *Analyzer) Alignment(ctx context.Context, q AlignmentQuery) (Alignment, error) {
	entities, err := a.checkEntities(ctx, q.Entities, 2, MaxAlignmentEntities)
	if err != nil {
		return Alignment{}, fmt.Errorf("alignment: %w", err)
	}
	refs, err := a.references(ctx, entities, true)
	if err != nil {
		return Alignment{}, fmt.Errorf("alignment: %w", err)
	}
	ids := make([]string, 0, len(refs))
	for id := range refs {
		if q.Plan == "" || store.PlanOf(id) == q.Plan {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	measures, err := a.st.MeasuresByID(ctx, ids)
	if err != nil {
		return Alignment{}, fmt.Errorf("alignment: %w", err)
	}
	slices.SortFunc(measures, readingOrder)

	type group struct {
		id       string
		rank     []int // for reading order
		measures []store.Measure
	}
	var groups []*group
	if q.Scope == ScopeSection {
		bySection := map[string]*group{}
		for _, m := range measures {
			g := bySection[m.SectionID]
			if g == nil {
				g = &group{id: m.SectionID}
				bySection[m.SectionID] = g
				groups = append(groups, g)
			}
			g.measures = append(g.measures, m)
		}
	} else {
		for _, m := range measures {
			groups = append(groups, &group{id: m.ID, measures: []store.Measure{m}})
		}
	}

	out := Alignment{Entities: entities}
	for _, g := range groups {
		item := AlignmentItem{ID: g.id}
		for _, e := range entities {
			var ae *AlignedEntity
			for _, m := range g.measures {
				r, ok := refs[m.ID][e]
				if !ok {
					continue
				}
				if ae == nil {
					ae = &AlignedEntity{EntityID: e, Direct: r.direct, Via: r.via}
				} else if r.direct && !ae.Direct {
					ae.Direct, ae.Via, ae.Mentions = true, nil, nil
				}
				if r.direct == ae.Direct {
					ae.Mentions = append(ae.Mentions, r.mentions...)
				}
			}
			if ae != nil {
				item.Entities = append(item.Entities, *ae)
				if ae.Direct {
					item.Score += WeightDirect
				} else {
					item.Score += WeightIndirect
				}
			}
		}
		if len(item.Entities) < 2 {
			continue
		}
		for _, m := range g.measures {
			item.Evidence = append(item.Evidence, m.ID)
		}
		out.Items = append(out.Items, item)
	}
	// Stable: groups are in reading order already.
	slices.SortStableFunc(out.Items, func(x, y AlignmentItem) int { return cmp.Compare(y.Score, x.Score) })

	weight := func(item AlignmentItem, e string) (float64, bool) {
		for _, ae := range item.Entities {
			if ae.EntityID == e {
				if ae.Direct {
					return WeightDirect, true
				}
				return WeightIndirect, true
			}
		}
		return 0, false
	}
	for i := range entities {
		for j := i + 1; j < len(entities); j++ {
			p := AlignmentPair{A: entities[i], B: entities[j]}
			for _, item := range out.Items {
				wa, okA := weight(item, p.A)
				wb, okB := weight(item, p.B)
				if okA && okB {
					p.Count++
					p.Score += min(wa, wb)
					p.Items = append(p.Items, item.ID)
				}
			}
			out.Pairs = append(out.Pairs, p)
		}
	}
	slices.SortStableFunc(out.Pairs, func(x, y AlignmentPair) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Count, x.Count))
	})
	return out, nil
}

// readingOrder orders measures by plan, then position in the text.
func readingOrder(a, b store.Measure) int {
	return cmp.Or(cmp.Compare(store.PlanOf(a.ID), store.PlanOf(b.ID)), cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
}

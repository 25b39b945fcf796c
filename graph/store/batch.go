package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/loader"
	"plangraph/schema"
)

// Batch reads serve the GraphQL dataloaders: one call answers for many ids,
// under one read lock, so that a page of results costs a bounded number of
// store calls however many items it holds. out[i] always answers ids[i];
// unknown ids give empty answers, not errors.

// planOf returns the plan id that a section, measure or mention id belongs
// to: "measure:lmc-2023-2027/4.2.1/3" → "plan:lmc-2023-2027".
func planOf(id string) string {
	_, rest, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	slug, _, _ := strings.Cut(rest, "/")
	return schema.PlanID(slug)
}

// PlanOf returns the plan id that a section, measure or mention id belongs to.
func PlanOf(id string) string { return planOf(id) }

// MentionsInMany returns the mentions in each measure, each list sorted like
// MentionsIn. The lists of measures read before on the same graph come
// from the read cache.
func (s *Store) MentionsInMany(ctx context.Context, measureIDs []string) ([][]Mention, error) {
	if err := s.rlock("mentions"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out, err := cachedMany(ctx, s, "mentionsIn", measureIDs, func(id string) ([]Mention, error) {
		ms, err := s.mentionsVia(ctx, schema.InMeasure, id)
		if err != nil {
			return nil, fmt.Errorf("store: mentions in %q: %w", id, err)
		}
		slices.SortFunc(ms, compareMentions)
		return ms, nil
	}, nonEmpty)
	if err != nil {
		return nil, err
	}
	return cloneEach(out), nil
}

// MentionsOfMany returns the mentions of each entity in reading order: by
// plan, then by start offset. The lists of entities read before on the
// same graph come from the read cache.
func (s *Store) MentionsOfMany(ctx context.Context, entityIDs []string) ([][]Mention, error) {
	if err := s.rlock("mentions"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	out, err := s.mentionsOfMany(ctx, entityIDs)
	if err != nil {
		return nil, err
	}
	return cloneEach(out), nil
}

// mentionsOfMany is MentionsOfMany with the cache's lists, not copies.
func (s *Store) mentionsOfMany(ctx context.Context, entityIDs []string) ([][]Mention, error) {
	return cachedMany(ctx, s, "mentionsOf", entityIDs, func(id string) ([]Mention, error) {
		ms, err := s.mentionsVia(ctx, schema.Entity, id)
		if err != nil {
			return nil, fmt.Errorf("store: mentions of %q: %w", id, err)
		}
		slices.SortFunc(ms, func(a, b Mention) int {
			return cmp.Or(cmp.Compare(planOf(a.ID), planOf(b.ID)), compareMentions(a, b))
		})
		return ms, nil
	}, nonEmpty)
}

func nonEmpty[T any](s []T) bool { return len(s) > 0 }

// cloneEach copies each list, keeping nil lists nil.
func cloneEach[T any](lists [][]T) [][]T {
	for i, l := range lists {
		if l != nil {
			lists[i] = slices.Clone(l)
		}
	}
	return lists
}

// PlanMeasures returns every measure of a plan in reading order (by start
// offset in the plan's text). The list comes from the read cache when the
// graph has not changed since it was last read; the slice is the caller's,
// the maps and slices inside each Measure's Node are shared and must not
// be modified.
func (s *Store) PlanMeasures(ctx context.Context, planID string) ([]Measure, error) {
	if err := s.rlock("measures"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	ms, err := s.planMeasures(ctx, planID)
	if err != nil {
		return nil, err
	}
	return slices.Clone(ms), nil
}

// measureProps are the predicates a Measure is read from.
var measureProps = []quad.IRI{schema.IsPartOf, schema.Order, schema.Text, schema.Start, schema.End,
	schema.Action, schema.Commitment, schema.Truncated}

// planMeasures returns the measures of a plan from the read cache, or
// reads them; the slice is the cache's, not to be modified.
func (s *Store) planMeasures(ctx context.Context, planID string) ([]Measure, error) {
	return cached(ctx, s, cacheKey{op: "planMeasures", arg: planID}, func() ([]Measure, error) {
		return s.readPlanMeasures(ctx, planID)
	})
}

// readPlanMeasures reads every measure of a plan with one look-up per
// measure predicate (one scan on bolt) rather than one per measure: a plan
// has thousands of measures and a handful of predicates.
func (s *Store) readPlanMeasures(ctx context.Context, planID string) ([]Measure, error) {
	if _, err := s.readKind(ctx, schema.KindPlan, planID); err != nil {
		return nil, err
	}
	qs, err := s.scan(ctx, measureProps)
	if err != nil {
		return nil, fmt.Errorf("store: measures of %q: %w", planID, err)
	}
	_, slug, _ := strings.Cut(planID, ":")
	prefix := schema.IDPrefix(schema.KindMeasure) + ":" + slug + "/"
	bySubject := map[string][]quad.Quad{}
	for _, q := range qs {
		if id := idOf(q.Subject); strings.HasPrefix(id, prefix) {
			bySubject[id] = append(bySubject[id], q)
		}
	}
	out := make([]Measure, 0, len(bySubject))
	for id, qs := range bySubject {
		r := newRecord(id, qs)
		r.node.Kind = schema.KindMeasure
		out = append(out, measureOf(r))
	}
	slices.SortFunc(out, compareMeasures)
	return out, nil
}

// compareMeasures orders measures by reading position.
func compareMeasures(a, b Measure) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
}

// RelationsByEvidence returns, for each measure, the relations whose
// evidence it is, sorted like Relations. A relation's subject is the plan
// or an entity the measure mentions, so each measure costs one look-up per
// entity it names.
func (s *Store) RelationsByEvidence(ctx context.Context, measureIDs []string) ([][]Relation, error) {
	preds, _ := relationPredicates(RelationFilter{})
	vals := make([]quad.Value, len(preds))
	for i, p := range preds {
		vals[i] = p
	}
	if err := s.rlock("relations"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	keys, err := s.keysOf(vals...)
	if err != nil {
		return nil, fmt.Errorf("store: relations by evidence: %w", err)
	}
	out := make([][]Relation, len(measureIDs))
	for i, mid := range measureIDs {
		label, err := s.keysOf(schema.IRI(mid))
		if err != nil {
			return nil, fmt.Errorf("store: relations stated by %q: %w", mid, err)
		}
		if len(label) == 0 {
			continue
		}
		r, err := s.read(ctx, "measure", mid)
		if isNotFound(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		subjects := append(r.links(schema.Mentions), planOf(mid))
		keep := allOf(s.dirIn(quad.Predicate, keys, false), s.dirIn(quad.Label, label, false))
		var qs []quad.Quad
		for _, subj := range subjects {
			found, err := s.quadsWith(ctx, quad.Subject, schema.IRI(subj), keep)
			if err != nil {
				return nil, fmt.Errorf("store: relations stated by %q: %w", mid, err)
			}
			qs = append(qs, found...)
		}
		out[i] = relationsOf(qs)
	}
	return out, nil
}

// RelationsOfMany returns, for each id, the relations f selects that start
// at it (out) and that end at it (in). f.Subject and f.Object are ignored.
// Every relation at an id (mentions included) is read once per version of
// the graph and kept in the read cache; f picks from them.
func (s *Store) RelationsOfMany(ctx context.Context, ids []string, f RelationFilter) (out, in [][]Relation, err error) {
	preds, err := relationPredicates(f)
	if err != nil {
		return nil, nil, err
	}
	all, _ := relationPredicates(RelationFilter{IncludeMentions: true})
	if err := s.rlock("relations"); err != nil {
		return nil, nil, err
	}
	defer s.mu.RUnlock()
	at, err := cachedMany(ctx, s, "relationsAt", ids, func(id string) (relationsAt, error) {
		qs, err := s.relationQuads(ctx, RelationFilter{Subject: id}, all)
		if err != nil {
			return relationsAt{}, fmt.Errorf("store: relations of %q: %w", id, err)
		}
		r := relationsAt{out: relationsOf(qs)}
		qs, err = s.relationQuads(ctx, RelationFilter{Object: id}, all)
		if err != nil {
			return relationsAt{}, fmt.Errorf("store: relations of %q: %w", id, err)
		}
		r.in = relationsOf(qs)
		return r, nil
	}, func(r relationsAt) bool { return len(r.out)+len(r.in) > 0 })
	if err != nil {
		return nil, nil, err
	}
	wanted := make(map[quad.IRI]bool, len(preds))
	for _, p := range preds {
		wanted[p] = true
	}
	pick := func(rs []Relation) []Relation {
		out := make([]Relation, 0, len(rs))
		for _, r := range rs {
			if wanted[r.Predicate] {
				out = append(out, r)
			}
		}
		return out
	}
	out, in = make([][]Relation, len(ids)), make([][]Relation, len(ids))
	for i, r := range at {
		out[i], in[i] = pick(r.out), pick(r.in)
	}
	return out, in, nil
}

// relationsAt are the relations that start (out) and end (in) at one id.
type relationsAt struct{ out, in []Relation }

// MeasureFilter selects measures for FindMeasures; every condition given
// must hold.
type MeasureFilter struct {
	// Plan is the plan id; every plan when "".
	Plan string
	// SectionPrefix keeps measures in that section or below it ("4.2").
	SectionPrefix string
	// MentionsAny keeps measures naming at least one of these entities.
	MentionsAny []string
	// MentionsAll keeps measures naming every one of these entities.
	MentionsAll []string
	// Commitments keeps measures with one of these levels.
	Commitments []string
	// Actions keeps measures led by one of these verbs.
	Actions []string
	// TextContains keeps measures whose text contains it, compared after
	// case and width folding.
	TextContains string
}

// FindMeasures returns the measures a filter selects in reading order: by
// plan id, then position in the plan's text.
func (s *Store) FindMeasures(ctx context.Context, f MeasureFilter) ([]Measure, error) {
	if err := s.rlock("measures"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	plans := []string{f.Plan}
	if f.Plan == "" {
		nodes, err := s.ofKind(ctx, schema.KindPlan)
		if err != nil {
			return nil, fmt.Errorf("store: find measures: %w", err)
		}
		plans = plans[:0]
		for _, n := range nodes {
			plans = append(plans, n.ID)
		}
		slices.Sort(plans)
	}
	var any, all map[string]int
	var err error
	if len(f.MentionsAny) > 0 {
		if any, err = s.measuresNaming(ctx, f.MentionsAny); err != nil {
			return nil, err
		}
	}
	if len(f.MentionsAll) > 0 {
		if all, err = s.measuresNaming(ctx, f.MentionsAll); err != nil {
			return nil, err
		}
	}
	nAll := len(uniq(f.MentionsAll))
	needle := loader.Fold(f.TextContains)
	var out []Measure
	for _, p := range plans {
		ms, err := s.planMeasures(ctx, p)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			switch {
			case any != nil && any[m.ID] == 0,
				all != nil && all[m.ID] < nAll,
				len(f.Commitments) > 0 && !slices.Contains(f.Commitments, m.Commitment),
				len(f.Actions) > 0 && !slices.Contains(f.Actions, m.Action),
				f.SectionPrefix != "" && !InSection(m.SectionID, f.SectionPrefix),
				needle != "" && !strings.Contains(loader.Fold(m.Text), needle):
				continue
			}
			out = append(out, m)
		}
	}
	return out, nil
}

// measuresNaming counts, per measure id, how many of the entities it names.
func (s *Store) measuresNaming(ctx context.Context, entities []string) (map[string]int, error) {
	count := map[string]int{}
	ids := uniq(entities)
	lists, err := s.mentionsOfMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, ms := range lists {
		seen := map[string]bool{}
		for _, m := range ms {
			if !seen[m.MeasureID] {
				seen[m.MeasureID] = true
				count[m.MeasureID]++
			}
		}
	}
	return count, nil
}

// InSection reports whether a section id is the section numbered prefix or
// one below it: "4.2" holds 4.2 and 4.2.1, not 4.20.
func InSection(sectionID, prefix string) bool {
	_, rest, _ := strings.Cut(sectionID, "/")
	return rest == prefix || strings.HasPrefix(rest, prefix+".")
}

func uniq(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// relationsOf turns relation quads into sorted Relations.
func relationsOf(qs []quad.Quad) []Relation {
	out := make([]Relation, 0, len(qs))
	for _, q := range qs {
		p, _ := q.Predicate.(quad.IRI)
		r := Relation{SubjectID: idOf(q.Subject), Predicate: p, ObjectID: idOf(q.Object), EvidenceID: idOf(q.Label)}
		if r.ObjectID == "" {
			r.Literal = q.Object
		}
		out = append(out, r)
	}
	sortRelations(out)
	return out
}

// sortRelations orders relations by predicate (in schema.Relations order),
// subject, object and evidence.
func sortRelations(rs []Relation) {
	object := func(r Relation) string {
		if r.ObjectID != "" {
			return r.ObjectID
		}
		return quad.StringOf(r.Literal)
	}
	slices.SortFunc(rs, func(a, b Relation) int {
		return cmp.Or(cmp.Compare(relationRank[a.Predicate], relationRank[b.Predicate]),
			cmp.Compare(a.SubjectID, b.SubjectID), cmp.Compare(object(a), object(b)),
			cmp.Compare(a.EvidenceID, b.EvidenceID))
	})
}

// MeasuresByID returns the measures with the given ids: out[i] is the
// measure of ids[i], or the zero Measure (ID "") when there is none.
// Measures read before on the same graph come from the read cache; the
// maps and slices inside their Nodes are shared and must not be modified.
func (s *Store) MeasuresByID(ctx context.Context, ids []string) ([]Measure, error) {
	if err := s.rlock("measures"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	return cachedMany(ctx, s, "measure", ids, func(id string) (Measure, error) {
		r, err := s.readKind(ctx, schema.KindMeasure, id)
		if isNotFound(err) {
			return Measure{}, nil
		} else if err != nil {
			return Measure{}, err
		}
		return measureOf(r), nil
	}, func(m Measure) bool { return m.ID != "" })
}

package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Section is a numbered heading of a plan.
type Section struct {
	Node
	// Number is the heading's number as written ("4.2.1"; "1" for 一、).
	Number string
	// Title is the heading's title (its zh label).
	Title string
	// Order is the section's 1-based position in its plan, in reading order.
	Order int
	// ParentID is the id of the enclosing section, "" for a top-level one.
	ParentID string
	// PlanID is the id of the plan the section belongs to.
	PlanID string
	// Start and End are the rune span of the title in the plan's text.
	Start, End int
	// PillarIDs and PriorityAreaIDs are the pillars and priority areas the
	// title names, sorted.
	PillarIDs, PriorityAreaIDs []string
	// Truncated marks the section in which the source text stops.
	Truncated bool
}

// Measure is an actionable sentence of a section.
type Measure struct {
	Node
	// SectionID is the id of the section the measure belongs to.
	SectionID string
	// Order is the measure's 1-based position in its section.
	Order int
	// Text is the sentence.
	Text string
	// Action is the leading action verb (推进, 加强 …), or "".
	Action string
	// Commitment is the commitment level (schema.Commitment…).
	Commitment string
	// Start and End are the rune span of the sentence in the plan's text.
	Start, End int
	// Truncated marks the last, cut-off fragment of the text.
	Truncated bool
}

// Mention is one place where a measure names a catalog entity.
type Mention struct {
	// ID is the mention's id, as "mention:lmc-2023-2027/4.2.1/3/1".
	ID string
	// MeasureID and EntityID are the measure and the entity it names.
	MeasureID, EntityID string
	// Surface is the text as the plan writes it.
	Surface string
	// Start and End are the rune span of the surface in the plan's text.
	Start, End int
	// Order is the mention's 1-based position in its measure.
	Order int
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// Plans returns every plan, sorted by id.
func (s *Store) Plans(ctx context.Context) ([]Node, error) {
	if err := s.rlock("plans"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	nodes, err := s.ofKind(ctx, schema.KindPlan)
	if err != nil {
		return nil, fmt.Errorf("store: plans: %w", err)
	}
	return slices.Clone(nodes), nil
}

// ofKind returns the nodes of kind k sorted by id, from the read cache or
// read with readOfKind; the slice is the cache's, not to be modified.
func (s *Store) ofKind(ctx context.Context, k schema.Kind) ([]Node, error) {
	return cached(ctx, s, cacheKey{op: "ofKind", arg: string(k)}, func() ([]Node, error) {
		return s.readOfKind(ctx, k)
	})
}

// readOfKind reads the nodes of kind k sorted by id: one look-up of the
// kind's class, then one per node.
func (s *Store) readOfKind(ctx context.Context, k schema.Kind) ([]Node, error) {
	typ, err := s.keysOf(schema.Type)
	if err != nil {
		return nil, err
	}
	qs, err := s.quadsWith(ctx, quad.Object, k.Class(), s.dirIn(quad.Predicate, typ, false))
	if err != nil {
		return nil, err
	}
	var nodes []Node
	for _, id := range subjects(qs) {
		r, err := s.read(ctx, "node", id)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, r.node)
	}
	return nodes, nil
}

// subjects returns the sorted, distinct subject ids of quads.
func subjects(qs []quad.Quad) []string {
	ids := make([]string, 0, len(qs))
	for _, q := range qs {
		if id := idOf(q.Subject); id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Sections returns every section of a plan in reading order (pg:order,
// then number). The list comes from the read cache when the graph has not
// changed since it was last read; the slice is the caller's, the maps and
// slices inside each Section are shared and must not be modified.
func (s *Store) Sections(ctx context.Context, planID string) ([]Section, error) {
	if err := s.rlock("sections"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	secs, err := cached(ctx, s, cacheKey{op: "sections", arg: planID}, func() ([]Section, error) {
		return s.readSections(ctx, planID)
	})
	if err != nil {
		return nil, err
	}
	return slices.Clone(secs), nil
}

// readSections reads the sections of a plan: one look-up of the section
// class, then one per section.
func (s *Store) readSections(ctx context.Context, planID string) ([]Section, error) {
	if _, err := s.readKind(ctx, schema.KindPlan, planID); err != nil {
		return nil, err
	}
	// A section's rdf:type quad carries its plan as label (docs/graph.md),
	// so one look-up of the class finds the plan's sections.
	keys, err := s.keysOf(schema.Type)
	if err != nil {
		return nil, fmt.Errorf("store: sections of %q: %w", planID, err)
	}
	plan, err := s.keysOf(schema.IRI(planID))
	if err != nil {
		return nil, fmt.Errorf("store: sections of %q: %w", planID, err)
	}
	qs, err := s.quadsWith(ctx, quad.Object, schema.KindSection.Class(),
		allOf(s.dirIn(quad.Predicate, keys, false), s.dirIn(quad.Label, plan, false)))
	if err != nil {
		return nil, fmt.Errorf("store: sections of %q: %w", planID, err)
	}
	var out []Section
	for _, id := range subjects(qs) {
		r, err := s.readKind(ctx, schema.KindSection, id)
		if err != nil {
			return nil, err
		}
		out = append(out, sectionOf(r))
	}
	slices.SortFunc(out, func(a, b Section) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Number, b.Number), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Section returns the section of a plan with the given number ("4.2.1").
func (s *Store) Section(ctx context.Context, planID, number string) (Section, error) {
	if err := s.rlock("section"); err != nil {
		return Section{}, err
	}
	defer s.mu.RUnlock()
	slug, ok := strings.CutPrefix(planID, schema.IDPrefix(schema.KindPlan)+":")
	if !ok || slug == "" {
		return Section{}, &NotFoundError{Kind: "plan", ID: planID}
	}
	id := schema.SectionID(slug, number)
	r, err := s.readKind(ctx, schema.KindSection, id)
	if err != nil {
		return Section{}, err
	}
	sec := sectionOf(r)
	if sec.PlanID != planID {
		return Section{}, &NotFoundError{Kind: "section", ID: id}
	}
	return sec, nil
}

func sectionOf(r *record) Section {
	n := r.node
	sec := Section{
		Node:            n,
		Number:          n.String(schema.Number),
		Title:           n.title(),
		PillarIDs:       r.links(schema.Pillar),
		PriorityAreaIDs: r.links(schema.PriorityArea),
		Truncated:       n.Bool(schema.Truncated),
	}
	sec.Order, _ = n.Int(schema.Order)
	sec.Start, _ = n.Int(schema.Start)
	sec.End, _ = n.Int(schema.End)
	parent := r.link(schema.IsPartOf)
	switch k, _ := schema.KindOfID(parent); k {
	case schema.KindSection:
		sec.ParentID = parent
	case schema.KindPlan:
		sec.PlanID = parent
	}
	// The plan is the label of the section's quads.
	if plan := r.evidence(schema.Type); plan != "" {
		if k, _ := schema.KindOfID(plan); k == schema.KindPlan {
			sec.PlanID = plan
		}
	}
	return sec
}

// Measures returns the measures of a section, by order.
func (s *Store) Measures(ctx context.Context, sectionID string) ([]Measure, error) {
	if err := s.rlock("measures"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	if _, err := s.readKind(ctx, schema.KindSection, sectionID); err != nil {
		return nil, err
	}
	keys, err := s.keysOf(schema.IsPartOf)
	if err != nil {
		return nil, fmt.Errorf("store: measures of %q: %w", sectionID, err)
	}
	qs, err := s.quadsWith(ctx, quad.Object, schema.IRI(sectionID), s.dirIn(quad.Predicate, keys, false))
	if err != nil {
		return nil, fmt.Errorf("store: measures of %q: %w", sectionID, err)
	}
	var out []Measure
	for _, id := range subjects(qs) {
		// Subsections are part of the section too; their ids say so.
		if k, _ := schema.KindOfID(id); k != schema.KindMeasure {
			continue
		}
		r, err := s.readKind(ctx, schema.KindMeasure, id)
		if err != nil {
			return nil, err
		}
		out = append(out, measureOf(r))
	}
	slices.SortFunc(out, func(a, b Measure) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Measure returns the measure with the given id.
func (s *Store) Measure(ctx context.Context, id string) (Measure, error) {
	if err := s.rlock("measure"); err != nil {
		return Measure{}, err
	}
	defer s.mu.RUnlock()
	r, err := s.readKind(ctx, schema.KindMeasure, id)
	if err != nil {
		return Measure{}, err
	}
	return measureOf(r), nil
}

func measureOf(r *record) Measure {
	n := r.node
	m := Measure{
		Node:       n,
		SectionID:  r.link(schema.IsPartOf),
		Text:       n.String(schema.Text),
		Action:     n.String(schema.Action),
		Commitment: n.String(schema.Commitment),
		Truncated:  n.Bool(schema.Truncated),
	}
	m.Order, _ = n.Int(schema.Order)
	m.Start, _ = n.Int(schema.Start)
	m.End, _ = n.Int(schema.End)
	return m
}

func mentionOf(r *record) Mention {
	n := r.node
	m := Mention{
		ID:        n.ID,
		MeasureID: r.link(schema.InMeasure),
		EntityID:  r.link(schema.Entity),
		Surface:   n.String(schema.Surface),
	}
	m.Start, _ = n.Int(schema.Start)
	m.End, _ = n.Int(schema.End)
	m.Order, _ = n.Int(schema.Order)
	return m
}

// mentionsVia returns the mentions whose predicate p points to id.
func (s *Store) mentionsVia(ctx context.Context, p quad.IRI, id string) ([]Mention, error) {
	keys, err := s.keysOf(p)
	if err != nil {
		return nil, err
	}
	qs, err := s.quadsWith(ctx, quad.Object, schema.IRI(id), s.dirIn(quad.Predicate, keys, false))
	if err != nil {
		return nil, err
	}
	var out []Mention
	for _, mid := range subjects(qs) {
		r, err := s.read(ctx, "mention", mid)
		if err != nil {
			return nil, err
		}
		if r.node.Kind == schema.KindMention {
			out = append(out, mentionOf(r))
		}
	}
	return out, nil
}

func compareMentions(a, b Mention) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
}

// MentionsIn returns the mentions in a measure, by start offset (then
// order, then id).
func (s *Store) MentionsIn(ctx context.Context, measureID string) ([]Mention, error) {
	if err := s.rlock("mentions"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	if _, err := s.readKind(ctx, schema.KindMeasure, measureID); err != nil {
		return nil, err
	}
	out, err := s.mentionsVia(ctx, schema.InMeasure, measureID)
	if err != nil {
		return nil, fmt.Errorf("store: mentions in %q: %w", measureID, err)
	}
	slices.SortFunc(out, compareMentions)
	return out, nil
}

// MentionsOf returns the mentions of an entity in reading order: by the
// start offset of their measure (then measure id, for plans whose offsets
// coincide), then by their own start offset.
func (s *Store) MentionsOf(ctx context.Context, entityID string) ([]Mention, error) {
	if err := s.rlock("mentions"); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	if _, err := s.read(ctx, "node", entityID); err != nil {
		return nil, err
	}
	out, err := s.mentionsVia(ctx, schema.Entity, entityID)
	if err != nil {
		return nil, fmt.Errorf("store: mentions of %q: %w", entityID, err)
	}
	starts := make(map[string]int)
	for _, m := range out {
		if _, done := starts[m.MeasureID]; done || m.MeasureID == "" {
			continue
		}
		r, err := s.read(ctx, "measure", m.MeasureID)
		if err != nil && !isNotFound(err) {
			return nil, err
		}
		starts[m.MeasureID] = m.Start // a mention lies inside its measure
		if r != nil {
			if start, ok := r.node.Int(schema.Start); ok {
				starts[m.MeasureID] = start
			}
		}
	}
	slices.SortFunc(out, func(a, b Mention) int {
		return cmp.Or(cmp.Compare(starts[a.MeasureID], starts[b.MeasureID]),
			cmp.Compare(a.MeasureID, b.MeasureID), compareMentions(a, b))
	})
	return out, nil
}

package loader

import (
	"sort"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// quadBuilder collects quads without duplicates.
type quadBuilder struct {
	quads []quad.Quad
	seen  map[quad.Quad]bool
}

func (b *quadBuilder) add(s quad.IRI, p quad.IRI, o quad.Value, label quad.IRI) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
	if b.seen == nil {
		b.seen = map[quad.Quad]bool{}
	}
	if b.seen[q] {
		return
	}
	b.seen[q] = true
	b.quads = append(b.quads, q)
}

func zh(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "zh"} }
func en(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }

// CatalogQuads returns the quads of the catalog's entities, labelled
// catalog:ID.
func CatalogQuads(c *Catalog) []quad.Quad {
	var b quadBuilder
	b.addCatalog(c)
	return b.quads
}

func (b *quadBuilder) addCatalog(c *Catalog) {
	label := schema.IRI("catalog:" + c.ID)
	b.add(label, schema.Type, schema.KindCatalog.Class(), label)
	if c.Title.ZH != "" {
		b.add(label, schema.Label, zh(c.Title.ZH), label)
	}
	if c.Title.EN != "" {
		b.add(label, schema.Label, en(c.Title.EN), label)
	}
	for _, e := range c.Entities {
		s := schema.IRI(e.ID)
		b.add(s, schema.Type, e.Kind.Class(), label)
		b.add(s, schema.Label, zh(e.ZH), label)
		b.add(s, schema.Label, en(e.EN), label)
		for _, a := range e.Aliases[1:] {
			var v quad.Value = quad.String(a.Text)
			if a.Lang != "" {
				v = quad.LangString{Value: quad.String(a.Text), Lang: a.Lang}
			}
			b.add(s, schema.AltLabel, v, label)
		}
		if e.ISO != "" {
			b.add(s, schema.ISOCode, quad.String(e.ISO), label)
		}
		if e.Abbr != "" {
			b.add(s, schema.Abbreviation, quad.String(e.Abbr), label)
		}
		if e.Status != "" {
			b.add(s, schema.Status, quad.String(e.Status), label)
		}
		if e.PartOf != "" {
			b.add(s, schema.IsPartOf, schema.IRI(e.PartOf), label)
		}
		for _, m := range e.Members {
			b.add(schema.IRI(m), schema.MemberOf, s, label)
		}
	}
}

// addPlan writes the plan, its sections, measures, mentions and relations.
func (b *quadBuilder) addPlan(r *Result) {
	planID := schema.PlanID(r.Plan.Slug)
	plan := schema.IRI(planID)
	b.add(plan, schema.Type, schema.KindPlan.Class(), plan)
	b.add(plan, schema.Label, zh(r.Title), plan)
	if r.Plan.EN != "" {
		b.add(plan, schema.Label, en(r.Plan.EN), plan)
	}
	b.add(plan, schema.Text, zh(r.Cleaned.Text), plan)
	for _, s := range r.Sections {
		sid := schema.IRI(schema.SectionID(r.Plan.Slug, s.Number))
		b.add(sid, schema.Type, schema.KindSection.Class(), plan)
		b.add(sid, schema.Number, quad.String(s.Number), plan)
		b.add(sid, schema.Label, zh(s.Title), plan)
		b.add(sid, schema.Order, quad.Int(s.Order), plan)
		b.add(sid, schema.Start, quad.Int(s.TitleStart), plan)
		b.add(sid, schema.End, quad.Int(s.TitleEnd), plan)
		parent := plan
		if s.Parent != "" {
			parent = schema.IRI(schema.SectionID(r.Plan.Slug, s.Parent))
		}
		b.add(sid, schema.IsPartOf, parent, plan)
		for _, p := range s.Pillars {
			b.add(sid, schema.Pillar, schema.IRI(p), plan)
		}
		for _, a := range s.PriorityAreas {
			b.add(sid, schema.PriorityArea, schema.IRI(a), plan)
		}
		if s.Truncated {
			b.add(sid, schema.Truncated, quad.Bool(true), plan)
		}
		for _, m := range s.Measures {
			mid := schema.MeasureID(r.Plan.Slug, s.Number, m.Order)
			mi := schema.IRI(mid)
			b.add(mi, schema.Type, schema.KindMeasure.Class(), mi)
			b.add(mi, schema.IsPartOf, sid, mi)
			b.add(mi, schema.Order, quad.Int(m.Order), mi)
			b.add(mi, schema.Text, zh(m.Text), mi)
			b.add(mi, schema.Start, quad.Int(m.Start), mi)
			b.add(mi, schema.End, quad.Int(m.End), mi)
			if m.Action != "" {
				b.add(mi, schema.Action, quad.String(m.Action), mi)
			}
			b.add(mi, schema.Commitment, quad.String(m.Commitment), mi)
			if m.Truncated {
				b.add(mi, schema.Truncated, quad.Bool(true), mi)
			}
			for _, mn := range m.Mentions {
				ni := schema.IRI(schema.MentionID(mid, mn.Order))
				b.add(mi, schema.Mentions, schema.IRI(mn.EntityID), mi)
				b.add(ni, schema.Type, schema.KindMention.Class(), mi)
				b.add(ni, schema.InMeasure, mi, mi)
				b.add(ni, schema.Entity, schema.IRI(mn.EntityID), mi)
				b.add(ni, schema.Order, quad.Int(mn.Order), mi)
				b.add(ni, schema.Start, quad.Int(mn.Start), mi)
				b.add(ni, schema.End, quad.Int(mn.End), mi)
				b.add(ni, schema.Surface, zh(mn.Surface), mi)
			}
			for _, rel := range m.Relations {
				var o quad.Value = rel.Literal
				if rel.Object != "" {
					o = schema.IRI(rel.Object)
				}
				b.add(schema.IRI(rel.Subject), rel.Predicate, o, mi)
			}
		}
	}
}

// SortQuads orders quads by subject, predicate, object and label.
func SortQuads(qs []quad.Quad) {
	sort.Slice(qs, func(i, j int) bool { return QuadLess(qs[i], qs[j]) })
}

// QuadLess orders two quads by the N-Quads forms of subject, predicate,
// object and label.
func QuadLess(a, b quad.Quad) bool {
	for _, d := range quad.Directions {
		x, y := quad.StringOf(a.Get(d)), quad.StringOf(b.Get(d))
		if x != y {
			return x < y
		}
	}
	return false
}

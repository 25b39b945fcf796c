// Package model holds the Go types behind the GraphQL schema: hand-written
// wrappers around graph/store values (this file) and the enums and inputs
// gqlgen generates (models_gen.go). Fields computable from the wrapped
// value are methods here; fields that need the store are resolvers in
// package graph.
package model

import (
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// Node is every type with an id.
type Node interface{ IsNode() }

// Entity is every catalog entity type.
type Entity interface {
	Node
	IsEntity()
	// EntityID returns the entity's readable id.
	EntityID() string
}

// LocalizedName is a name in one language.
type LocalizedName struct {
	Lang  Lang
	Value string
}

// Span is a rune range in a plan's cleaned text.
type Span struct {
	Start, End int
}

// PageInfo describes a page of a connection.
type PageInfo struct {
	HasNextPage, HasPreviousPage bool
	StartCursor, EndCursor       *string
}

// MeasureConnection is a page of measures.
type MeasureConnection struct {
	TotalCount int
	PageInfo   *PageInfo
	Edges      []*MeasureEdge
	Nodes      []*Measure
}

// MeasureEdge is a measure with its cursor.
type MeasureEdge struct {
	Cursor string
	Node   *Measure
}

// EntityConnection is a page of entities.
type EntityConnection struct {
	TotalCount int
	PageInfo   *PageInfo
	Edges      []*EntityEdge
	Nodes      []Entity
}

// EntityEdge is an entity with its cursor.
type EntityEdge struct {
	Cursor string
	Node   Entity
}

// langTag maps a GraphQL language to the store's language tag.
func langTag(l Lang) string {
	if l == LangEn {
		return "en"
	}
	return "zh"
}

// names lists a node's zh and en labels.
func names(n store.Node) []*LocalizedName {
	var out []*LocalizedName
	for _, l := range []Lang{LangZh, LangEn} {
		if v := n.Label(langTag(l)); v != "" {
			out = append(out, &LocalizedName{Lang: l, Value: v})
		}
	}
	return out
}

func name(n store.Node, l Lang) *string {
	if v := n.Label(langTag(l)); v != "" {
		return &v
	}
	return nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Plan is a cooperation plan.
type Plan struct{ N store.Node }

// IsNode marks Plan as a Node.
func (*Plan) IsNode() {}

// ID is the plan's id.
func (p *Plan) ID() string { return p.N.ID }

// Name is the plan's title in a language.
func (p *Plan) Name(lang Lang) *string { return name(p.N, lang) }

// Names lists the plan's titles.
func (p *Plan) Names() []*LocalizedName { return names(p.N) }

// Text is the plan's cleaned text.
func (p *Plan) Text() string { return p.N.String(schema.Text) }

// Section is a numbered heading.
type Section struct{ S store.Section }

// IsNode marks Section as a Node.
func (*Section) IsNode() {}

// ID is the section's id.
func (s *Section) ID() string { return s.S.ID }

// Number is the section's number.
func (s *Section) Number() string { return s.S.Number }

// Title is the heading's title.
func (s *Section) Title() string { return s.S.Title }

// Level is the depth of the heading: 1 for 一、, 2 for 4.1 …
func (s *Section) Level() int { return strings.Count(s.S.Number, ".") + 1 }

// Order is the section's position in reading order.
func (s *Section) Order() int { return s.S.Order }

// Span is the title's span.
func (s *Section) Span() *Span { return &Span{Start: s.S.Start, End: s.S.End} }

// Truncated reports whether the text stops in this section.
func (s *Section) Truncated() bool { return s.S.Truncated }

// Measure is one sentence of a section.
type Measure struct{ M store.Measure }

// IsNode marks Measure as a Node.
func (*Measure) IsNode() {}

// ID is the measure's id.
func (m *Measure) ID() string { return m.M.ID }

// Text is the sentence.
func (m *Measure) Text() string { return m.M.Text }

// Order is the measure's position in its section.
func (m *Measure) Order() int { return m.M.Order }

// Action is the leading verb, or nil.
func (m *Measure) Action() *string { return optional(m.M.Action) }

// Commitment is the measure's commitment level.
func (m *Measure) Commitment() Commitment { return Commitment(strings.ToUpper(m.M.Commitment)) }

// Span is the sentence's span.
func (m *Measure) Span() *Span { return &Span{Start: m.M.Start, End: m.M.End} }

// Truncated reports whether the sentence is cut off.
func (m *Measure) Truncated() bool { return m.M.Truncated }

// Mention is a place where a measure names an entity.
type Mention struct{ M store.Mention }

// IsNode marks Mention as a Node.
func (*Mention) IsNode() {}

// ID is the mention's id.
func (m *Mention) ID() string { return m.M.ID }

// Surface is the text as written.
func (m *Mention) Surface() string { return m.M.Surface }

// Span is the surface's span.
func (m *Mention) Span() *Span { return &Span{Start: m.M.Start, End: m.M.End} }

// Relation is a stated relation.
type Relation struct{ R store.Relation }

// Predicate is what the relation says.
func (r *Relation) Predicate() Predicate { return PredicateOf(r.R.Predicate) }

// Value is the literal object, or nil.
func (r *Relation) Value() *string {
	if r.R.Literal == nil {
		return nil
	}
	v := quad.StringOf(r.R.Literal)
	if ts, ok := r.R.Literal.(quad.TypedString); ok {
		v = string(ts.Value)
	} else if s, ok := r.R.Literal.(quad.String); ok {
		v = string(s)
	}
	return &v
}

// PredicateOf maps a relation predicate IRI to its GraphQL enum value:
// alignsWith becomes ALIGNS_WITH.
func PredicateOf(p quad.IRI) Predicate {
	name := schema.RelationName(p)
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return Predicate(strings.ToUpper(b.String()))
}

// PredicateIRI maps a GraphQL predicate back to its IRI.
func PredicateIRI(p Predicate) quad.IRI {
	for _, r := range schema.Relations {
		if PredicateOf(r.IRI) == p {
			return r.IRI
		}
	}
	return ""
}

// KindOf maps a store kind to the GraphQL entity kind: CountryGroup
// becomes COUNTRY_GROUP.
func KindOf(k schema.Kind) EntityKind {
	var b strings.Builder
	for i, r := range string(k) {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return EntityKind(strings.ToUpper(b.String()))
}

// SchemaKind maps a GraphQL entity kind back to the store's kind.
func SchemaKind(k EntityKind) schema.Kind {
	for _, s := range schema.EntityKinds {
		if KindOf(s) == k {
			return s
		}
	}
	return ""
}

// entity holds what every entity type shares.
type entity struct{ N store.Node }

// IsNode marks entities as Nodes.
func (entity) IsNode() {}

// IsEntity marks entities as Entities.
func (entity) IsEntity() {}

// EntityID returns the entity's id.
func (e entity) EntityID() string { return e.N.ID }

// ID is the entity's id.
func (e entity) ID() string { return e.N.ID }

// Kind is the entity's kind.
func (e entity) Kind() EntityKind { return KindOf(e.N.Kind) }

// Name is the entity's name in a language.
func (e entity) Name(lang Lang) *string { return name(e.N, lang) }

// Names lists the entity's names.
func (e entity) Names() []*LocalizedName { return names(e.N) }

// Aliases lists the entity's other names.
func (e entity) Aliases() []string {
	if e.N.AltLabels == nil {
		return []string{}
	}
	return e.N.AltLabels
}

// Abbreviation is the entity's abbreviation, or nil.
func (e entity) Abbreviation() *string { return optional(e.N.String(schema.Abbreviation)) }

// Status is "proposed" for proposed entities, or nil.
func (e entity) Status() *string { return optional(e.N.String(schema.Status)) }

// IsoCode is a country's ISO 3166-1 alpha-2 code.
func (e entity) IsoCode() string { return e.N.String(schema.ISOCode) }

// Country is one of the six countries.
type Country struct{ entity }

// CountryGroup is a group of countries.
type CountryGroup struct{ entity }

// Mechanism is an LMC mechanism.
type Mechanism struct{ entity }

// Initiative is an initiative, framework, agreement or document.
type Initiative struct{ entity }

// Organization is an international organization.
type Organization struct{ entity }

// Pillar is one of the three pillars.
type Pillar struct{ entity }

// PriorityArea is one of the five priority areas.
type PriorityArea struct{ entity }

// NewEntity wraps a store node of an entity kind in its GraphQL type, or
// returns nil for other kinds.
func NewEntity(n store.Node) Entity {
	e := entity{N: n}
	switch n.Kind {
	case schema.KindCountry:
		return &Country{e}
	case schema.KindCountryGroup:
		return &CountryGroup{e}
	case schema.KindMechanism:
		return &Mechanism{e}
	case schema.KindInitiative:
		return &Initiative{e}
	case schema.KindOrganization:
		return &Organization{e}
	case schema.KindPillar:
		return &Pillar{e}
	case schema.KindPriorityArea:
		return &PriorityArea{e}
	}
	return nil
}

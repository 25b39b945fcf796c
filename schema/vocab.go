package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Namespaces of the vocabulary.
const (
	// NS is the plangraph vocabulary namespace (classes and predicates).
	NS = "https://w3id.org/plangraph/vocab#"
	// NodeBase prefixes every node IRI; see IRI.
	NodeBase = "https://w3id.org/plangraph/id/"

	RDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	RDFS    = "http://www.w3.org/2000/01/rdf-schema#"
	SKOS    = "http://www.w3.org/2004/02/skos/core#"
	DCTerms = "http://purl.org/dc/terms/"
	XSD     = "http://www.w3.org/2001/XMLSchema#"
)

// Standard predicates.
const (
	// Type links a node to its kind class (KindClass).
	Type = quad.IRI(RDF + "type")
	// Label is a node's name, one per language tag (@zh, @en).
	Label = quad.IRI(RDFS + "label")
	// AltLabel is an alias of an entity exactly as some text writes it.
	AltLabel = quad.IRI(SKOS + "altLabel")
	// IsPartOf links a section to its parent (or plan), a measure to its
	// section, and a mechanism to the mechanism it belongs to.
	IsPartOf = quad.IRI(DCTerms + "isPartOf")
)

// Properties of plangraph nodes (literal-valued).
const (
	// Number is a section's number as written ("4.2.1"; "1" for 一、).
	Number = quad.IRI(NS + "number")
	// Order is the 1-based position of a section in its plan or of a
	// measure in its section.
	Order = quad.IRI(NS + "order")
	// Text is a measure's sentence, or the cleaned text of a plan.
	Text = quad.IRI(NS + "text")
	// Start is the rune offset where a measure or mention starts in the
	// cleaned plan text.
	Start = quad.IRI(NS + "start")
	// End is the rune offset just past a measure or mention.
	End = quad.IRI(NS + "end")
	// Action is a measure's leading action verb (推进, 加强 …).
	Action = quad.IRI(NS + "action")
	// Commitment is a measure's commitment level (see Commitment).
	Commitment = quad.IRI(NS + "commitment")
	// Truncated marks a measure or section that the source text cuts off.
	Truncated = quad.IRI(NS + "truncated")
	// Surface is a mention's text exactly as the plan writes it.
	Surface = quad.IRI(NS + "surface")
	// ISOCode is a country's ISO 3166-1 alpha-2 code.
	ISOCode = quad.IRI(NS + "isoCode")
	// Status is an entity's status when the plan gives one ("proposed").
	Status = quad.IRI(NS + "status")
	// Abbreviation is an entity's short form (MPAC, IAI, RCEP …).
	Abbreviation = quad.IRI(NS + "abbreviation")
)

// Digest is the store's bookkeeping predicate, not part of the graph: the
// store keeps one quad <NodeBase+"store/meta"> pg:digest "<hex SHA-256>"
// holding a digest of its content, written with every change, so that
// readers (other replicas too) can tell in one look-up whether the graph
// changed. No loaded quad may use it, and no read of graph/store shows
// that quad (see store.(*Store).Digest).
const Digest = quad.IRI(NS + "digest")

// Edges between nodes.
const (
	// InMeasure links a mention to the measure it occurs in.
	InMeasure = quad.IRI(NS + "inMeasure")
	// Entity links a mention to the catalog entity it names.
	Entity = quad.IRI(NS + "entity")
	// Pillar links a section to the pillar it belongs to.
	Pillar = quad.IRI(NS + "pillar")
	// PriorityArea links a section to the priority area it covers.
	PriorityArea = quad.IRI(NS + "priorityArea")
)

// Relation predicates: the edges between entities that the text or the
// catalog asserts. The label of a text-derived relation quad is the IRI of
// the measure that states it.
const (
	Mentions       = quad.IRI(NS + "mentions")
	Complements    = quad.IRI(NS + "complements")
	Reinforces     = quad.IRI(NS + "reinforces")
	AlignsWith     = quad.IRI(NS + "alignsWith")
	Implements     = quad.IRI(NS + "implements")
	BuildsOn       = quad.IRI(NS + "buildsOn")
	ConvenesEvery  = quad.IRI(NS + "convenesEvery")
	ReportsTo      = quad.IRI(NS + "reportsTo")
	MemberOf       = quad.IRI(NS + "memberOf")
	ProposedBy     = quad.IRI(NS + "proposedBy")
	CooperatesWith = quad.IRI(NS + "cooperatesWith")
	Drafts         = quad.IRI(NS + "drafts")
	SubmitsTo      = quad.IRI(NS + "submitsTo")
	HeldIn         = quad.IRI(NS + "heldIn")
)

// Relations lists the relation predicates in a fixed order, with the short
// name the CLI and API use for each.
var Relations = []struct {
	Name string
	IRI  quad.IRI
	Doc  string
}{
	{"mentions", Mentions, "a measure names an entity"},
	{"complements", Complements, "subject and object complement each other (与…互补互促)"},
	{"reinforces", Reinforces, "subject and object reinforce each other (与…相辅相成)"},
	{"alignsWith", AlignsWith, "subject is to be aligned with object (与…对接)"},
	{"implements", Implements, "subject implements object (落实…, 推动…实施)"},
	{"buildsOn", BuildsOn, "subject is based on object (基于…)"},
	{"convenesEvery", ConvenesEvery, "a mechanism meets at the interval of the literal object, an xsd:duration (每两年召开一次…)"},
	{"reportsTo", ReportsTo, "subject reports to object (通过…向…提交…报告)"},
	{"memberOf", MemberOf, "a country belongs to a group (catalog)"},
	{"proposedBy", ProposedBy, "an initiative was put forward by a country (…提出的…)"},
	{"cooperatesWith", CooperatesWith, "the plan seeks cooperation with an organization (寻求…的合作)"},
	{"drafts", Drafts, "subject draws up the object document (发挥…作用，编制/制定…)"},
	{"submitsTo", SubmitsTo, "subject submits something to the object for approval (…提交…审议)"},
	{"heldIn", HeldIn, "a meeting took place in a country (在…举行的…)"},
}

// RelationByName returns the predicate IRI of a relation's short name.
func RelationByName(name string) (quad.IRI, bool) {
	for _, r := range Relations {
		if r.Name == name {
			return r.IRI, true
		}
	}
	return "", false
}

// RelationName returns the short name of a relation predicate, or "" when
// the IRI is not a relation.
func RelationName(p quad.IRI) string {
	for _, r := range Relations {
		if r.IRI == p {
			return r.Name
		}
	}
	return ""
}

// Kind is a node kind; every node has exactly one.
type Kind string

// Node kinds.
const (
	KindPlan         Kind = "Plan"
	KindSection      Kind = "Section"
	KindMeasure      Kind = "Measure"
	KindMention      Kind = "Mention"
	KindCountry      Kind = "Country"
	KindCountryGroup Kind = "CountryGroup"
	KindMechanism    Kind = "Mechanism"
	KindInitiative   Kind = "Initiative"
	KindOrganization Kind = "Organization"
	KindPillar       Kind = "Pillar"
	KindPriorityArea Kind = "PriorityArea"
	KindCatalog      Kind = "Catalog"
)

// EntityKinds are the kinds a catalog entity may have, in display order.
var EntityKinds = []Kind{KindCountry, KindCountryGroup, KindMechanism, KindInitiative, KindOrganization, KindPillar, KindPriorityArea}

// IsEntity reports whether k is a catalog entity kind.
func (k Kind) IsEntity() bool {
	for _, e := range EntityKinds {
		if e == k {
			return true
		}
	}
	return false
}

// Class is the rdf:type object of nodes of kind k.
func (k Kind) Class() quad.IRI { return quad.IRI(NS + string(k)) }

// KindOfClass returns the kind whose Class is c.
func KindOfClass(c quad.IRI) (Kind, bool) {
	s := string(c)
	if !strings.HasPrefix(s, NS) {
		return "", false
	}
	k := Kind(s[len(NS):])
	switch k {
	case KindPlan, KindSection, KindMeasure, KindMention, KindCatalog:
		return k, true
	}
	return k, k.IsEntity()
}

// ID prefixes of each kind, as in "country:KH".
var idPrefix = map[Kind]string{
	KindPlan: "plan", KindSection: "section", KindMeasure: "measure", KindMention: "mention",
	KindCountry: "country", KindCountryGroup: "group", KindMechanism: "mechanism",
	KindInitiative: "initiative", KindOrganization: "org", KindPillar: "pillar",
	KindPriorityArea: "area", KindCatalog: "catalog",
}

// IDPrefix returns the id prefix of kind k ("country" for Country).
func IDPrefix(k Kind) string { return idPrefix[k] }

// KindOfID returns the kind an id's prefix names.
func KindOfID(id string) (Kind, bool) {
	p, _, ok := strings.Cut(id, ":")
	if !ok {
		return "", false
	}
	for k, q := range idPrefix {
		if q == p {
			return k, true
		}
	}
	return "", false
}

// IRI returns the IRI of a readable node id: "country:KH" becomes
// NodeBase+"country/KH".
func IRI(id string) quad.IRI {
	return quad.IRI(NodeBase + strings.Replace(id, ":", "/", 1))
}

// ID returns the readable id of a node IRI, and false when the IRI is not a
// plangraph node.
func ID(iri quad.IRI) (string, bool) {
	s := string(iri)
	if !strings.HasPrefix(s, NodeBase) {
		return "", false
	}
	s = s[len(NodeBase):]
	prefix, rest, ok := strings.Cut(s, "/")
	if !ok || rest == "" {
		return "", false
	}
	return prefix + ":" + rest, true
}

// Commitment levels of a measure, strongest schedule first.
const (
	CommitmentScheduled   = "scheduled"
	CommitmentCommitted   = "committed"
	CommitmentEncouraged  = "encouraged"
	CommitmentExploratory = "exploratory"
	CommitmentStated      = "stated"
)

// PlanID returns the id of the plan with slug s ("plan:lmc-2023-2027").
func PlanID(slug string) string { return "plan:" + slug }

// SectionID returns the id of section number n of plan slug.
func SectionID(slug, n string) string { return "section:" + slug + "/" + n }

// MeasureID returns the id of the order-th measure of a section.
func MeasureID(slug, section string, order int) string {
	return fmt.Sprintf("measure:%s/%s/%d", slug, section, order)
}

// MentionID returns the id of the order-th mention in a measure.
func MentionID(measureID string, order int) string {
	_, rest, _ := strings.Cut(measureID, ":")
	return fmt.Sprintf("mention:%s/%d", rest, order)
}

// Predicates returns every predicate IRI of the vocabulary, sorted.
func Predicates() []quad.IRI {
	out := []quad.IRI{Type, Label, AltLabel, IsPartOf, Number, Order, Text, Start, End,
		Action, Commitment, Truncated, Surface, ISOCode, Status, Abbreviation,
		InMeasure, Entity, Pillar, PriorityArea}
	for _, r := range Relations {
		out = append(out, r.IRI)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

package storetest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Slug is the slug of the fixture plan, plan:demo.
const Slug = "demo"

// Fixture ids, for tests that read the fixture back.
var (
	PlanID    = schema.PlanID(Slug)
	CatalogID = "catalog:lmc"
)

// Fixture returns fixture A, a small plan laid out as docs/graph.md says,
// in a scrambled (but fixed) order so that no backend returns it sorted by
// accident:
//
//	plan:demo          演示计划 / Demo Plan, with its text
//	catalog:lmc        the catalog: countries CN KH TH in group:lmc-members,
//	                   mechanisms leaders-meeting, fmm and som (som isPartOf
//	                   fmm), initiatives bri, gdi (status proposed) and
//	                   mpac-2025, org:asean, pillar:political-security,
//	                   area:connectivity
//	section 1          order 1, pillar political-security; no measures
//	  section 1.1      order 2; measures 1 (mentions CN, gdi, KH) and
//	                   2 (mentions bri, mpac-2025)
//	    section 1.1.1  order 3; measure 1 (mentions leaders-meeting)
//	section 2          order 4, area connectivity; measure 1 (mentions som,
//	                   fmm, leaders-meeting)
//	section 10         order 5 (sorts before "2" as a string), truncated;
//	                   measure 1, truncated (mentions asean)
//
// and the relations gdi proposedBy CN and plan complements gdi
// [measure 1.1/1], plan alignsWith bri and mpac-2025 [1.1/2],
// leaders-meeting convenesEvery "P2Y"^^xsd:duration [1.1.1/1], som
// reportsTo leaders-meeting [2/1], plan cooperatesWith asean [10/1], and
// memberOf from the catalog.
func Fixture() []quad.Quad { return scramble(fixture(false)) }

// FixtureB returns fixture A changed the way a reload changes a graph:
// section 10 and everything stated in it are gone, the text of measure 2/1
// differs, and the catalog has country:LA. It has fewer quads than A.
func FixtureB() []quad.Quad { return scramble(fixture(true)) }

// Duration is the xsd:duration of convenesEvery in the fixture.
var Duration = quad.TypedString{Value: "P2Y", Type: quad.IRI(schema.XSD + "duration")}

func zh(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "zh"} }
func en(s string) quad.Value { return quad.LangString{Value: quad.String(s), Lang: "en"} }

type builder []quad.Quad

func (b *builder) add(s string, p quad.IRI, o any, label string) {
	var v quad.Value
	switch o := o.(type) {
	case quad.Value:
		v = o
	case string: // a node id
		v = schema.IRI(o)
	case int:
		v = quad.Int(o)
	case bool:
		v = quad.Bool(o)
	default:
		panic(fmt.Sprintf("storetest: object %T", o))
	}
	*b = append(*b, quad.Quad{Subject: schema.IRI(s), Predicate: p, Object: v, Label: schema.IRI(label)})
}

type entity struct {
	id, zh, en string
	kind       schema.Kind
	alt        []string
	props      map[quad.IRI]string
}

var entities = []entity{
	{id: "country:CN", kind: schema.KindCountry, zh: "中国", en: "China", props: map[quad.IRI]string{schema.ISOCode: "CN"}},
	{id: "country:KH", kind: schema.KindCountry, zh: "柬埔寨", en: "Cambodia", alt: []string{"柬", "Kampuchea"}, props: map[quad.IRI]string{schema.ISOCode: "KH"}},
	{id: "country:TH", kind: schema.KindCountry, zh: "泰国", en: "Thailand", props: map[quad.IRI]string{schema.ISOCode: "TH"}},
	{id: "group:lmc-members", kind: schema.KindCountryGroup, zh: "澜湄六国", en: "LMC member countries"},
	{id: "mechanism:leaders-meeting", kind: schema.KindMechanism, zh: "领导人会议", en: "Leaders' Meeting"},
	{id: "mechanism:fmm", kind: schema.KindMechanism, zh: "外长会", en: "Foreign Ministers' Meeting", props: map[quad.IRI]string{schema.Abbreviation: "FMM"}},
	{id: "mechanism:som", kind: schema.KindMechanism, zh: "高官会", en: "Senior Officials' Meeting", props: map[quad.IRI]string{schema.Abbreviation: "SOM"}},
	{id: "initiative:bri", kind: schema.KindInitiative, zh: "一带一路", en: "Belt and Road Initiative", alt: []string{"“一带一路”倡议", "一带一路倡议"}, props: map[quad.IRI]string{schema.Abbreviation: "BRI"}},
	{id: "initiative:gdi", kind: schema.KindInitiative, zh: "全球发展倡议", en: "Global Development Initiative", props: map[quad.IRI]string{schema.Abbreviation: "GDI", schema.Status: "proposed"}},
	{id: "initiative:mpac-2025", kind: schema.KindInitiative, zh: "东盟互联互通总体规划2025", en: "Master Plan on ASEAN Connectivity 2025", props: map[quad.IRI]string{schema.Abbreviation: "MPAC 2025"}},
	{id: "org:asean", kind: schema.KindOrganization, zh: "东盟", en: "ASEAN", props: map[quad.IRI]string{schema.Abbreviation: "ASEAN"}},
	{id: "pillar:political-security", kind: schema.KindPillar, zh: "政治安全合作", en: "Political-security cooperation"},
	{id: "area:connectivity", kind: schema.KindPriorityArea, zh: "互联互通", en: "Connectivity"},
}

type section struct {
	number, title, parent string
	order, start, end     int
	pillar, area          string
	truncated             bool
}

var sections = []section{
	{number: "1", title: "政治安全合作", order: 1, start: 10, end: 16, pillar: "pillar:political-security"},
	{number: "1.1", title: "高层交往", parent: "1", order: 2, start: 40, end: 44},
	{number: "1.1.1", title: "领导人会议", parent: "1.1", order: 3, start: 100, end: 105},
	{number: "2", title: "互联互通", order: 4, start: 200, end: 204, area: "area:connectivity"},
	{number: "10", title: "其他", order: 5, start: 300, end: 302, truncated: true},
}

type mention struct {
	entity, surface string
	start, end      int
}

type relation struct {
	subject string
	pred    quad.IRI
	object  any
}

type measure struct {
	section                  string
	order, start, end        int
	text, action, commitment string
	truncated                bool
	mentions                 []mention
	relations                []relation
}

var measures = []measure{
	{section: "1.1", order: 1, start: 45, end: 69, text: "支持中国提出的全球发展倡议，推进与柬埔寨的合作。", action: "推进", commitment: schema.CommitmentCommitted,
		mentions:  []mention{{"country:CN", "中国", 47, 49}, {"initiative:gdi", "全球发展倡议", 51, 57}, {"country:KH", "柬埔寨", 62, 65}},
		relations: []relation{{"initiative:gdi", schema.ProposedBy, "country:CN"}, {PlanID, schema.Complements, "initiative:gdi"}}},
	{section: "1.1", order: 2, start: 70, end: 100, text: "推动澜湄合作与一带一路、东盟互联互通总体规划2025对接。", action: "推动", commitment: schema.CommitmentCommitted,
		mentions:  []mention{{"initiative:bri", "一带一路", 77, 81}, {"initiative:mpac-2025", "东盟互联互通总体规划2025", 82, 98}},
		relations: []relation{{PlanID, schema.AlignsWith, "initiative:bri"}, {PlanID, schema.AlignsWith, "initiative:mpac-2025"}}},
	{section: "1.1.1", order: 1, start: 110, end: 123, text: "领导人会议每两年召开一次。", commitment: schema.CommitmentScheduled,
		mentions:  []mention{{"mechanism:leaders-meeting", "领导人会议", 110, 115}},
		relations: []relation{{"mechanism:leaders-meeting", schema.ConvenesEvery, Duration}}},
	{section: "2", order: 1, start: 210, end: 231, text: "高官会通过外长会向领导人会议提交年度报告。", action: "提交", commitment: schema.CommitmentStated,
		mentions:  []mention{{"mechanism:som", "高官会", 210, 213}, {"mechanism:fmm", "外长会", 215, 218}, {"mechanism:leaders-meeting", "领导人会议", 219, 224}},
		relations: []relation{{"mechanism:som", schema.ReportsTo, "mechanism:leaders-meeting"}}},
	{section: "10", order: 1, start: 305, end: 312, text: "寻求与东盟的合", action: "寻求", commitment: schema.CommitmentExploratory, truncated: true,
		mentions:  []mention{{"org:asean", "东盟", 308, 310}},
		relations: []relation{{PlanID, schema.CooperatesWith, "org:asean"}}},
}

// PlanText is the pg:text of the fixture plan.
const PlanText = "演示计划。政治安全合作……"

func fixture(b bool) []quad.Quad {
	var q builder
	plan := PlanID
	q.add(plan, schema.Type, schema.KindPlan.Class(), plan)
	q.add(plan, schema.Label, zh("演示计划"), plan)
	q.add(plan, schema.Label, en("Demo Plan"), plan)
	q.add(plan, schema.Text, zh(PlanText), plan)

	cat := CatalogID
	q.add(cat, schema.Type, schema.KindCatalog.Class(), cat)
	q.add(cat, schema.Label, zh("澜湄合作目录"), cat)
	q.add(cat, schema.Label, en("LMC catalog"), cat)
	ents := entities
	if b {
		ents = append(ents[:len(ents):len(ents)], entity{id: "country:LA", kind: schema.KindCountry, zh: "老挝", en: "Laos", props: map[quad.IRI]string{schema.ISOCode: "LA"}})
	}
	for _, e := range ents {
		q.add(e.id, schema.Type, e.kind.Class(), cat)
		q.add(e.id, schema.Label, zh(e.zh), cat)
		q.add(e.id, schema.Label, en(e.en), cat)
		for _, a := range e.alt {
			q.add(e.id, schema.AltLabel, quad.String(a), cat)
		}
		for _, p := range slices.Sorted(maps.Keys(e.props)) {
			q.add(e.id, p, quad.String(e.props[p]), cat)
		}
		if e.kind == schema.KindCountry {
			q.add(e.id, schema.MemberOf, "group:lmc-members", cat)
		}
	}
	q.add("mechanism:som", schema.IsPartOf, "mechanism:fmm", cat)

	for _, s := range sections {
		if b && s.number == "10" {
			continue
		}
		id := schema.SectionID(Slug, s.number)
		q.add(id, schema.Type, schema.KindSection.Class(), plan)
		q.add(id, schema.Number, quad.String(s.number), plan)
		q.add(id, schema.Label, zh(s.title), plan)
		q.add(id, schema.Order, s.order, plan)
		q.add(id, schema.Start, s.start, plan)
		q.add(id, schema.End, s.end, plan)
		parent := plan
		if s.parent != "" {
			parent = schema.SectionID(Slug, s.parent)
		}
		q.add(id, schema.IsPartOf, parent, plan)
		if s.pillar != "" {
			q.add(id, schema.Pillar, s.pillar, plan)
		}
		if s.area != "" {
			q.add(id, schema.PriorityArea, s.area, plan)
		}
		if s.truncated {
			q.add(id, schema.Truncated, true, plan)
		}
	}
	for _, m := range measures {
		if b && m.section == "10" {
			continue
		}
		text := m.text
		if b && m.section == "2" {
			text = "高官会通过外长会向领导人会议提交年度工作报告。"
		}
		id := schema.MeasureID(Slug, m.section, m.order)
		q.add(id, schema.Type, schema.KindMeasure.Class(), id)
		q.add(id, schema.IsPartOf, schema.SectionID(Slug, m.section), id)
		q.add(id, schema.Order, m.order, id)
		q.add(id, schema.Text, zh(text), id)
		q.add(id, schema.Start, m.start, id)
		q.add(id, schema.End, m.end, id)
		if m.action != "" {
			q.add(id, schema.Action, quad.String(m.action), id)
		}
		q.add(id, schema.Commitment, quad.String(m.commitment), id)
		if m.truncated {
			q.add(id, schema.Truncated, true, id)
		}
		for j, mn := range m.mentions {
			mid := schema.MentionID(id, j+1)
			q.add(id, schema.Mentions, mn.entity, id)
			q.add(mid, schema.Type, schema.KindMention.Class(), id)
			q.add(mid, schema.InMeasure, id, id)
			q.add(mid, schema.Entity, mn.entity, id)
			q.add(mid, schema.Order, j+1, id)
			q.add(mid, schema.Start, mn.start, id)
			q.add(mid, schema.End, mn.end, id)
			q.add(mid, schema.Surface, zh(mn.surface), id)
		}
		for _, r := range m.relations {
			q.add(r.subject, r.pred, r.object, id)
		}
	}
	return q
}

// scramble puts quads in a fixed pseudo-random order.
func scramble(qs []quad.Quad) []quad.Quad {
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// Generate returns a generated plan for benchmarks: a catalog of 20
// entities and the given number of sections with 10 measures of 2
// mentions each, about 290 quads per section (10 sections make about
// 3000). Variants differ in the text of every tenth measure, as a reload
// of an edited plan would.
func Generate(nsections, variant int) []quad.Quad {
	const slug = "bench"
	var q builder
	plan := schema.PlanID(slug)
	q.add(plan, schema.Type, schema.KindPlan.Class(), plan)
	q.add(plan, schema.Label, zh("基准计划"), plan)
	cat := CatalogID
	var ents []string
	for i := range 20 {
		id := fmt.Sprintf("initiative:e%02d", i)
		ents = append(ents, id)
		q.add(id, schema.Type, schema.KindInitiative.Class(), cat)
		q.add(id, schema.Label, zh(fmt.Sprintf("倡议%d", i)), cat)
		q.add(id, schema.Label, en(fmt.Sprintf("Initiative %d", i)), cat)
	}
	pos := 0
	for s := 1; s <= nsections; s++ {
		num := fmt.Sprint(s)
		sid := schema.SectionID(slug, num)
		q.add(sid, schema.Type, schema.KindSection.Class(), plan)
		q.add(sid, schema.Number, quad.String(num), plan)
		q.add(sid, schema.Label, zh(fmt.Sprintf("第%d节", s)), plan)
		q.add(sid, schema.Order, s, plan)
		q.add(sid, schema.Start, pos, plan)
		q.add(sid, schema.End, pos+4, plan)
		q.add(sid, schema.IsPartOf, plan, plan)
		pos += 5
		for k := 1; k <= 10; k++ {
			id := schema.MeasureID(slug, num, k)
			text := fmt.Sprintf("第%d节第%d条措施，推进倡议合作。", s, k)
			if k%10 == variant%10 {
				text += fmt.Sprintf("（修订%d）", variant)
			}
			q.add(id, schema.Type, schema.KindMeasure.Class(), id)
			q.add(id, schema.IsPartOf, sid, id)
			q.add(id, schema.Order, k, id)
			q.add(id, schema.Text, zh(text), id)
			q.add(id, schema.Start, pos, id)
			q.add(id, schema.End, pos+20, id)
			q.add(id, schema.Action, quad.String("推进"), id)
			q.add(id, schema.Commitment, quad.String(schema.CommitmentCommitted), id)
			for j := 1; j <= 2; j++ {
				e := ents[(s*10+k*3+j)%len(ents)]
				mid := schema.MentionID(id, j)
				q.add(id, schema.Mentions, e, id)
				q.add(mid, schema.Type, schema.KindMention.Class(), id)
				q.add(mid, schema.InMeasure, id, id)
				q.add(mid, schema.Entity, e, id)
				q.add(mid, schema.Order, j, id)
				q.add(mid, schema.Start, pos+j*5, id)
				q.add(mid, schema.End, pos+j*5+3, id)
				q.add(mid, schema.Surface, zh(fmt.Sprintf("倡议%d", j)), id)
			}
			q.add(plan, schema.AlignsWith, ents[(s+k)%len(ents)], id)
			pos += 21
		}
	}
	return scramble(q)
}

package analysis_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/schema"
)

// The expected numbers below were counted from loader/testdata/
// lmc-2023-2027.txt, the loader's readable report of the seed (its "@"
// lines are mentions, its "=>" lines relations), and from the members
// lists of data/catalog.yaml, not through this package.

func statsSection(n string) string { return schema.SectionID("lmc-2023-2027", n) }

func statsCounts(cs []analysis.EntityCount) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %d", c.EntityID, c.Count))
	}
	return out
}

var (
	statsMostMentioned = []string{"group:lmc-members 20", "mechanism:lmc 7", "country:CN 3", "mechanism:fmm 3", "mechanism:leaders-meeting 3", "mechanism:som 3", "group:mekong-countries 2", "initiative:bri 2", "initiative:lm-economic-development-belt 2", "initiative:mpac-2025 2"}
	statsByPillar      = []struct {
		id   string
		want []string
	}{
		{"pillar:political-security", []string{"group:lmc-members 7", "mechanism:leaders-meeting 2", "mechanism:lmc 2", "group:mekong-countries 1", "initiative:brightness-action 1", "initiative:traditional-medicine-joint-statement 1", "mechanism:disaster-management-cooperation-mechanism 1", "mechanism:disaster-management-forum 1", "mechanism:disaster-management-ministerial-meeting 1", "mechanism:fmm 1"}},
		{"pillar:economic-sustainable", []string{"group:lmc-members 8", "country:CN 1", "group:mekong-countries 1", "initiative:acfta-3 1", "initiative:bri 1", "initiative:ilstc 1", "initiative:lm-capacity-investment-plan 1", "initiative:lm-connectivity-plan 1", "initiative:lm-cross-border-economic-plan 1", "initiative:lm-economic-development-belt 1"}},
		{"pillar:social-cultural", []string{}},
	}
	statsBySection = []struct {
		number string
		want   []string
	}{
		{"1", []string{"mechanism:lmc 2", "country:CN 1", "group:lmc-members 1", "initiative:acrf 1", "initiative:asean-community-vision-2025 1", "initiative:bri 1", "initiative:fmm-joint-press-communiques 1", "initiative:gci 1", "initiative:gdi 1", "initiative:gsi 1"}},
		{"2", []string{"group:lmc-members 1", "initiative:un-charter 1", "mechanism:lmc 1", "org:un 1"}},
		{"3", []string{"group:lmc-members 3", "mechanism:fmm 2", "mechanism:lmc 2", "mechanism:som 2", "area:agriculture-poverty-reduction 1", "area:connectivity 1", "area:cross-border-economic 1", "area:production-capacity 1", "area:water-resources 1", "country:CN 1"}},
		{"4", []string{"group:lmc-members 15", "group:mekong-countries 2", "mechanism:leaders-meeting 2", "mechanism:lmc 2", "country:CN 1", "initiative:acfta-3 1", "initiative:bri 1", "initiative:brightness-action 1", "initiative:ilstc 1", "initiative:lm-capacity-investment-plan 1"}},
		{"4.1", []string{"group:lmc-members 7", "mechanism:leaders-meeting 2", "mechanism:lmc 2", "group:mekong-countries 1", "initiative:brightness-action 1", "initiative:traditional-medicine-joint-statement 1", "mechanism:disaster-management-cooperation-mechanism 1", "mechanism:disaster-management-forum 1", "mechanism:disaster-management-ministerial-meeting 1", "mechanism:fmm 1"}},
		{"4.2", []string{"group:lmc-members 8", "country:CN 1", "group:mekong-countries 1", "initiative:acfta-3 1", "initiative:bri 1", "initiative:ilstc 1", "initiative:lm-capacity-investment-plan 1", "initiative:lm-connectivity-plan 1", "initiative:lm-cross-border-economic-plan 1", "initiative:lm-economic-development-belt 1"}},
	}
	// statsDegrees: "id out in" for every entity of the catalog.
	statsDegrees     = []string{"group:lmc-members 1 26", "country:CN 1 8", "mechanism:lmc 0 8", "group:mekong-countries 0 7", "mechanism:fmm 2 5", "initiative:bri 1 4", "mechanism:leaders-meeting 1 4", "mechanism:som 2 3", "initiative:lm-connectivity-plan 2 2", "initiative:mpac-2025 0 4", "initiative:gci 1 2", "initiative:gdi 1 2", "initiative:gsi 1 2", "mechanism:joint-working-groups 1 2", "country:KH 2 0", "country:LA 2 0", "country:MM 2 0", "country:TH 2 0", "country:VN 2 0", "initiative:acfta-3 0 2", "initiative:acrf 0 2", "initiative:asean-community-vision-2025 0 2", "initiative:fmm-joint-press-communiques 0 2", "initiative:iai-work-plan 0 2", "initiative:leaders-meeting-declarations 0 2", "initiative:lm-capacity-investment-plan 0 2", "initiative:lm-cross-border-economic-plan 0 2", "initiative:lm-economic-development-belt 0 2", "initiative:lmc-poa-2018-2022 0 2", "initiative:rcep 0 2", "initiative:traditional-medicine-joint-statement 0 2", "initiative:un-2030-agenda 0 2", "mechanism:asean-china-30th-anniversary-summit 0 2", "mechanism:asean-china-dialogue 0 2", "mechanism:first-leaders-meeting 1 1", "mechanism:jwg-connectivity 1 1", "mechanism:jwg-production-capacity 1 1", "mechanism:lmc-week 1 1", "org:fao 0 2", "org:who 0 2", "org:woah 0 2", "area:agriculture-poverty-reduction 0 1", "area:connectivity 0 1", "area:cross-border-economic 0 1", "area:production-capacity 0 1", "area:water-resources 0 1", "initiative:brightness-action 0 1", "initiative:ilstc 0 1", "initiative:lm-community-shared-future 0 1", "initiative:lm-ship-inspection-rules 0 1", "initiative:un-charter 0 1", "mechanism:aviation-alliance 0 1", "mechanism:china-secretariat-website 0 1", "mechanism:customs-inspection-quarantine 0 1", "mechanism:disaster-management-cooperation-mechanism 0 1", "mechanism:disaster-management-forum 0 1", "mechanism:disaster-management-ministerial-meeting 0 1", "mechanism:friendship-hospital-network 0 1", "mechanism:international-secretariat 0 1", "mechanism:ministerial-meetings 0 1", "mechanism:multi-country-multi-park 0 1", "mechanism:national-secretariats 0 1", "mechanism:police-chiefs-forum 0 1", "mechanism:police-games 0 1", "mechanism:priority-area-jwgs 0 1", "mechanism:public-health-fund 0 1", "mechanism:special-leaders-meeting 0 1", "mechanism:tourism-cities-alliance 0 1", "org:asean-community 0 1", "org:un 0 1", "pillar:economic-sustainable 0 1", "pillar:political-security 0 1", "pillar:social-cultural 0 1", "mechanism:china-secretariat 0 0", "org:asean 0 0"}
	statsCommitments = []struct {
		number string
		counts [5]int
	}{
		{"1", [5]int{0, 0, 0, 0, 3}},
		{"2", [5]int{0, 0, 0, 0, 2}},
		{"3", [5]int{2, 6, 1, 1, 0}},
		{"4.1.1", [5]int{3, 2, 2, 0, 0}},
		{"4.1.2", [5]int{0, 3, 1, 1, 0}},
		{"4.1.3.1", [5]int{0, 16, 2, 0, 0}},
		{"4.1.3.2", [5]int{0, 1, 0, 0, 0}},
		{"4.1.3.3", [5]int{0, 5, 0, 1, 0}},
		{"4.2.1", [5]int{0, 7, 2, 0, 0}},
		{"4.2.2", [5]int{0, 5, 0, 0, 0}},
		{"4.2.3", [5]int{0, 18, 0, 2, 0}},
	}
)

func TestStatsSeed(t *testing.T) {
	a, st := seed(t)
	s, err := a.Stats(ctx, analysis.StatsQuery{Top: 10})
	if err != nil {
		t.Fatal(err)
	}

	wantKinds := []analysis.Count{{"Plan", 1}, {"Section", 15}, {"Measure", 86}, {"Mention", 112},
		{"Country", 6}, {"CountryGroup", 2}, {"Mechanism", 29}, {"Initiative", 24}, {"Organization", 6},
		{"Pillar", 3}, {"PriorityArea", 5}, {"Catalog", 1}}
	if !reflect.DeepEqual(s.NodesByKind, wantKinds) {
		t.Errorf("NodesByKind =\n %v\nwant\n %v", s.NodesByKind, wantKinds)
	}

	// 290 nodes have a type; isPartOf: 15 sections, 86 measures and 27
	// catalog partOf; altLabel: 122 aliases and zh-Hant forms plus the 18
	// abbreviations, ACRF once; memberOf: 6 + 5 members.
	wantEdges := map[string]int{"rdf:type": 290, "dcterms:isPartOf": 128, "skos:altLabel": 139,
		"mentions": 106, "pg:entity": 112, "pg:text": 87, "pg:commitment": 86, "pg:abbreviation": 18,
		"pg:number": 15, "memberOf": 11, "implements": 8, "convenesEvery": 5, "buildsOn": 4,
		"complements": 4, "proposedBy": 4, "reinforces": 4, "cooperatesWith": 3, "alignsWith": 2,
		"drafts": 2, "pg:pillar": 2, "pg:priorityArea": 2, "heldIn": 1, "reportsTo": 1, "submitsTo": 1}
	total := 0
	got := map[string]int{}
	for i, c := range s.EdgesByPredicate {
		total += c.Count
		got[c.Name] = c.Count
		if i > 0 {
			p := s.EdgesByPredicate[i-1]
			if p.Count < c.Count || p.Count == c.Count && p.Name >= c.Name {
				t.Errorf("EdgesByPredicate: %v before %v", p, c)
			}
		}
	}
	for name, n := range wantEdges {
		if got[name] != n {
			t.Errorf("EdgesByPredicate[%s] = %d, want %d", name, got[name], n)
		}
	}
	if n, err := st.Count(ctx); err != nil || n != total {
		t.Errorf("EdgesByPredicate sums to %d, the store holds %d quads (%v)", total, n, err)
	}

	if got := statsCounts(s.MostMentioned); !slices.Equal(got, statsMostMentioned) {
		t.Errorf("MostMentioned =\n %v\nwant\n %v", got, statsMostMentioned)
	}
	if len(s.ByPillar) != len(statsByPillar) {
		t.Fatalf("ByPillar has %d groups", len(s.ByPillar))
	}
	for i, w := range statsByPillar {
		g := s.ByPillar[i]
		if got := statsCounts(g.Entities); g.GroupID != w.id || !slices.Equal(got, w.want) {
			t.Errorf("ByPillar[%d] = %s %v\nwant %s %v", i, g.GroupID, got, w.id, w.want)
		}
	}
	if len(s.BySection) != len(statsBySection) {
		t.Fatalf("BySection has %d groups", len(s.BySection))
	}
	for i, w := range statsBySection {
		g := s.BySection[i]
		if got := statsCounts(g.Entities); g.GroupID != statsSection(w.number) || !slices.Equal(got, w.want) {
			t.Errorf("BySection[%d] = %s %v\nwant %s %v", i, g.GroupID, got, w.number, w.want)
		}
	}
	var degrees []string
	for _, d := range s.Degrees {
		degrees = append(degrees, fmt.Sprintf("%s %d %d", d.EntityID, d.Out, d.In))
	}
	if !slices.Equal(degrees, statsDegrees) {
		t.Errorf("Degrees =\n %v\nwant\n %v", degrees, statsDegrees)
	}
	var commitments []string
	for _, c := range s.Commitments {
		commitments = append(commitments, fmt.Sprint(c.SectionID, c.Counts))
	}
	var wantCommitments []string
	measures := 0
	for _, c := range statsCommitments {
		wantCommitments = append(wantCommitments, fmt.Sprint(statsSection(c.number), c.counts))
		for _, n := range c.counts {
			measures += n
		}
	}
	if !slices.Equal(commitments, wantCommitments) {
		t.Errorf("Commitments =\n %v\nwant\n %v", commitments, wantCommitments)
	}
	if measures != 86 {
		t.Errorf("the expected commitments count %d measures, want 86", measures)
	}
}

// TestStatsMentionNodes checks MostMentioned against another path through
// the store: the mention nodes of each entity, counted by distinct measure.
func TestStatsMentionNodes(t *testing.T) {
	a, st := seed(t)
	s, err := a.Stats(ctx, analysis.StatsQuery{Top: analysis.MaxStatsTop})
	if err != nil {
		t.Fatal(err)
	}
	ents, err := st.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, e := range ents {
		ms, err := st.MentionsOf(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, m := range ms {
			seen[m.MeasureID] = true
		}
		if len(seen) > 0 {
			want[e.ID] = len(seen)
		}
	}
	got := map[string]int{}
	for _, c := range s.MostMentioned {
		got[c.EntityID] = c.Count
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MostMentioned = %v\nmention nodes say %v", got, want)
	}
	// Every entity but five countries (named only through 澜湄六国 and
	// 湄公河国家), the China secretariat (only inside its website's name)
	// and ASEAN (only inside other names).
	if len(got) != 68 {
		t.Errorf("%d entities are named, want 68", len(got))
	}
}

func TestStatsTop(t *testing.T) {
	a, _ := seed(t)
	for _, top := range []int{1, 4, 5, 11, analysis.MaxStatsTop} {
		s, err := a.Stats(ctx, analysis.StatsQuery{Top: top})
		if err != nil {
			t.Fatal(err)
		}
		full, err := a.Stats(ctx, analysis.StatsQuery{Top: analysis.MaxStatsTop})
		if err != nil {
			t.Fatal(err)
		}
		cut := func(cs []analysis.EntityCount) []analysis.EntityCount { return cs[:min(top, len(cs))] }
		if !reflect.DeepEqual(s.MostMentioned, cut(full.MostMentioned)) {
			t.Errorf("Top %d: MostMentioned %v", top, s.MostMentioned)
		}
		for i, g := range s.BySection {
			if !reflect.DeepEqual(g.Entities, cut(full.BySection[i].Entities)) {
				t.Errorf("Top %d: BySection[%s] %v", top, g.GroupID, g.Entities)
			}
		}
		for i, g := range s.ByPillar {
			if !reflect.DeepEqual(g.Entities, cut(full.ByPillar[i].Entities)) {
				t.Errorf("Top %d: ByPillar[%s] %v", top, g.GroupID, g.Entities)
			}
		}
		if len(s.Degrees) != 75 {
			t.Errorf("Top %d: %d degrees, want every entity (75)", top, len(s.Degrees))
		}
	}
	s, _ := a.Stats(ctx, analysis.StatsQuery{Top: 5})
	// mechanism:som also has 3 measures; the tie goes by id.
	if got := statsCounts(s.MostMentioned); !slices.Equal(got, statsMostMentioned[:5]) {
		t.Errorf("Top 5: %v", got)
	}
}

func TestStatsPlans(t *testing.T) {
	st, err := store.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := analysis.New(st)

	// An empty store: zero counts, no rankings.
	s, err := a.Stats(ctx, analysis.StatsQuery{Top: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.NodesByKind {
		if c.Count != 0 {
			t.Errorf("empty store: %v", c)
		}
	}
	if len(s.NodesByKind) != 12 || len(s.EdgesByPredicate) != 0 || s.MostMentioned != nil || s.Degrees != nil || s.Commitments != nil {
		t.Errorf("empty store: %+v", s)
	}

	// Two copies of the seed: counts double, the rankings of one plan are
	// the seed's, and naming no plan is an error.
	if _, err := st.Replace(ctx, searchCopies(t, 2)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Stats(ctx, analysis.StatsQuery{Top: 10}); !errors.Is(err, analysis.ErrInvalid) || !strings.Contains(err.Error(), "plan:lmc-2023-2027-c1") {
		t.Errorf("Stats of two plans without a plan: %v", err)
	}
	for _, plan := range []string{"plan:lmc-2023-2027-c0", "plan:lmc-2023-2027-c1"} {
		s, err := a.Stats(ctx, analysis.StatsQuery{Top: 10, Plan: plan})
		if err != nil {
			t.Fatal(err)
		}
		if s.NodesByKind[2] != (analysis.Count{Name: "Measure", Count: 172}) || s.NodesByKind[4] != (analysis.Count{Name: "Country", Count: 6}) {
			t.Errorf("%s: NodesByKind %v", plan, s.NodesByKind)
		}
		if got := statsCounts(s.MostMentioned); !slices.Equal(got, statsMostMentioned) {
			t.Errorf("%s: MostMentioned %v", plan, got)
		}
		var degrees []string
		for _, d := range s.Degrees {
			degrees = append(degrees, fmt.Sprintf("%s %d %d", d.EntityID, d.Out, d.In))
		}
		if !slices.Equal(degrees, statsDegrees) {
			t.Errorf("%s: Degrees =\n %v", plan, degrees)
		}
		slug := strings.TrimPrefix(plan, "plan:")
		if len(s.Commitments) != len(statsCommitments) || s.Commitments[0].SectionID != schema.SectionID(slug, "1") {
			t.Errorf("%s: Commitments %v", plan, s.Commitments)
		}
		if len(s.BySection) != 6 || s.BySection[5].GroupID != schema.SectionID(slug, "4.2") {
			t.Errorf("%s: BySection %v", plan, s.BySection)
		}
	}
}

func TestStatsInvalid(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name string
		q    analysis.StatsQuery
		also error
	}{
		{"top 0", analysis.StatsQuery{Top: 0}, nil},
		{"top negative", analysis.StatsQuery{Top: -3}, nil},
		{"top too large", analysis.StatsQuery{Top: analysis.MaxStatsTop + 1}, nil},
		{"unknown plan", analysis.StatsQuery{Top: 10, Plan: "plan:nope"}, store.ErrNotFound},
		{"not a plan", analysis.StatsQuery{Top: 10, Plan: "org:asean"}, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Stats(ctx, tt.q)
			if !errors.Is(err, analysis.ErrInvalid) || tt.also != nil && !errors.Is(err, tt.also) {
				t.Errorf("Stats(%+v) = %v", tt.q, err)
			}
		})
	}
	if _, err := a.Stats(ctx, analysis.StatsQuery{Top: 10, Plan: "plan:lmc-2023-2027"}); err != nil {
		t.Errorf("Stats of the seed plan by id: %v", err)
	}
}

func TestStatsDeterministic(t *testing.T) {
	a, _ := seed(t)
	b, _ := seed(t)
	q := analysis.StatsQuery{Top: analysis.MaxStatsTop}
	first, err := a.Stats(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*analysis.Analyzer{a, b} {
		again, err := x.Stats(ctx, q)
		if err != nil || !reflect.DeepEqual(again, first) {
			t.Errorf("Stats differs on a second run (%v)", err)
		}
	}
}

func BenchmarkStats(b *testing.B) {
	a, _ := seed(b)
	q := analysis.StatsQuery{Top: 10}
	for b.Loop() {
		if _, err := a.Stats(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStats100x ranks one plan of a store holding the seed plan 100
// times.
func BenchmarkStats100x(b *testing.B) {
	st, err := store.Open(ctx, "memory")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, searchCopies(b, 100)); err != nil {
		b.Fatal(err)
	}
	a := analysis.New(st)
	q := analysis.StatsQuery{Top: 10, Plan: "plan:lmc-2023-2027-c42"}
	for b.Loop() {
		if _, err := a.Stats(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

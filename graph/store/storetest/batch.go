package storetest

import (
	"testing"

	"plangraph/graph/store"
	"plangraph/schema"
)

func mentionIDs(ms []store.Mention) []string {
	ids := []string{}
	for _, m := range ms {
		ids = append(ids, m.EntityID)
	}
	return ids
}

func testMentionsInMany(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	ids := []string{schema.MeasureID(Slug, "1.1", 1), "measure:demo/9/9", schema.MeasureID(Slug, "2", 1)}
	got, err := s.MentionsInMany(ctx, ids)
	checkErr(t, "MentionsInMany", err, nil)
	check(t, "MentionsInMany[0]", mentionIDs(got[0]), []string{"country:CN", "initiative:gdi", "country:KH"})
	check(t, "MentionsInMany[1] (unknown measure)", mentionIDs(got[1]), []string{})
	check(t, "MentionsInMany[2]", mentionIDs(got[2]), []string{"mechanism:som", "mechanism:fmm", "mechanism:leaders-meeting"})
}

func testMentionsOfMany(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	got, err := s.MentionsOfMany(ctx, []string{"mechanism:leaders-meeting", "country:XX"})
	checkErr(t, "MentionsOfMany", err, nil)
	var measures []string
	for _, m := range got[0] {
		measures = append(measures, m.MeasureID)
	}
	check(t, "MentionsOfMany[0]", measures, []string{schema.MeasureID(Slug, "1.1.1", 1), schema.MeasureID(Slug, "2", 1)})
	check(t, "MentionsOfMany[1]", len(got[1]), 0)
}

func testPlanMeasures(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	ms, err := s.PlanMeasures(ctx, PlanID)
	checkErr(t, "PlanMeasures", err, nil)
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	check(t, "PlanMeasures", ids, []string{schema.MeasureID(Slug, "1.1", 1), schema.MeasureID(Slug, "1.1", 2),
		schema.MeasureID(Slug, "1.1.1", 1), schema.MeasureID(Slug, "2", 1), schema.MeasureID(Slug, "10", 1)})
	_, err = s.PlanMeasures(ctx, "plan:nope")
	checkErr(t, "PlanMeasures of an unknown plan", err, store.ErrNotFound)
}

func testFindMeasures(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	m := func(sec string, k int) string { return schema.MeasureID(Slug, sec, k) }
	tests := []struct {
		name string
		f    store.MeasureFilter
		want []string
	}{
		{"all", store.MeasureFilter{}, []string{m("1.1", 1), m("1.1", 2), m("1.1.1", 1), m("2", 1), m("10", 1)}},
		{"section prefix takes subsections", store.MeasureFilter{SectionPrefix: "1.1"}, []string{m("1.1", 1), m("1.1", 2), m("1.1.1", 1)}},
		{"section prefix is no string prefix", store.MeasureFilter{SectionPrefix: "1"}, []string{m("1.1", 1), m("1.1", 2), m("1.1.1", 1)}},
		{"mentions any", store.MeasureFilter{MentionsAny: []string{"initiative:bri", "org:asean"}}, []string{m("1.1", 2), m("10", 1)}},
		{"mentions all", store.MeasureFilter{MentionsAll: []string{"mechanism:som", "mechanism:leaders-meeting"}}, []string{m("2", 1)}},
		{"mentions all, none", store.MeasureFilter{MentionsAll: []string{"initiative:bri", "org:asean"}}, nil},
		{"plan", store.MeasureFilter{Plan: PlanID, SectionPrefix: "2"}, []string{m("2", 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := s.FindMeasures(ctx, tt.f)
			checkErr(t, "FindMeasures", err, nil)
			var ids []string
			for _, x := range ms {
				ids = append(ids, x.ID)
			}
			check(t, "FindMeasures", ids, tt.want)
		})
	}
	_, err := s.FindMeasures(ctx, store.MeasureFilter{Plan: "plan:nope"})
	checkErr(t, "FindMeasures of an unknown plan", err, store.ErrNotFound)
}

func testRelationsByEvidence(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	got, err := s.RelationsByEvidence(ctx, []string{schema.MeasureID(Slug, "1.1", 1), schema.MeasureID(Slug, "1.1.1", 1), "measure:demo/9/9"})
	checkErr(t, "RelationsByEvidence", err, nil)
	check(t, "RelationsByEvidence[0]", relationNames(got[0]), []string{"plan:demo complements initiative:gdi", "initiative:gdi proposedBy country:CN"})
	check(t, "RelationsByEvidence[1]", relationNames(got[1]), []string{"mechanism:leaders-meeting convenesEvery \"P2Y\"^^<http://www.w3.org/2001/XMLSchema#duration>"})
	check(t, "RelationsByEvidence[2]", len(got[2]), 0)
}

func testRelationsOfMany(t *testing.T, open func(*testing.T) *store.Store) {
	s := loaded(t, open)
	out, in, err := s.RelationsOfMany(ctx, []string{"mechanism:som", "initiative:gdi"}, store.RelationFilter{})
	checkErr(t, "RelationsOfMany", err, nil)
	check(t, "out[som]", relationNames(out[0]), []string{"mechanism:som reportsTo mechanism:leaders-meeting"})
	check(t, "in[som]", len(in[0]), 0)
	check(t, "out[gdi]", relationNames(out[1]), []string{"initiative:gdi proposedBy country:CN"})
	check(t, "in[gdi]", relationNames(in[1]), []string{"plan:demo complements initiative:gdi"})
}

func relationNames(rs []store.Relation) []string {
	out := []string{}
	for _, r := range rs {
		o := r.ObjectID
		if o == "" {
			o = r.Literal.String()
		}
		out = append(out, r.SubjectID+" "+schema.RelationName(r.Predicate)+" "+o)
	}
	return out
}

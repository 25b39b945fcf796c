package analysis_test

import (
	"errors"
	"slices"
	"testing"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
)

func TestAlignmentMPACAndBRI(t *testing.T) {
	a, _ := seed(t)
	res, err := a.Alignment(ctx, analysis.AlignmentQuery{Entities: []string{"initiative:mpac-2025", "initiative:bri"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range res.Items {
		ids = append(ids, it.ID)
	}
	// The plan-level statement (1/2: complements BRI, reinforces MPAC) and
	// the connectivity measure (4.2.1/1: 与MPAC…一带一路倡议…实现对接).
	for _, want := range []string{"measure:lmc-2023-2027/1/2", "measure:lmc-2023-2027/4.2.1/1"} {
		if !slices.Contains(ids, want) {
			t.Errorf("alignment items %v lack %s", ids, want)
		}
	}
	for _, it := range res.Items {
		if it.ID != "measure:lmc-2023-2027/4.2.1/1" {
			continue
		}
		if it.Score != 2 || len(it.Entities) != 2 || !it.Entities[0].Direct || !it.Entities[1].Direct {
			t.Errorf("4.2.1/1: %+v, want two direct references scoring 2", it)
		}
		for _, e := range it.Entities {
			if len(e.Mentions) == 0 || e.Mentions[0].MeasureID != it.ID {
				t.Errorf("4.2.1/1 %s: no matched span in the measure: %+v", e.EntityID, e.Mentions)
			}
		}
	}
	if len(res.Pairs) != 1 || res.Pairs[0].Count < 2 {
		t.Errorf("pairs = %+v", res.Pairs)
	}
	// Sorted by score.
	for i := 1; i < len(res.Items); i++ {
		if res.Items[i].Score > res.Items[i-1].Score {
			t.Errorf("items not sorted by score: %v then %v", res.Items[i-1].Score, res.Items[i].Score)
		}
	}
}

func TestAlignmentSectionsAndIndirect(t *testing.T) {
	a, _ := seed(t)
	res, err := a.Alignment(ctx, analysis.AlignmentQuery{Entities: []string{"initiative:mpac-2025", "mechanism:jwg-connectivity"}, Scope: analysis.ScopeSection})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range res.Items {
		if it.ID == "section:lmc-2023-2027/4.2.1" {
			found = true
			if len(it.Evidence) == 0 {
				t.Error("section item without evidence measures")
			}
		}
	}
	if !found {
		t.Errorf("4.2.1 not among %+v", res.Items)
	}
	// Cambodia is named nowhere, but it is a member of 澜湄六国, which many
	// measures name: those reference it indirectly (memberOf).
	res, err = a.Alignment(ctx, analysis.AlignmentQuery{Entities: []string{"country:KH", "mechanism:public-health-fund"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) == 0 {
		t.Fatal("no item ties Cambodia and the public health fund")
	}
	it := res.Items[0]
	var kh analysis.AlignedEntity
	for _, e := range it.Entities {
		if e.EntityID == "country:KH" {
			kh = e
		}
	}
	if kh.Direct || kh.Via == nil || kh.Via.ObjectID == "" || len(kh.Mentions) == 0 || it.Score != 1.5 {
		t.Errorf("Cambodia's reference in %s: %+v (score %v), want indirect via memberOf with mentions, score 1.5", it.ID, kh, it.Score)
	}
}

func TestAlignmentErrors(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name     string
		entities []string
		want     error
	}{
		{"one entity", []string{"initiative:bri"}, analysis.ErrInvalid},
		{"duplicates count once", []string{"initiative:bri", "initiative:bri"}, analysis.ErrInvalid},
		{"unknown", []string{"initiative:bri", "initiative:nope"}, store.ErrNotFound},
		{"not an entity", []string{"initiative:bri", "measure:lmc-2023-2027/1/1"}, analysis.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := a.Alignment(ctx, analysis.AlignmentQuery{Entities: tt.entities})
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

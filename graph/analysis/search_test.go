package analysis_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/data"
	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/graph/store/storetest"
	"plangraph/loader"
	"plangraph/schema"
)

// searchMeasure is the id of measure n of section sec of the seed plan.
func searchMeasure(sec string, n int) string { return schema.MeasureID("lmc-2023-2027", sec, n) }

func searchIDs(hits []analysis.SearchHit) []string {
	ids := []string{}
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// searchCheckHits checks what every search must hold: no node twice,
// scores non-increasing, entities before measures, and a span that
// selects, in Value, the text searched for, compared after loader.Fold
// (so text must hold no Traditional characters).
func searchCheckHits(t *testing.T, text string, hits []analysis.SearchHit) {
	t.Helper()
	seen := map[string]bool{}
	measures := false
	for i, h := range hits {
		if seen[h.ID] {
			t.Errorf("%q: %s returned twice", text, h.ID)
		}
		seen[h.ID] = true
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("%q: hit %d (%s) scores %v, above hit %d (%v)", text, i, h.ID, h.Score, i-1, hits[i-1].Score)
		}
		if h.Kind == schema.KindMeasure {
			measures = true
			if h.Field != analysis.FieldText {
				t.Errorf("%q: measure %s matched in field %s", text, h.ID, h.Field)
			}
		} else if measures {
			t.Errorf("%q: entity %s after a measure", text, h.ID)
		}
		r := []rune(h.Value)
		if h.Start < 0 || h.End > len(r) || h.End-h.Start != len([]rune(strings.TrimSpace(text))) {
			t.Errorf("%q: %s span [%d,%d) in %q", text, h.ID, h.Start, h.End, h.Value)
			continue
		}
		if got, want := loader.Fold(string(r[h.Start:h.End])), loader.Fold(strings.TrimSpace(text)); got != want {
			t.Errorf("%q: %s span [%d,%d) of %q is %q", text, h.ID, h.Start, h.End, h.Value, got)
		}
	}
}

// searchHant reports whether text holds one of the Traditional characters
// the tests use.
func searchHant(text string) bool { return strings.ContainsAny(text, "東盟關帶聯誼醫網") }

func TestSearchFirstHit(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name, text string
		want       analysis.SearchHit
	}{
		{"abbreviation alias", "MPAC",
			analysis.SearchHit{ID: "initiative:mpac-2025", Kind: schema.KindInitiative, Field: analysis.FieldAlias, Value: "MPAC", Start: 0, End: 4, Score: 6.05}},
		{"full-width", "ＭＰＡＣ",
			analysis.SearchHit{ID: "initiative:mpac-2025", Kind: schema.KindInitiative, Field: analysis.FieldAlias, Value: "MPAC", Start: 0, End: 4, Score: 6.05}},
		{"lower case abbreviation", "mpac 2025",
			analysis.SearchHit{ID: "initiative:mpac-2025", Kind: schema.KindInitiative, Field: analysis.FieldAbbreviation, Value: "MPAC 2025", Start: 0, End: 9, Score: 6.15}},
		{"priority area by name", "互联互通",
			analysis.SearchHit{ID: "area:connectivity", Kind: schema.KindPriorityArea, Field: analysis.FieldName, Value: "互联互通", Start: 0, End: 4, Score: 6.35}},
		{"English, lower case, prefix", "mekong",
			analysis.SearchHit{ID: "group:mekong-countries", Kind: schema.KindCountryGroup, Field: analysis.FieldENName, Value: "Mekong countries", Start: 0, End: 6, Score: 4 + 1 + 0.2 + 6.0/16/20}},
		{"Traditional finds the Simplified name", "東盟",
			analysis.SearchHit{ID: "org:asean", Kind: schema.KindOrganization, Field: analysis.FieldName, Value: "东盟", Start: 0, End: 2, Score: 6.35}},
		{"Traditional and Simplified mixed", "一帶一路",
			analysis.SearchHit{ID: "initiative:bri", Kind: schema.KindInitiative, Field: analysis.FieldName, Value: "一带一路倡议", Start: 0, End: 4, Score: 5 + 0.3 + 4.0/6/20}},
		{"Traditional alias as stored", "瀾湄友誼醫院網路",
			analysis.SearchHit{ID: "mechanism:friendship-hospital-network", Kind: schema.KindMechanism, Field: analysis.FieldAlias, Value: "瀾湄友誼醫院網路", Start: 0, End: 8, Score: 6.05}},
		{"abbreviation, exact", "asean",
			analysis.SearchHit{ID: "org:asean", Kind: schema.KindOrganization, Field: analysis.FieldAbbreviation, Value: "ASEAN", Start: 0, End: 5, Score: 6.15}},
		{"spaces around the text", " 　外长会 ",
			analysis.SearchHit{ID: "mechanism:fmm", Kind: schema.KindMechanism, Field: analysis.FieldName, Value: "外长会", Start: 0, End: 3, Score: 6.35}},
		{"dash folded", "中国-东盟对话关系",
			analysis.SearchHit{ID: "mechanism:asean-china-dialogue", Kind: schema.KindMechanism, Field: analysis.FieldName, Value: "中国—东盟对话关系", Start: 0, End: 9, Score: 6.35}},
		{"substring of a name", "光明",
			analysis.SearchHit{ID: "initiative:brightness-action", Kind: schema.KindInitiative, Field: analysis.FieldName, Value: "光明行", Start: 0, End: 2, Score: 5 + 0.3 + 2.0/3/20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := a.Search(ctx, analysis.SearchQuery{Text: tt.text, First: 20})
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 {
				t.Fatalf("Search(%q): no hits", tt.text)
			}
			got := hits[0]
			if d := got.Score - tt.want.Score; d > 1e-9 || d < -1e-9 {
				t.Errorf("Search(%q)[0].Score = %v, want %v", tt.text, got.Score, tt.want.Score)
			}
			got.Score = tt.want.Score
			if got != tt.want {
				t.Errorf("Search(%q)[0] =\n %+v\nwant\n %+v", tt.text, got, tt.want)
			}
			if !searchHant(tt.text) {
				searchCheckHits(t, tt.text, hits)
			}
		})
	}
}

func TestSearchConnectivity(t *testing.T) {
	a, _ := seed(t)
	hits, err := a.Search(ctx, analysis.SearchQuery{Text: "互联互通", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	searchCheckHits(t, "互联互通", hits)
	// area:connectivity, then the three entities whose names hold the
	// word (shorter names first), then the eight measures whose sentences
	// do (3/2 lists it among the priority areas; 1/2 holds it inside
	// 东盟互联互通总体规划2025).
	want := []string{
		"area:connectivity",
		"initiative:lm-connectivity-plan", // 澜湄国家互联互通合作规划, 12 runes
		"mechanism:jwg-connectivity",      // 澜湄国家互联互通联合工作组, 13
		"initiative:mpac-2025",            // 东盟互联互通总体规划2025, 14
		searchMeasure("4.2.1", 9),         // 31 runes
		searchMeasure("4.2.3", 12),        // 52
		searchMeasure("4.2.3", 9),         // 53
		searchMeasure("4.2.1", 8),         // 73
		searchMeasure("4.2.1", 1),         // 78
		searchMeasure("3", 2),             // 110
		searchMeasure("4.2.1", 3),         // 123
		searchMeasure("1", 2),             // 180
	}
	if got := searchIDs(hits); !slices.Equal(got, want) {
		t.Errorf("Search(互联互通) =\n %v\nwant\n %v", got, want)
	}
	for _, h := range hits[1:4] {
		if h.Field != analysis.FieldName || h.Score >= hits[0].Score || h.Score < 4 {
			t.Errorf("%s: field %s score %v", h.ID, h.Field, h.Score)
		}
	}
}

func TestSearchMekong(t *testing.T) {
	a, _ := seed(t)
	for _, text := range []string{"mekong", "MEKONG", "Ｍｅｋｏｎｇ"} {
		hits, err := a.Search(ctx, analysis.SearchQuery{Text: text, First: 20})
		if err != nil {
			t.Fatal(err)
		}
		searchCheckHits(t, text, hits)
		ids := searchIDs(hits)
		if len(ids) != 20 || ids[0] != "group:mekong-countries" {
			t.Fatalf("Search(%q) = %v", text, ids)
		}
		// Shortest English names first: Lancang-Mekong Week (19 runes),
		// Lancang-Mekong countries (24), Lancang-Mekong Cooperation (26).
		if !slices.Equal(ids[1:4], []string{"mechanism:lmc-week", "group:lmc-members", "mechanism:lmc"}) {
			t.Errorf("Search(%q)[1:4] = %v", text, ids[1:4])
		}
		for _, h := range hits {
			if h.Field != analysis.FieldENName {
				t.Errorf("Search(%q): %s matched %s %q", text, h.ID, h.Field, h.Value)
			}
		}
	}
}

func TestSearchTraditional(t *testing.T) {
	a, st := seed(t)
	// 東盟: org:asean by its Simplified name, then the entities whose names
	// start with 东盟, then those that hold it, then the measures.
	hits, err := a.Search(ctx, analysis.SearchQuery{Text: "東盟", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"org:asean",
		"org:asean-community", "initiative:acrf", "initiative:asean-community-vision-2025",
		"initiative:mpac-2025", "initiative:iai-work-plan",
		"mechanism:asean-china-dialogue", "initiative:acfta-3", "mechanism:asean-china-30th-anniversary-summit",
		searchMeasure("4.2.1", 1), searchMeasure("4.2.3", 2), searchMeasure("1", 3), searchMeasure("1", 2)}
	if got := searchIDs(hits); !slices.Equal(got, want) {
		t.Errorf("Search(東盟) =\n %v\nwant\n %v", got, want)
	}
	for _, h := range hits {
		if got := string([]rune(h.Value)[h.Start:h.End]); got != "东盟" {
			t.Errorf("Search(東盟): %s span %q", h.ID, got)
		}
	}

	// Traditional text finds Simplified sentences: 海關 is 海关.
	trad, err := a.Search(ctx, analysis.SearchQuery{Text: "海關", First: 100, Kinds: []schema.Kind{schema.KindMeasure}})
	if err != nil {
		t.Fatal(err)
	}
	simp, err := a.Search(ctx, analysis.SearchQuery{Text: "海关", First: 100, Kinds: []schema.Kind{schema.KindMeasure}})
	if err != nil {
		t.Fatal(err)
	}
	if len(trad) != 4 || !reflect.DeepEqual(trad, simp) {
		t.Errorf("Search(海關) =\n %v\nSearch(海关) =\n %v", trad, simp)
	}

	// 傳 and 統 are learnt from the catalog (關於…傳統醫藥…); 個 is not,
	// so it does not find 五个优先领域 (3/2).
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: "傳統", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(hits); !slices.Equal(got, []string{"initiative:traditional-medicine-joint-statement",
		searchMeasure("4.1.3.1", 5), searchMeasure("4.1.3.1", 3)}) {
		t.Errorf("Search(傳統) = %v", got)
	}
	if hits, err := a.Search(ctx, analysis.SearchQuery{Text: "個", First: 100}); err != nil || len(hits) != 0 {
		t.Errorf("Search(個) = %v, %v", hits, err)
	}

	// 路 is both the Traditional 路 of 網路 (网络) and the Simplified 路 of
	// 一带一路: it is not folded, so 络 does not find 公路、铁路.
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: "络", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if !strings.Contains(h.Value, "络") {
			t.Errorf("Search(络): %s %q does not hold 络", h.ID, h.Value)
		}
	}
	if slices.Contains(searchIDs(hits), searchMeasure("4.2.1", 3)) {
		t.Error("Search(络) found 4.2.1/3 (公路、铁路)")
	}
	// A measure text from the store, to make sure Value is it.
	m, err := st.Measure(ctx, searchMeasure("4.2.1", 1))
	if err != nil {
		t.Fatal(err)
	}
	if hits, _ := a.Search(ctx, analysis.SearchQuery{Text: "瀾湄國家互聯互通合作規劃", First: 100, Kinds: []schema.Kind{schema.KindMeasure}}); len(hits) != 1 || hits[0].Value != m.Text || hits[0].Start != 24 || hits[0].End != 36 {
		t.Errorf("Search(瀾湄國家互聯互通合作規劃) = %+v", hits)
	}
}

func TestSearchMeasureText(t *testing.T) {
	a, st := seed(t)
	hits, err := a.Search(ctx, analysis.SearchQuery{Text: "海关", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	searchCheckHits(t, "海关", hits)
	type hit struct {
		id         string
		start, end int
	}
	// The customs mechanism by name, then the measures by length: 4.2.3/10
	// (18 runes), /11 (22), /12 (52), /9 (53); each span is the first 海关.
	want := []hit{
		{"mechanism:customs-inspection-quarantine", 4, 6},
		{searchMeasure("4.2.3", 10), 8, 10},
		{searchMeasure("4.2.3", 11), 4, 6},
		{searchMeasure("4.2.3", 12), 16, 18},
		{searchMeasure("4.2.3", 9), 10, 12},
	}
	var got []hit
	for _, h := range hits {
		got = append(got, hit{h.ID, h.Start, h.End})
	}
	if !slices.Equal(got, want) {
		t.Errorf("Search(海关) =\n %v\nwant\n %v", got, want)
	}
	for _, h := range hits[1:] {
		m, err := st.Measure(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Value != m.Text || h.Kind != schema.KindMeasure || h.Field != analysis.FieldText {
			t.Errorf("%s: hit %+v, sentence %q", h.ID, h, m.Text)
		}
		if w := 2.0 / float64(len([]rune(m.Text))) / 20; h.Score != w {
			t.Errorf("%s: score %v, want %v", h.ID, h.Score, w)
		}
	}

	// ASCII inside Chinese text, matched case-insensitively, with rune
	// (not byte) offsets.
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: "sps", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != searchMeasure("4.2.3", 17) || hits[0].Start != 2 || hits[0].End != 5 {
		t.Errorf("Search(sps) = %+v", hits)
	}
	// A prefix of a sentence is a prefix match.
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: "持续优化海关", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Start != 0 || hits[0].Score != 1+6.0/22/20 {
		t.Errorf("Search(持续优化海关) = %+v", hits)
	}
	// A whole sentence is an exact match.
	m, _ := st.Measure(ctx, searchMeasure("4.2.3", 13))
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: m.Text, First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != m.ID || hits[0].End != len([]rune(m.Text)) || hits[0].Score != 2.05 {
		t.Errorf("Search(%s) = %+v", m.Text, hits)
	}
}

func TestSearchKinds(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name  string
		text  string
		kinds []schema.Kind
		want  []string
	}{
		{"organizations only", "东盟", []schema.Kind{schema.KindOrganization}, []string{"org:asean", "org:asean-community"}},
		{"two kinds", "东盟", []schema.Kind{schema.KindOrganization, schema.KindMechanism},
			[]string{"org:asean", "org:asean-community", "mechanism:asean-china-dialogue", "mechanism:asean-china-30th-anniversary-summit"}},
		{"measures only", "MPAC", []schema.Kind{schema.KindMeasure}, []string{searchMeasure("1", 2)}},
		{"entities only, no measure", "MPAC", []schema.Kind{schema.KindInitiative}, []string{"initiative:mpac-2025"}},
		{"a kind without a hit", "MPAC", []schema.Kind{schema.KindCountry}, []string{}},
		{"a kind twice", "光明行", []schema.Kind{schema.KindInitiative, schema.KindInitiative}, []string{"initiative:brightness-action"}},
		{"nothing matches", "不存在的文字", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := a.Search(ctx, analysis.SearchQuery{Text: tt.text, Kinds: tt.kinds, First: 100})
			if err != nil {
				t.Fatal(err)
			}
			if got := searchIDs(hits); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q, %v) = %v, want %v", tt.text, tt.kinds, got, tt.want)
			}
			for _, h := range hits {
				if len(tt.kinds) > 0 && !slices.Contains(tt.kinds, h.Kind) {
					t.Errorf("hit %s of kind %s", h.ID, h.Kind)
				}
			}
		})
	}
}

func TestSearchFirst(t *testing.T) {
	// Two copies of the seed plan: 合作 is in more than 100 names and
	// sentences.
	st, err := store.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, searchCopies(t, 2)); err != nil {
		t.Fatal(err)
	}
	a := analysis.New(st)
	all, err := a.Search(ctx, analysis.SearchQuery{Text: "合作", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 100 {
		t.Fatalf("Search(合作, 100) returned %d hits", len(all))
	}
	searchCheckHits(t, "合作", all)
	plans := map[string]bool{}
	for _, h := range all {
		if h.Kind == schema.KindMeasure {
			plans[store.PlanOf(h.ID)] = true
		}
	}
	if len(plans) != 2 {
		t.Errorf("Search(合作) found measures of %d plans, want 2", len(plans))
	}
	for _, n := range []int{1, 3, 20, 99} {
		hits, err := a.Search(ctx, analysis.SearchQuery{Text: "合作", First: n})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(hits, all[:n]) {
			t.Errorf("Search(合作, %d) is not the first %d of Search(合作, 100)", n, n)
		}
	}
}

func TestSearchDeterministic(t *testing.T) {
	a, _ := seed(t)
	for _, text := range []string{"合作", "澜湄", "a", "國"} {
		q := analysis.SearchQuery{Text: text, First: 100}
		first, err := a.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				again, err := a.Search(ctx, q)
				if err != nil || !reflect.DeepEqual(again, first) {
					t.Errorf("Search(%q) differs on a second run (%v)", text, err)
				}
			})
		}
		wg.Wait()
		// A second store loaded with the same plan answers the same.
		b, _ := seed(t)
		other, err := b.Search(ctx, q)
		if err != nil || !reflect.DeepEqual(other, first) {
			t.Errorf("Search(%q) differs on another store (%v)", text, err)
		}
	}
}

func TestSearchInvalid(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name string
		q    analysis.SearchQuery
	}{
		{"empty text", analysis.SearchQuery{Text: "", First: 10}},
		{"spaces", analysis.SearchQuery{Text: " \t\n", First: 10}},
		{"ideographic space", analysis.SearchQuery{Text: "　", First: 10}},
		{"too long", analysis.SearchQuery{Text: strings.Repeat("合", analysis.MaxSearchText+1), First: 10}},
		{"first 0", analysis.SearchQuery{Text: "合作", First: 0}},
		{"first 101", analysis.SearchQuery{Text: "合作", First: analysis.MaxSearchFirst + 1}},
		{"first negative", analysis.SearchQuery{Text: "合作", First: -1}},
		{"section kind", analysis.SearchQuery{Text: "合作", First: 10, Kinds: []schema.Kind{schema.KindSection}}},
		{"mention kind", analysis.SearchQuery{Text: "合作", First: 10, Kinds: []schema.Kind{schema.KindMeasure, schema.KindMention}}},
		{"unknown kind", analysis.SearchQuery{Text: "合作", First: 10, Kinds: []schema.Kind{"Widget"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := a.Search(ctx, tt.q)
			if !errors.Is(err, analysis.ErrInvalid) {
				t.Errorf("Search(%+v) = %v, %v; want an error matching ErrInvalid", tt.q, hits, err)
			}
		})
	}
	if _, err := a.Search(ctx, analysis.SearchQuery{Text: strings.Repeat("合", analysis.MaxSearchText), First: 10}); err != nil {
		t.Errorf("Search of %d runes: %v", analysis.MaxSearchText, err)
	}
}

// TestSearchReplace checks that a search sees the graph a Replace loaded,
// names and Traditional forms included.
func TestSearchReplace(t *testing.T) {
	a, st := seed(t)
	if hits, _ := a.Search(ctx, analysis.SearchQuery{Text: "Kampuchea", First: 10}); len(hits) != 0 {
		t.Fatalf("Search(Kampuchea) on the seed = %v", hits)
	}
	if _, err := st.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	hits, err := a.Search(ctx, analysis.SearchQuery{Text: "kampuchea", First: 10})
	if err != nil || len(hits) != 1 || hits[0].ID != "country:KH" || hits[0].Value != "Kampuchea" {
		t.Errorf("Search(kampuchea) after Replace = %v, %v", hits, err)
	}
	// The fixture has no zh-Hant forms: 東盟 stays 東盟 and finds nothing.
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: "東盟", First: 10})
	if err != nil || len(hits) != 0 {
		t.Errorf("Search(東盟) after Replace = %v, %v", hits, err)
	}
	hits, err = a.Search(ctx, analysis.SearchQuery{Text: "年度报告", First: 10})
	if err != nil || len(searchIDs(hits)) != 1 || hits[0].ID != schema.MeasureID(storetest.Slug, "2", 1) {
		t.Errorf("Search(年度报告) after Replace = %v, %v", hits, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Search(ctx, analysis.SearchQuery{Text: "合作", First: 10}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Search on a closed store: %v", err)
	}
}

var searchBenchQueries = []string{"MPAC", "互联互通", "mekong", "東盟", "海关", "合作"}

func BenchmarkSearch(b *testing.B) {
	a, _ := seed(b)
	searchBench(b, a)
}

// BenchmarkSearch100x searches a store holding the seed plan 100 times
// (8600 measures, the catalog once).
func BenchmarkSearch100x(b *testing.B) {
	st, err := store.Open(ctx, "memory")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, searchCopies(b, 100)); err != nil {
		b.Fatal(err)
	}
	searchBench(b, analysis.New(st))
}

func searchBench(b *testing.B, a *analysis.Analyzer) {
	for _, text := range searchBenchQueries {
		b.Run(text, func(b *testing.B) {
			q := analysis.SearchQuery{Text: text, First: 20}
			for b.Loop() {
				if _, err := a.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// searchCopies returns the seed plan's quads n times, each copy under its
// own plan slug (lmc-2023-2027-c0 …), with the catalog once.
func searchCopies(tb testing.TB, n int) []quad.Quad {
	tb.Helper()
	c, err := loader.ParseCatalog(bytes.NewReader(data.Catalog()), data.CatalogFile)
	if err != nil {
		tb.Fatal(err)
	}
	p := data.Plans()[0]
	r, err := loader.Load(loader.Plan{Slug: p.Slug, ZH: p.ZH, EN: p.EN, Source: p.File, Text: p.Text}, c)
	if err != nil {
		tb.Fatal(err)
	}
	var out []quad.Quad
	for k := range n {
		slug := fmt.Sprintf("%s-c%d", p.Slug, k)
		move := func(v quad.Value) quad.Value {
			iri, ok := v.(quad.IRI)
			if !ok {
				return v
			}
			for _, kind := range []schema.Kind{schema.KindPlan, schema.KindSection, schema.KindMeasure, schema.KindMention} {
				pre := schema.NodeBase + schema.IDPrefix(kind) + "/" + p.Slug
				if rest, ok := strings.CutPrefix(string(iri), pre); ok && (rest == "" || rest[0] == '/') {
					return quad.IRI(schema.NodeBase + schema.IDPrefix(kind) + "/" + slug + rest)
				}
			}
			return v
		}
		for _, q := range r.Quads {
			moved := quad.Quad{Subject: move(q.Subject), Predicate: q.Predicate, Object: move(q.Object), Label: move(q.Label)}
			if k > 0 && moved == q {
				continue // catalog quads: once
			}
			out = append(out, moved)
		}
	}
	return out
}

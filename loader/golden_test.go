package loader

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"plangraph/schema"
)

// TestSeedGolden loads the embedded LMC plan and compares the readable
// report (repairs, sections, measures, mentions, relations) and the sorted
// N-Quads with testdata/.
func TestSeedGolden(t *testing.T) {
	r, _ := seedPlan(t)
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	golden(t, "lmc-2023-2027.txt", text.Bytes())

	var nq bytes.Buffer
	w := nquads.NewWriter(&nq)
	if _, err := quad.Copy(w, quad.NewReader(r.Quads)); err != nil {
		t.Fatal(err)
	}
	golden(t, "lmc-2023-2027.nq", nq.Bytes())
}

// TestCleanFixtureGolden loads a clean text with headings on their own
// lines and Traditional Chinese names.
func TestCleanFixtureGolden(t *testing.T) {
	text, err := os.ReadFile("testdata/clean-plan.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Load(Plan{Slug: "clean", Source: "testdata/clean-plan.txt", Text: string(text)}, seedCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if r.Cleaned.Paged {
		t.Error("clean text taken as paged")
	}
	var out bytes.Buffer
	if err := r.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	golden(t, "clean-plan.golden", out.Bytes())
}

// TestSeedStructure checks what the issue asks of the seed, independently of
// the golden files.
func TestSeedStructure(t *testing.T) {
	r, c := seedPlan(t)
	wantTitles := map[string]string{
		"1": "发展目标", "2": "基本原则", "3": "工作架构", "4": "务实合作",
		"4.1": "政治安全事务", "4.1.1": "高层交往和政治对话合作", "4.1.2": "执法、司法合作",
		"4.1.3": "非传统安全合作", "4.1.3.1": "公共卫生合作", "4.1.3.2": "打击跨国犯罪",
		"4.1.3.3": "灾害管理合作", "4.2": "经济与可持续发展", "4.2.1": "互联互通",
		"4.2.2": "产能合作", "4.2.3": "贸易投资便利化",
	}
	got := map[string]string{}
	for _, s := range r.Sections {
		got[s.Number] = s.Title
	}
	if len(got) != len(wantTitles) {
		t.Errorf("got %d sections, want %d: %v", len(got), len(wantTitles), got)
	}
	for n, title := range wantTitles {
		if got[n] != title {
			t.Errorf("section %s title = %q, want %q", n, got[n], title)
		}
	}
	// No page marker, boilerplate or split word survives.
	bad := regexp.MustCompile(`(^|[^0-9-])[0-9]{1,2}、|会员分享|优知文库|docx|IAl|20212025|20182022|澜沧江一湄公河|中国一东盟`)
	rs := []rune(r.Cleaned.Text)
	measures := 0
	for _, s := range r.Sections {
		if bad.MatchString(s.Title) {
			t.Errorf("section %s title %q keeps scraping debris", s.Number, s.Title)
		}
		for _, m := range s.Measures {
			measures++
			if bad.MatchString(m.Text) {
				t.Errorf("measure %s/%d keeps scraping debris: %s", s.Number, m.Order, m.Text)
			}
			if string(rs[m.Start:m.End]) != m.Text {
				t.Errorf("measure %s/%d: offsets [%d,%d) do not give its text", s.Number, m.Order, m.Start, m.End)
			}
			for _, mn := range m.Mentions {
				if string(rs[mn.Start:mn.End]) != mn.Surface || mn.Start < m.Start || mn.End > m.End {
					t.Errorf("mention %s at [%d,%d) is not inside its measure or not its surface", mn.EntityID, mn.Start, mn.End)
				}
			}
		}
	}
	for _, w := range []string{"东盟共同体愿景2025", "澜湄六国", "澜湄合作徽标", "领导人会议", "研发公共健康产品", "联合行动", "伙伴关系"} {
		if !strings.Contains(r.Cleaned.Text, w) {
			t.Errorf("cleaned text lacks %q: a page break split it", w)
		}
	}
	last := r.Sections[len(r.Sections)-1]
	if !last.Truncated || !last.Measures[len(last.Measures)-1].Truncated || !strings.HasSuffix(last.Measures[len(last.Measures)-1].Text, "推进医") {
		t.Errorf("the final fragment is not kept and marked truncated")
	}
	if measures < 80 {
		t.Errorf("only %d measures", measures)
	}
	n := r.Counts(c)
	for _, k := range []schema.Kind{schema.KindCountry} {
		if n.Entities[k] != 6 {
			t.Errorf("%d countries in the catalog, want 6", n.Entities[k])
		}
	}
}

// TestSeedRelations checks the relations the plan states plainly.
func TestSeedRelations(t *testing.T) {
	r, _ := seedPlan(t)
	type rel struct{ s, p, o string }
	have := map[rel]string{}
	for _, s := range r.Sections {
		for _, m := range s.Measures {
			for _, x := range m.Relations {
				o := x.Object
				if o == "" {
					o = string(x.Literal.(quad.TypedString).Value)
				}
				have[rel{x.Subject, schema.RelationName(x.Predicate), o}] = s.Number
			}
		}
	}
	plan := "plan:lmc-2023-2027"
	want := []struct {
		rel
		section string
	}{
		{rel{plan, "complements", "initiative:bri"}, "1"},
		{rel{plan, "complements", "initiative:gdi"}, "1"},
		{rel{plan, "complements", "initiative:gsi"}, "1"},
		{rel{plan, "complements", "initiative:gci"}, "1"},
		{rel{plan, "reinforces", "initiative:asean-community-vision-2025"}, "1"},
		{rel{plan, "reinforces", "initiative:mpac-2025"}, "1"},
		{rel{plan, "reinforces", "initiative:iai-work-plan"}, "1"},
		{rel{plan, "reinforces", "initiative:acrf"}, "1"},
		{rel{plan, "implements", "initiative:un-2030-agenda"}, "1"},
		{rel{"mechanism:leaders-meeting", "convenesEvery", "P2Y"}, "4.1.1"},
		{rel{"mechanism:fmm", "convenesEvery", "P1Y"}, "4.1.1"},
		{rel{"mechanism:som", "reportsTo", "mechanism:fmm"}, "3"},
		{rel{"mechanism:fmm", "implements", "mechanism:leaders-meeting"}, "4.1.1"},
		{rel{"initiative:bri", "proposedBy", "country:CN"}, "1"},
		{rel{"initiative:lm-connectivity-plan", "alignsWith", "initiative:mpac-2025"}, "4.2.1"},
		{rel{"initiative:lm-connectivity-plan", "alignsWith", "initiative:bri"}, "4.2.1"},
		{rel{"mechanism:jwg-connectivity", "drafts", "initiative:lm-connectivity-plan"}, "4.2.1"},
	}
	for _, w := range want {
		sec, ok := have[w.rel]
		if !ok {
			t.Errorf("missing relation %v", w.rel)
		} else if sec != w.section {
			t.Errorf("relation %v stated in section %s, want %s", w.rel, sec, w.section)
		}
	}
	for k := range have {
		if k.p == "complements" && k.s == plan && k.o == "country:CN" {
			t.Errorf("the proposer 中方 taken as complemented")
		}
	}
}

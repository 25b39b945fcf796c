package loader

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLoad feeds arbitrary text to the loader: it must not panic, and every
// offset it reports must lie inside the cleaned text and give the text it
// claims.
func FuzzLoad(f *testing.F) {
	f.Add("1、一、目标本行动计划将与一带一路倡议互补互促。\n2、二、原则每两年召开一次领导人会议")
	f.Add("一、发展目标\n本计划。\n4.1 标题\n推进合作；")
	f.Add("一、务实合作1.1 标题1.1.1 甲1.2 乙2.1 丙")
	f.Add("1、IAl 20212025 澜沧江一湄公河\n2、")
	c := seedCatalog(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		r, err := Load(Plan{Slug: "f", Source: "fuzz", Text: text}, c)
		if err != nil {
			return
		}
		rs := []rune(r.Cleaned.Text)
		for _, s := range r.Sections {
			if s.TitleStart > s.TitleEnd || s.TitleEnd > len(rs) || s.BodyEnd > len(rs) {
				t.Fatalf("section %s offsets out of range", s.Number)
			}
			for _, m := range s.Measures {
				if m.Start < s.BodyStart || m.End > s.BodyEnd || string(rs[m.Start:m.End]) != m.Text {
					t.Fatalf("measure %s/%d offsets wrong", s.Number, m.Order)
				}
				for _, mn := range m.Mentions {
					if mn.Start < m.Start || mn.End > m.End || !strings.EqualFold(string(rs[mn.Start:mn.End]), mn.Surface) {
						t.Fatalf("mention offsets wrong")
					}
				}
			}
		}
	})
}

package loader

import (
	"reflect"
	"testing"
)

func TestTitleSeparation(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		paged  bool
		titles []string // "number title"
		first  string   // first measure of the last section
	}{
		{"run-in verb", "一、工作架构完善机制框架。", true, []string{"1 工作架构"}, "完善机制框架"},
		{"run-in 本行动计划 after 基本", "一、基本原则本行动计划密切结合发展需求。", true, []string{"1 基本原则"}, "本行动计划密切结合发展需求"},
		{"title with 、", "一、甲四、乙", true, []string{"1 甲四、乙"}, ""},
		{"nested numbers run together", "一、目标甲。二、原则乙。三、架构丙。四、务实合作4.1 政治安全事务4.1.1 高层交往和政治对话合作保持经常性高层往来。", true,
			[]string{"1 目标甲", "2 原则乙", "3 架构丙", "4 务实合作", "4.1 政治安全事务", "4.1.1 高层交往和政治对话合作"}, "保持经常性高层往来"},
		{"执法、司法合作", "一、务实合作1.1 执法、司法合作顺应区域需要。", true, []string{"1 务实合作", "1.1 执法、司法合作"}, "顺应区域需要"},
		{"可持续 is no sentence start", "一、务实合作1.1 经济与可持续发展1.1.1 互联互通充分发挥作用。", true,
			[]string{"1 务实合作", "1.1 经济与可持续发展", "1.1.1 互联互通"}, "充分发挥作用"},
		{"decimal in a sentence is no heading", "一、务实合作1.1 贸易投资便利化有效更新协定3.0,推动实施。", true,
			[]string{"1 务实合作", "1.1 贸易投资便利化"}, "有效更新协定3.0,推动实施"},
		{"number out of sequence is text", "一、合作1.1 甲合作推进2.5 乙。", true, []string{"1 合作", "1.1 甲合作"}, "推进2.5 乙"},
		{"clean headings on their own lines", "一、发展目标\n本计划旨在合作。\n1.1 公共卫生合作\n推进合作。", false,
			[]string{"1 发展目标", "1.1 公共卫生合作"}, "推进合作"},
		{"clean heading with run-in text", "一、发展目标本行动计划旨在合作。", false, []string{"1 发展目标"}, "本行动计划旨在合作"},
		{"clean text: numbers inside lines are no headings", "一、目标\n甲一、乙\n1.1 丙", false, []string{"1 目标", "1.1 丙"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, secs, _ := parseSections(tt.text, tt.paged)
			var got []string
			for _, s := range secs {
				got = append(got, s.Number+" "+s.Title)
			}
			if !reflect.DeepEqual(got, tt.titles) {
				t.Fatalf("titles = %q, want %q", got, tt.titles)
			}
			last := secs[len(secs)-1]
			ms := splitMeasures([]rune(tt.text), last.BodyStart, last.BodyEnd)
			first := ""
			if len(ms) > 0 {
				first = ms[0].Text
			}
			if first != tt.first {
				t.Errorf("first measure = %q, want %q", first, tt.first)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	c := testCatalog(t, "id: t\nentities: []\n")
	tests := []struct {
		name, text, want string
	}{
		{"empty", "  \n", "load plan.txt: empty plan text"},
		{"no headings", "只有一段文字。", "load plan.txt: loader: no numbered heading (一、 …) found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(Plan{Slug: "p", Source: "plan.txt", Text: tt.text}, c)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

package loader

import (
	"reflect"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

const relationCatalog = `
id: t
entities:
  - {id: country:CN, zh: 中国, en: China, iso: CN, aliases: [中方]}
  - {id: initiative:bri, zh: 一带一路倡议, en: Belt and Road Initiative}
  - {id: initiative:gdi, zh: 全球发展倡议, en: Global Development Initiative}
  - {id: initiative:mpac-2025, zh: 东盟互联互通总体规划2025, en: MPAC 2025}
  - {id: initiative:rcep, zh: 区域全面经济伙伴关系协定, en: RCEP}
  - {id: initiative:agenda, zh: 联合国2030年可持续发展议程, en: 2030 Agenda}
  - {id: initiative:old-plan, zh: 旧行动计划, en: Old plan}
  - {id: mechanism:leaders-meeting, zh: 领导人会议, en: Leaders' Meeting}
  - {id: mechanism:fmm, zh: 外长会, en: Foreign Ministers' Meeting}
  - {id: mechanism:som, zh: 高官会, en: Senior Officials' Meeting}
  - {id: mechanism:week, zh: 澜湄周, en: LMC Week}
  - {id: mechanism:wg, zh: 互联互通联合工作组, en: Connectivity Working Group}
  - {id: initiative:cp, zh: 互联互通合作规划, en: Connectivity Cooperation Plan}
  - {id: group:six, zh: 六国, en: Six countries}
  - {id: org:who, zh: 世界卫生组织, en: WHO}
  - {id: org:fao, zh: 联合国粮农组织, en: FAO}
`

func TestRelationPatterns(t *testing.T) {
	l := NewLinker(testCatalog(t, relationCatalog))
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"complements, proposer excluded", "本行动计划将与中方提出的一带一路倡议、全球发展倡议互补互促",
			[]string{"initiative:bri proposedBy country:CN", "initiative:gdi proposedBy country:CN", "plan:p complements initiative:bri", "plan:p complements initiative:gdi"}},
		{"reinforces after a complements clause", "本行动计划将与一带一路倡议互补互促,并与东盟互联互通总体规划2025相辅相成",
			[]string{"plan:p complements initiative:bri", "plan:p reinforces initiative:mpac-2025"}},
		{"alignsWith: the plan being drafted aligns, the working group drafts it", "充分发挥互联互通联合工作组作用,加快编制互联互通合作规划,并与东盟互联互通总体规划2025和其后续文件、一带一路倡议实现对接",
			[]string{"initiative:cp alignsWith initiative:bri", "initiative:cp alignsWith initiative:mpac-2025", "mechanism:wg drafts initiative:cp"}},
		{"alignsWith: the working group as topic when nothing is drafted", "充分发挥互联互通联合工作组作用,并与一带一路倡议实现对接",
			[]string{"mechanism:wg alignsWith initiative:bri"}},
		{"implements reaches a 包括 clause", "行动计划还旨在落实旧行动计划下的重要共识,包括一带一路倡议重要共识,深化合作",
			[]string{"plan:p implements initiative:bri", "plan:p implements initiative:old-plan"}},
		{"submitsTo", "六国将下一年度联合项目清单提交外长会审议通过", []string{"group:six submitsTo mechanism:fmm"}},
		{"heldIn", "纪念2016年3月23日在中国举行的领导人会议", []string{"mechanism:leaders-meeting heldIn country:CN"}},
		{"convenesEvery two years", "每两年召开一次领导人会议", []string{"mechanism:leaders-meeting convenesEvery P2Y"}},
		{"convenesEvery yearly, then implements", "每年举行一次外长会,落实领导人会议共识",
			[]string{"mechanism:fmm convenesEvery P1Y", "mechanism:fmm implements mechanism:leaders-meeting"}},
		{"convenesEvery for each listed", "每年视情举行高官会、外长会", []string{"mechanism:fmm convenesEvery P1Y", "mechanism:som convenesEvery P1Y"}},
		{"annual event", "继续举办年度澜湄周活动", []string{"mechanism:week convenesEvery P1Y"}},
		{"reportsTo", "每年通过高官会向外长会提交本行动计划落实进展报告", []string{"mechanism:som reportsTo mechanism:fmm"}},
		{"implements after 落实", "促进落实联合国2030年可持续发展议程", []string{"plan:p implements initiative:agenda"}},
		{"推动…有效实施", "推动区域全面经济伙伴关系协定有效实施和充分利用", []string{"plan:p implements initiative:rcep"}},
		{"past implementation is not implements but buildsOn", "本行动计划的制订基于旧行动计划的成功落实和历次领导人会议宣言",
			[]string{"plan:p buildsOn initiative:old-plan", "plan:p buildsOn mechanism:leaders-meeting"}},
		{"cooperatesWith across a comma", "包括寻求世界卫生组织,联合国粮农组织等其他合作伙伴的合作",
			[]string{"plan:p cooperatesWith org:fao", "plan:p cooperatesWith org:who"}},
		{"no cue, no relation", "加强领导人会议和外长会的协调", nil},
		{"与 without a cue word", "这些倡议与一带一路倡议有利于和平", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.text)
			m := Measure{Text: tt.text, Start: 0, End: len(rs)}
			m.Mentions = l.link(rs, foldRunes(rs), span{start: 0, end: len(rs)})
			var got []string
			for _, r := range relate(&m, "plan:p") {
				o := r.Object
				if o == "" {
					o = string(r.Literal.(quad.TypedString).Value)
				}
				got = append(got, r.Subject+" "+schema.RelationName(r.Predicate)+" "+o)
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestISODuration(t *testing.T) {
	for _, tt := range []struct{ count, unit, want string }{
		{"", "年", "P1Y"}, {"两", "年", "P2Y"}, {"三", "年", "P3Y"}, {"半", "年", "P6M"}, {"", "季度", "P3M"}, {"", "月", "P1M"},
	} {
		if got := isoDuration(tt.count, tt.unit); got != tt.want {
			t.Errorf("isoDuration(%q, %q) = %s, want %s", tt.count, tt.unit, got, tt.want)
		}
	}
}

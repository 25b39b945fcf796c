package loader

import (
	"strings"
	"testing"
)

func TestCleanRepairs(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		repairs []Repair
	}{
		{
			name: "boilerplate line dropped",
			in:   "《计划.docx》由会员分享,可在线阅读,更多相关《计划.docx(30页珍藏版)》请在优知文库上搜索。\n一、目标",
			want: "一、目标",
			repairs: []Repair{{Kind: RepairBoilerplate, Line: 1, Offset: 0,
				Before: "《计划.docx》由会员分享,可在线阅读,更多相关《计划.docx(30页珍藏版)》请在优知文库上搜索。"}},
		},
		{
			name: "page markers removed and the split word rejoined",
			in:   "1、东盟共同体愿\n2、景2025及其后续文件",
			want: "东盟共同体愿景2025及其后续文件",
			repairs: []Repair{
				{Kind: RepairPageMarker, Line: 1, Offset: 0, Before: "1、"},
				{Kind: RepairPageMarker, Line: 2, Offset: 9, Before: "2、"},
			},
		},
		{
			name: "out-of-sequence marker is text",
			in:   "1、甲\n2、乙\n5、丙",
			want: "甲乙5、丙",
			repairs: []Repair{
				{Kind: RepairPageMarker, Line: 1, Offset: 0, Before: "1、"},
				{Kind: RepairPageMarker, Line: 2, Offset: 4, Before: "2、"},
			},
		},
		{
			name:    "一 between place names",
			in:      "澜沧江一湄公河合作和中国一东盟关系",
			want:    "澜沧江—湄公河合作和中国—东盟关系",
			repairs: []Repair{{Kind: RepairDash, Line: 1, Offset: 3, Before: "一", After: "—"}, {Kind: RepairDash, Line: 1, Offset: 12, Before: "一", After: "—"}},
		},
		{
			name: "一 elsewhere stays",
			in:   "一带一路倡议和进一步统一",
			want: "一带一路倡议和进一步统一",
		},
		{
			name:    "OCR l in an acronym",
			in:      "东盟一体化倡议(IAl)工作计划",
			want:    "东盟一体化倡议(IAI)工作计划",
			repairs: []Repair{{Kind: RepairOCRLetter, Line: 1, Offset: 8, Before: "IAl", After: "IAI"}},
		},
		{
			name: "lower-case words untouched",
			in:   "Lancang-Mekong plan MPAC",
			want: "Lancang-Mekong plan MPAC",
		},
		{
			name:    "year range without dash",
			in:      "工作计划20212025、行动计划(20182022)",
			want:    "工作计划2021-2025、行动计划(2018-2022)",
			repairs: []Repair{{Kind: RepairYearRange, Line: 1, Offset: 4, Before: "20212025", After: "2021-2025"}, {Kind: RepairYearRange, Line: 1, Offset: 18, Before: "20182022", After: "2018-2022"}},
		},
		{
			name: "eight digits that are no range",
			in:   "编号20252021和123456789和20001000",
			want: "编号20252021和123456789和20001000",
		},
		{
			name:    "offsets count runes of the input, not of the output",
			in:      "1、中国一东\n2、盟(20182022)",
			want:    "中国—东盟(2018-2022)",
			repairs: []Repair{{Kind: RepairPageMarker, Line: 1, Offset: 0, Before: "1、"}, {Kind: RepairDash, Line: 1, Offset: 4, Before: "一", After: "—"}, {Kind: RepairPageMarker, Line: 2, Offset: 7, Before: "2、"}, {Kind: RepairYearRange, Line: 2, Offset: 11, Before: "20182022", After: "2018-2022"}},
		},
		{
			name: "clean text keeps its lines",
			in:   "一、目标\r\n本计划。\n\n",
			want: "一、目标\n本计划。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got.Text != tt.want {
				t.Errorf("text = %q, want %q", got.Text, tt.want)
			}
			if len(got.Repairs) != len(tt.repairs) {
				t.Fatalf("repairs = %+v, want %+v", got.Repairs, tt.repairs)
			}
			for i := range tt.repairs {
				if got.Repairs[i] != tt.repairs[i] {
					t.Errorf("repair %d = %+v, want %+v", i, got.Repairs[i], tt.repairs[i])
				}
			}
		})
	}
}

func TestCleanSeedReportsEveryRepair(t *testing.T) {
	r, _ := seedPlan(t)
	by := map[string]int{}
	for _, rp := range r.Cleaned.Repairs {
		by[rp.Kind]++
	}
	want := map[string]int{RepairBoilerplate: 1, RepairPageMarker: 15, RepairDash: 5, RepairOCRLetter: 1, RepairYearRange: 2}
	for k, n := range want {
		if by[k] != n {
			t.Errorf("%d %s repairs, want %d", by[k], k, n)
		}
	}
	if !r.Cleaned.Paged {
		t.Error("seed not recognised as paged")
	}
	if strings.Contains(r.Cleaned.Text, "\n") {
		t.Error("paged text keeps line breaks")
	}
}

package loader

import (
	"reflect"
	"testing"
)

const linkCatalog = `
id: t
entities:
  - id: org:asean
    zh: 东盟
    en: ASEAN
    hant: 東盟
  - id: initiative:mpac-2025
    zh: 东盟互联互通总体规划2025
    en: Master Plan on ASEAN Connectivity 2025
    aliases: [MPAC]
  - id: mechanism:lmc
    zh: 澜湄合作
    en: Lancang-Mekong Cooperation
  - id: mechanism:china-secretariat
    zh: 澜湄合作中国秘书处
    en: LMC China Secretariat
  - id: group:lmc-members
    zh: 澜湄六国
    en: Lancang-Mekong countries
    aliases:
      - text: 六国
        generic: true
        notAfter: [东盟]
  - id: area:connectivity
    zh: 互联互通
    en: Connectivity
    generic: true
    heading: true
    list: true
  - id: org:un
    zh: 联合国
    en: United Nations
    abbr: UN
  - id: initiative:plan
    zh: 行动计划甲
    en: Plan A
    aliases:
      - text: 行动计划
        generic: true
        after: [本]
`

func TestLinker(t *testing.T) {
	l := NewLinker(testCatalog(t, linkCatalog))
	tests := []struct {
		name    string
		text    string
		heading bool
		want    []string // entity@surface
	}{
		{"longest match: MPAC not ASEAN", "与东盟互联互通总体规划2025对接", false, []string{"initiative:mpac-2025@东盟互联互通总体规划2025"}},
		{"nested: secretariat not LMC", "发挥澜湄合作中国秘书处作用和澜湄合作精神", false, []string{"mechanism:china-secretariat@澜湄合作中国秘书处", "mechanism:lmc@澜湄合作"}},
		{"shorter name where the longer does not fit", "东盟互联互通建设", false, []string{"org:asean@东盟"}},
		{"full-width parentheses and Latin case fold", "（mpac）和ＭＰＡＣ", false, []string{"initiative:mpac-2025@mpac", "initiative:mpac-2025@ＭＰＡＣ"}},
		{"Traditional form through an alias", "東盟國家", false, []string{"org:asean@東盟"}},
		{"ASCII name not inside a word", "UNESCO与UN合作", false, []string{"org:un@UN"}},
		{"generic word in running text does not link", "加强公路互联互通", false, nil},
		{"generic word as an enumeration item", "五个优先领域(互联互通、产能)", false, []string{"area:connectivity@互联互通"}},
		{"generic word as a whole heading", "互联互通", true, []string{"area:connectivity@互联互通"}},
		{"generic word in a longer heading does not link", "互联互通合作", true, nil},
		{"notAfter rule", "六国秘书处和东盟六国", false, []string{"group:lmc-members@六国", "org:asean@东盟"}},
		{"after rule", "本行动计划和该行动计划", false, []string{"initiative:plan@行动计划"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.text)
			var got []string
			for _, m := range l.link(rs, foldRunes(rs), span{start: 0, end: len(rs), heading: tt.heading}) {
				got = append(got, m.EntityID+"@"+m.Surface)
				if string(rs[m.Start:m.End]) != m.Surface {
					t.Errorf("offsets [%d,%d) do not give %q", m.Start, m.End, m.Surface)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSeedGenericWords checks the everyday words of the seed link only where
// they name the entity.
func TestSeedGenericWords(t *testing.T) {
	r, _ := seedPlan(t)
	count := map[string]int{}
	for _, s := range r.Sections {
		for _, m := range s.Measures {
			for _, mn := range m.Mentions {
				count[mn.EntityID+"@"+mn.Surface]++
			}
		}
	}
	// 互联互通 appears a dozen times in the text but names the priority area
	// only in the list of five priority areas (and in the 4.2.1 heading).
	if n := count["area:connectivity@互联互通"]; n != 1 {
		t.Errorf("互联互通 linked %d times in measures, want 1", n)
	}
	if n := count["area:production-capacity@产能合作"]; n != 0 {
		t.Errorf("产能合作 linked %d times in measures, want 0", n)
	}
	if n := count["group:lmc-members@六国"]; n != 5 {
		t.Errorf("六国 linked %d times, want 5", n)
	}
	var areas []string
	for _, s := range r.Sections {
		areas = append(areas, s.PriorityAreas...)
	}
	if !reflect.DeepEqual(areas, []string{"area:connectivity", "area:production-capacity"}) {
		t.Errorf("sections name priority areas %v", areas)
	}
}

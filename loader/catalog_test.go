package loader

import (
	"errors"
	"strings"
	"testing"

	"plangraph/schema"
)

func TestCatalogErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"duplicate id", "id: t\nentities:\n  - {id: org:a, zh: 甲, en: A}\n  - {id: org:a, zh: 乙, en: B}\n",
			"test.yaml:4: duplicate entity id org:a (first at line 3)"},
		{"unknown member", "id: t\nentities:\n  - {id: group:g, zh: 组, en: G, members: [country:XX]}\n",
			"test.yaml:3: entity group:g: unknown member country:XX"},
		{"empty zh", "id: t\nentities:\n  - id: org:a\n    en: A\n", "test.yaml:3: entity org:a: empty zh name"},
		{"empty en", "id: t\nentities:\n  - id: org:a\n    zh: 甲\n", "test.yaml:3: entity org:a: empty en name"},
		{"unknown kind", "id: t\nentities:\n  - {id: thing:a, zh: 甲, en: A}\n",
			"test.yaml:3: entity thing:a: unknown kind prefix (want one of country, group, mechanism, initiative, org, pillar, area)"},
		{"alias of two entities", "id: t\nentities:\n  - {id: org:a, zh: 甲, en: A}\n  - id: org:b\n    zh: 乙\n    en: B\n    aliases: [甲]\n",
			`test.yaml:7: alias "甲" of org:b is already an alias of org:a`},
		{"generic alias without rule", "id: t\nentities:\n  - id: org:a\n    zh: 甲\n    en: A\n    aliases:\n      - {text: 六国, generic: true}\n",
			`test.yaml:7: entity org:a: generic alias "六国" has no rule (heading, list, after or notAfter)`},
		{"unknown partOf", "id: t\nentities:\n  - {id: mechanism:a, zh: 甲, en: A, partOf: mechanism:zz}\n",
			"test.yaml:3: entity mechanism:a: partOf names unknown entity mechanism:zz"},
		{"country without iso", "id: t\nentities:\n  - {id: country:KH, zh: 柬埔寨, en: Cambodia}\n", "test.yaml:3: country country:KH has no iso code"},
		{"no id", "entities: []\n", "test.yaml:1: catalog has no id"},
		{"syntax error", "id: t\nentities:\n  - {id: org:a\n", "test.yaml:2"},
		{"unknown field", "id: t\nentities:\n  - {id: org:a, zh: 甲, en: A, colour: red}\n", "test.yaml:3: field colour not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCatalog(strings.NewReader(tt.yaml), "test.yaml")
			var ce *CatalogError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *CatalogError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestSeedCatalog(t *testing.T) {
	c := seedCatalog(t)
	for _, id := range []string{
		"country:CN", "country:KH", "country:LA", "country:MM", "country:TH", "country:VN",
		"group:lmc-members", "group:mekong-countries", "mechanism:leaders-meeting", "mechanism:fmm", "mechanism:som",
		"initiative:bri", "initiative:gdi", "initiative:gsi", "initiative:gci", "initiative:mpac-2025",
		"initiative:iai-work-plan", "initiative:acrf", "initiative:un-2030-agenda", "initiative:rcep", "org:asean", "org:who",
	} {
		if _, ok := c.Entity(id); !ok {
			t.Errorf("catalog lacks %s", id)
		}
	}
	g, _ := c.Entity("group:lmc-members")
	if len(g.Members) != 6 {
		t.Errorf("group:lmc-members has %d members", len(g.Members))
	}
	n := 0
	for _, e := range c.Entities {
		if e.Kind == schema.KindPillar {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d pillars, want 3", n)
	}
}

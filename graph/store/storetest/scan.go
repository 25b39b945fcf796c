package storetest

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// edgeLines writes edges as "subject predicate object evidence", the
// predicate by its local name and the object by its id or N-Quads form.
func edgeLines(es []store.Edge) []string {
	out := []string{}
	for _, e := range es {
		p := string(e.Predicate)
		if i := strings.LastIndexAny(p, "#/"); i >= 0 {
			p = p[i+1:]
		}
		o := e.ObjectID
		if o == "" {
			o = quad.StringOf(e.Object)
		}
		out = append(out, e.Subject+" "+p+" "+o+" "+e.Evidence)
	}
	return out
}

func testScan(t *testing.T, open func(*testing.T) *store.Store) {
	empty := open(t)
	got, err := empty.Scan(ctx, schema.Text)
	checkErr(t, "Scan of an empty store", err, nil)
	check(t, "Scan of an empty store", len(got), 0)

	s := loaded(t, open)
	m := func(sec string, k int) string { return schema.MeasureID(Slug, sec, k) }
	tests := []struct {
		name  string
		preds []quad.IRI
		want  []string
	}{
		{"literals with language tags", []quad.IRI{schema.Text}, []string{
			m("1.1.1", 1) + ` text "领导人会议每两年召开一次。"@zh ` + m("1.1.1", 1), // "1.1.1/" < "1.1/"
			m("1.1", 1) + ` text "支持中国提出的全球发展倡议，推进与柬埔寨的合作。"@zh ` + m("1.1", 1),
			m("1.1", 2) + ` text "推动澜湄合作与一带一路、东盟互联互通总体规划2025对接。"@zh ` + m("1.1", 2),
			m("10", 1) + ` text "寻求与东盟的合"@zh ` + m("10", 1),
			m("2", 1) + ` text "高官会通过外长会向领导人会议提交年度报告。"@zh ` + m("2", 1),
			PlanID + ` text "` + PlanText + `"@zh ` + PlanID,
		}},
		{"several predicates, by predicate then subject, duplicates once", []quad.IRI{schema.Abbreviation, schema.AltLabel, schema.Abbreviation}, []string{
			`country:KH altLabel "Kampuchea" catalog:lmc`,
			`country:KH altLabel "柬" catalog:lmc`,
			`initiative:bri altLabel "“一带一路”倡议" catalog:lmc`, // U+201C < U+4E00
			`initiative:bri altLabel "一带一路倡议" catalog:lmc`,
			`initiative:bri abbreviation "BRI" catalog:lmc`,
			`initiative:gdi abbreviation "GDI" catalog:lmc`,
			`initiative:mpac-2025 abbreviation "MPAC 2025" catalog:lmc`,
			`mechanism:fmm abbreviation "FMM" catalog:lmc`,
			`mechanism:som abbreviation "SOM" catalog:lmc`,
			`org:asean abbreviation "ASEAN" catalog:lmc`,
		}},
		{"node objects", []quad.IRI{schema.Pillar, schema.PriorityArea}, []string{
			"section:demo/1 pillar pillar:political-security plan:demo",
			"section:demo/2 priorityArea area:connectivity plan:demo",
		}},
		{"a predicate no quad has", []quad.IRI{schema.HeldIn}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Scan(ctx, tt.preds...)
			checkErr(t, "Scan", err, nil)
			check(t, "Scan", edgeLines(got), tt.want)
		})
	}
	_, err = s.Scan(ctx)
	checkErr(t, "Scan of no predicate", err, store.ErrInvalidFilter)
	_, err = s.Scan(ctx, "")
	checkErr(t, "Scan of an empty predicate", err, store.ErrInvalidFilter)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_, err = s.Scan(ctx, schema.Text)
	checkErr(t, "Scan after Close", err, store.ErrClosed)
}

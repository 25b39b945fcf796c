package analysis_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/schema"
)

func TestAlignmentMatrixDefault(t *testing.T) {
	a, _ := seed(t)
	m, err := a.AlignmentMatrix(ctx, analysis.MatrixQuery{Columns: analysis.ColumnsSectionLevel2})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, c := range m.Columns {
		labels = append(labels, c.Label)
	}
	if len(labels) != 2 || labels[0] != "4.1 政治安全事务" || labels[1] != "4.2 经济与可持续发展" {
		t.Errorf("columns %v, want the two sections of 四、务实合作", labels)
	}
	cell := func(row string, col int) []string {
		for _, c := range m.Cells {
			if m.Rows[c.Row] == row && c.Column == col {
				return c.Evidence
			}
		}
		return nil
	}
	// MPAC is named in 4.2.1/1 (and in 1/2, outside the columns).
	if ev := cell("initiative:mpac-2025", 1); len(ev) != 1 || ev[0] != "measure:lmc-2023-2027/4.2.1/1" {
		t.Errorf("MPAC × 4.2 = %v", ev)
	}
	if ev := cell("initiative:mpac-2025", 0); ev != nil {
		t.Errorf("MPAC × 4.1 = %v, want empty", ev)
	}
	if ev := cell("initiative:traditional-medicine-joint-statement", 0); len(ev) != 1 {
		t.Errorf("traditional medicine statement × 4.1 = %v", ev)
	}
	if m.MaxCount < 1 {
		t.Errorf("max count %d", m.MaxCount)
	}
}

func TestAlignmentMatrixColumns(t *testing.T) {
	a, _ := seed(t)
	tests := []struct {
		name    string
		q       analysis.MatrixQuery
		columns int
		row     string
		col     string
		count   int
	}{
		{"level 1", analysis.MatrixQuery{Columns: analysis.ColumnsSectionLevel1, Rows: []string{"mechanism:fmm"}}, 4, "mechanism:fmm", "section:lmc-2023-2027/3", 2},
		{"pillar through enclosing sections", analysis.MatrixQuery{Columns: analysis.ColumnsPillar, Rows: []string{"org:who"}}, 3, "org:who", "pillar:political-security", 1},
		{"priority area", analysis.MatrixQuery{Columns: analysis.ColumnsPriorityArea, Rows: []string{"initiative:bri"}}, 5, "initiative:bri", "area:connectivity", 1},
		{"entity kind", analysis.MatrixQuery{Columns: analysis.ColumnsEntityKind, Rows: []string{"org:who"}}, 7, "org:who", "Organization", 1},
		{"indirect adds measures naming a group Cambodia belongs to", analysis.MatrixQuery{Columns: analysis.ColumnsSectionLevel1, Rows: []string{"country:KH"}, Indirect: true}, 4, "country:KH", "section:lmc-2023-2027/3", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := a.AlignmentMatrix(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Columns) != tt.columns {
				t.Errorf("%d columns, want %d", len(m.Columns), tt.columns)
			}
			got := 0
			for _, c := range m.Cells {
				if m.Rows[c.Row] == tt.row && m.Columns[c.Column].ID == tt.col {
					got = len(c.Evidence)
				}
			}
			if got != tt.count {
				t.Errorf("%s × %s = %d, want %d (%+v)", tt.row, tt.col, got, tt.count, m.Cells)
			}
		})
	}
}

// TestAlignmentMatrixDefaultRowsCapped: with more initiatives than a matrix
// takes, the default rows are the most-mentioned ones.
func TestAlignmentMatrixDefaultRowsCapped(t *testing.T) {
	a, st := seed(t)
	qs, err := st.Quads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 120 {
		id := schema.IRI(fmt.Sprintf("initiative:extra-%03d", i))
		label := schema.IRI("catalog:lmc")
		qs = append(qs,
			quad.Quad{Subject: id, Predicate: schema.Type, Object: schema.KindInitiative.Class(), Label: label},
			quad.Quad{Subject: id, Predicate: schema.Label, Object: quad.LangString{Value: quad.String(fmt.Sprintf("额外倡议%d", i)), Lang: "zh"}, Label: label},
			quad.Quad{Subject: id, Predicate: schema.Label, Object: quad.LangString{Value: quad.String(fmt.Sprintf("Extra %d", i)), Lang: "en"}, Label: label})
	}
	if _, err := st.Replace(ctx, qs); err != nil {
		t.Fatal(err)
	}
	m, err := a.AlignmentMatrix(ctx, analysis.MatrixQuery{Columns: analysis.ColumnsSectionLevel2})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != analysis.MaxMatrixRows {
		t.Fatalf("%d rows, want %d", len(m.Rows), analysis.MaxMatrixRows)
	}
	if !slices.Contains(m.Rows, "initiative:mpac-2025") || !slices.Contains(m.Rows, "initiative:rcep") {
		t.Errorf("mentioned initiatives dropped from the default rows")
	}
}

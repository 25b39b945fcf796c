package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"plangraph/graph/store"
	"plangraph/schema"
)

// MaxMatrixRows bounds the rows of one matrix.
const MaxMatrixRows = 100

// AlignmentMatrix counts, for each row entity and column, the measures in
// the column that reference the entity (directly, or also through one
// relation with q.Indirect), with their ids as evidence.
func (a *Analyzer) AlignmentMatrix(ctx context.Context, q MatrixQuery) (Matrix, error) {
	plan, err := a.onlyPlan(ctx, q.Plan)
	if err != nil {
		return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
	}
	rows := q.Rows
	if len(rows) == 0 {
		if rows, err = a.defaultRows(ctx); err != nil {
			return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
		}
	}
	if rows, err = a.checkEntities(ctx, rows, 1, MaxMatrixRows); err != nil {
		return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
	}
	sections, err := a.st.Sections(ctx, plan)
	if err != nil {
		return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
	}
	measures, err := a.st.PlanMeasures(ctx, plan)
	if err != nil {
		return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
	}
	refs, err := a.references(ctx, rows, q.Indirect)
	if err != nil {
		return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
	}
	cols, colsOf, err := a.columns(ctx, q.Columns, sections, measures, refs)
	if err != nil {
		return Matrix{}, fmt.Errorf("alignment matrix: %w", err)
	}
	m := Matrix{Rows: rows, Columns: cols}
	cells := map[[2]int]*MatrixCell{}
	for _, ms := range measures { // reading order
		for r, e := range rows {
			if _, ok := refs[ms.ID][e]; !ok {
				continue
			}
			for _, c := range colsOf(ms, e) {
				key := [2]int{r, c}
				cell := cells[key]
				if cell == nil {
					cell = &MatrixCell{Row: r, Column: c}
					cells[key] = cell
				}
				cell.Evidence = append(cell.Evidence, ms.ID)
			}
		}
	}
	for _, c := range cells {
		m.Cells = append(m.Cells, *c)
		m.MaxCount = max(m.MaxCount, len(c.Evidence))
	}
	slices.SortFunc(m.Cells, func(x, y MatrixCell) int {
		if x.Row != y.Row {
			return x.Row - y.Row
		}
		return x.Column - y.Column
	})
	return m, nil
}

// defaultRows are every initiative, or the MaxMatrixRows initiatives that
// the most measures name when the catalog has more, in id order.
func (a *Analyzer) defaultRows(ctx context.Context) ([]string, error) {
	nodes, err := a.st.Entities(ctx, schema.KindInitiative)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	if len(ids) <= MaxMatrixRows {
		return ids, nil
	}
	mentions, err := a.st.MentionsOfMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for i, id := range ids {
		seen := map[string]bool{}
		for _, m := range mentions[i] {
			if !seen[m.MeasureID] {
				seen[m.MeasureID] = true
				count[id]++
			}
		}
	}
	slices.SortStableFunc(ids, func(x, y string) int { return count[y] - count[x] })
	ids = ids[:MaxMatrixRows]
	slices.Sort(ids)
	return ids, nil
}

// columns builds the columns of a matrix and the function that says which
// columns a measure (referencing a row entity) falls in.
func (a *Analyzer) columns(ctx context.Context, kind Columns, sections []store.Section, measures []store.Measure,
	refs map[string]map[string]reference) ([]MatrixColumn, func(store.Measure, string) []int, error) {
	byID := map[string]store.Section{}
	for _, s := range sections {
		byID[s.ID] = s
	}
	// ancestors lists a section and the sections enclosing it.
	ancestors := func(id string) []store.Section {
		var out []store.Section
		for id != "" {
			s, ok := byID[id]
			if !ok {
				break
			}
			out = append(out, s)
			id = s.ParentID
		}
		return out
	}
	var cols []MatrixColumn
	index := map[string]int{}
	add := func(c MatrixColumn) {
		index[c.ID] = len(cols)
		cols = append(cols, c)
	}
	switch kind {
	case ColumnsSectionLevel1, ColumnsSectionLevel2:
		level := 1
		if kind == ColumnsSectionLevel2 {
			level = 2
		}
		for _, s := range sections {
			if strings.Count(s.Number, ".")+1 == level {
				add(MatrixColumn{ID: s.ID, Label: s.Number + " " + s.Title, NodeID: s.ID})
			}
		}
		return cols, func(m store.Measure, _ string) []int {
			for _, s := range ancestors(m.SectionID) {
				if i, ok := index[s.ID]; ok {
					return []int{i}
				}
			}
			return nil
		}, nil
	case ColumnsPillar, ColumnsPriorityArea:
		k := schema.KindPillar
		if kind == ColumnsPriorityArea {
			k = schema.KindPriorityArea
		}
		nodes, err := a.st.Entities(ctx, k)
		if err != nil {
			return nil, nil, err
		}
		for _, n := range nodes {
			add(MatrixColumn{ID: n.ID, Label: n.Label("zh"), NodeID: n.ID})
		}
		return cols, func(m store.Measure, _ string) []int {
			var out []int
			for _, s := range ancestors(m.SectionID) {
				ids := s.PillarIDs
				if kind == ColumnsPriorityArea {
					ids = s.PriorityAreaIDs
				}
				for _, id := range ids {
					if i, ok := index[id]; ok && !slices.Contains(out, i) {
						out = append(out, i)
					}
				}
			}
			slices.Sort(out)
			return out
		}, nil
	case ColumnsEntityKind:
		for _, k := range schema.EntityKinds {
			add(MatrixColumn{ID: string(k), Label: string(k)})
		}
		var ids []string
		for _, m := range measures {
			if len(refs[m.ID]) > 0 {
				ids = append(ids, m.ID)
			}
		}
		mentions, err := a.st.MentionsInMany(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		named := map[string][]string{}
		for i, id := range ids {
			for _, mn := range mentions[i] {
				named[id] = append(named[id], mn.EntityID)
			}
		}
		return cols, func(m store.Measure, row string) []int {
			var out []int
			for _, e := range named[m.ID] {
				k, _ := schema.KindOfID(e)
				if i, ok := index[string(k)]; ok && e != row && !slices.Contains(out, i) {
					out = append(out, i)
				}
			}
			slices.Sort(out)
			return out
		}, nil
	}
	return nil, nil, fmt.Errorf("%w: unknown columns %d", ErrInvalid, kind)
}

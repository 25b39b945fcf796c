package graph

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"

	"plangraph/graph/model"
)

// Page sizes of connections.
const (
	defaultFirst = 50
	maxFirst     = 200
)

// cursorPrefix versions the cursor format.
const cursorPrefix = "pg1:"

// encodeCursor makes an opaque cursor of a sort key.
func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + key))
}

// decodeCursor returns the sort key of a cursor.
func decodeCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) {
		return "", badInput("invalid cursor %q: pass the endCursor of a previous page", c)
	}
	return string(b[len(cursorPrefix):]), nil
}

// page cuts one page out of items, which are sorted by key: the first
// `first` items whose key is greater than the after cursor's. Keyset
// paging: a cursor stays valid when items before or after it change.
func page[T any](items []T, key func(T) string, first *int, after *string) ([]T, *model.PageInfo, []string, error) {
	n := defaultFirst
	if first != nil {
		n = *first
	}
	if n < 0 || n > maxFirst {
		return nil, nil, nil, badInput("first must be between 0 and %d, not %d", maxFirst, n)
	}
	start := 0
	if after != nil && *after != "" {
		k, err := decodeCursor(*after)
		if err != nil {
			return nil, nil, nil, err
		}
		start = sort.Search(len(items), func(i int) bool { return key(items[i]) > k })
	}
	end := min(start+n, len(items))
	out := items[start:end]
	cursors := make([]string, len(out))
	for i, it := range out {
		cursors[i] = encodeCursor(key(it))
	}
	info := &model.PageInfo{HasNextPage: end < len(items), HasPreviousPage: start > 0}
	if len(cursors) > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return out, info, cursors, nil
}

// measureKey orders measures by plan and position in the text.
func measureKey(m *model.Measure) string {
	return fmt.Sprintf("%s\x00%010d\x00%s", planOfID(m.M.ID), m.M.Start, m.M.ID)
}

// measureConnection pages measures, reading ahead what the query asks of
// the page's measures.
func measureConnection(ctx context.Context, st Reader, ms []*model.Measure, first *int, after *string) (*model.MeasureConnection, error) {
	items, info, cursors, err := page(ms, measureKey, first, after)
	if err != nil {
		return nil, err
	}
	if err := prefetchMeasures(ctx, st, items); err != nil {
		return nil, err
	}
	c := &model.MeasureConnection{TotalCount: len(ms), PageInfo: info, Nodes: items, Edges: make([]*model.MeasureEdge, len(items))}
	for i, m := range items {
		c.Edges[i] = &model.MeasureEdge{Cursor: cursors[i], Node: m}
	}
	return c, nil
}

// entityConnection pages entities, which are sorted by kind then id.
func entityConnection(es []model.Entity, rank func(model.Entity) int, first *int, after *string) (*model.EntityConnection, error) {
	key := func(e model.Entity) string { return fmt.Sprintf("%02d\x00%s", rank(e), e.EntityID()) }
	items, info, cursors, err := page(es, key, first, after)
	if err != nil {
		return nil, err
	}
	c := &model.EntityConnection{TotalCount: len(es), PageInfo: info, Nodes: items, Edges: make([]*model.EntityEdge, len(items))}
	for i, e := range items {
		c.Edges[i] = &model.EntityEdge{Cursor: cursors[i], Node: e}
	}
	return c, nil
}

package analysis_test

import (
	"bytes"
	"context"
	"testing"

	"plangraph/data"
	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/loader"
)

var ctx = context.Background()

// seed returns an Analyzer over a memory store holding the embedded LMC
// plan, and the store.
func seed(t testing.TB) (*analysis.Analyzer, *store.Store) {
	t.Helper()
	c, err := loader.ParseCatalog(bytes.NewReader(data.Catalog()), data.CatalogFile)
	if err != nil {
		t.Fatal(err)
	}
	p := data.Plans()[0]
	r, err := loader.Load(loader.Plan{Slug: p.Slug, ZH: p.ZH, EN: p.EN, Source: p.File, Text: p.Text}, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, r.Quads); err != nil {
		t.Fatal(err)
	}
	return analysis.New(st), st
}

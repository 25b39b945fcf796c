package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"plangraph/data"
	"plangraph/graph"
	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/loader"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// seedStore returns a memory store holding the embedded plan.
func seedStore(t testing.TB) *store.Store {
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
	ctx := context.Background()
	st, err := store.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Replace(ctx, r.Quads); err != nil {
		t.Fatal(err)
	}
	return st
}

// newClient returns a gqlgen test client over the schema on st.
func newClient(st graph.Reader) *client.Client {
	var an graph.Analyzer
	if s, ok := st.(*store.Store); ok {
		an = analysis.New(s)
	}
	srv := handler.New(graph.NewExecutableSchema(st, an))
	srv.AddTransport(transport.POST{})
	return client.New(srv)
}

// query runs q and returns the raw JSON response (data and errors).
func query(t *testing.T, c *client.Client, q string, vars map[string]any) map[string]any {
	t.Helper()
	var opts []client.Option
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{"data": resp.Data}
	if len(resp.Errors) > 0 {
		var errs []any
		json.Unmarshal(resp.Errors, &errs)
		// Fields resolve concurrently, so errors come in any order: sort
		// them by path for comparison.
		sort.SliceStable(errs, func(i, j int) bool {
			pi, _ := json.Marshal(errs[i].(map[string]any)["path"])
			pj, _ := json.Marshal(errs[j].(map[string]any)["path"])
			return string(pi) < string(pj)
		})
		out["errors"] = errs
	}
	return out
}

func goldenJSON(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		os.WriteFile(path, got, 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./graph -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./graph -update rewrites it); got:\n%s", path, got)
	}
}

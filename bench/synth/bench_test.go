package synth_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"plangraph/bench/synth"
	"plangraph/graph"
	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/loader"
	"plangraph/schema"
)

// benchSeed is the generator seed of every benchmark graph.
const benchSeed = 1

// benchScales are the sizes benchmarked, in multiples of the seed.
var benchScales = []int{1, 100}

// built is a synthetic plan loaded into an in-memory store.
type built struct {
	st     *store.Store
	an     *analysis.Analyzer
	client *client.Client
	quads  int
	// initiatives are the first analysis.MaxMatrixRows initiatives, the
	// rows of the default matrix where it can have them all.
	initiatives []string
	// generate, load and replace time the three steps.
	generate, load, replace time.Duration
}

// build generates the plan of a scale, loads it and fills a memory store.
func build(scale int) (*built, error) {
	ctx := context.Background()
	t0 := time.Now()
	p, c, err := synth.Generate(benchSeed, scale)
	if err != nil {
		return nil, err
	}
	t1 := time.Now()
	r, err := loader.Load(p, c)
	if err != nil {
		return nil, fmt.Errorf("load synthetic plan: %w", err)
	}
	t2 := time.Now()
	st, err := store.Open(ctx, "memory")
	if err != nil {
		return nil, err
	}
	if _, err := st.Replace(ctx, r.Quads); err != nil {
		st.Close()
		return nil, fmt.Errorf("store synthetic plan: %w", err)
	}
	t3 := time.Now()
	an := analysis.New(st)
	nodes, err := st.Entities(ctx, schema.KindInitiative)
	if err != nil {
		st.Close()
		return nil, err
	}
	var inits []string
	for _, n := range nodes[:min(len(nodes), analysis.MaxMatrixRows)] {
		inits = append(inits, n.ID)
	}
	srv := handler.New(graph.NewExecutableSchema(st, an))
	srv.AddTransport(transport.POST{})
	return &built{st: st, an: an, client: client.New(srv), quads: len(r.Quads), initiatives: inits,
		generate: t1.Sub(t0), load: t2.Sub(t1), replace: t3.Sub(t2)}, nil
}

// graphs builds each scale's graph once, the first time a benchmark of
// that scale asks for it; the 100× one takes seconds.
var graphs = func() map[int]func() (*built, error) {
	m := map[int]func() (*built, error){}
	for _, s := range benchScales {
		m[s] = sync.OnceValues(func() (*built, error) { return build(s) })
	}
	return m
}()

func graphAt(b *testing.B, scale int) *built {
	b.Helper()
	g, err := graphs[scale]()
	if err != nil {
		b.Fatalf("build %d× graph: %v", scale, err)
	}
	return g
}

// benchQuery is one query to time: run answers it.
type benchQuery struct {
	name string
	run  func(ctx context.Context, g *built) (any, error)
}

var (
	mpacBRI     = []string{"initiative:mpac-2025", "initiative:bri"}
	initiatives = []string{"initiative:bri", "initiative:mpac-2025", "initiative:gdi", "initiative:rcep", "initiative:un-2030-agenda"}
)

func alignment(ids []string) func(context.Context, *built) (any, error) {
	return func(ctx context.Context, g *built) (any, error) {
		return g.an.Alignment(ctx, analysis.AlignmentQuery{Entities: ids, Scope: analysis.ScopeMeasure})
	}
}

func neighborhood(id string, depth int) func(context.Context, *built) (any, error) {
	return func(ctx context.Context, g *built) (any, error) {
		return g.an.Neighborhood(ctx, analysis.NeighborhoodQuery{ID: id, Depth: depth, Limit: 200})
	}
}

func paths(from, to string, maxLength int) func(context.Context, *built) (any, error) {
	return func(ctx context.Context, g *built) (any, error) {
		return g.an.Paths(ctx, analysis.PathQuery{From: from, To: to, MaxLength: maxLength, First: 5})
	}
}

func search(text string) func(context.Context, *built) (any, error) {
	return func(ctx context.Context, g *built) (any, error) {
		return g.an.Search(ctx, analysis.SearchQuery{Text: text, First: 20})
	}
}

// gql posts a query through the gqlgen handler, as graph/bench_test.go
// does.
func gql(query string) func(context.Context, *built) (any, error) {
	return func(ctx context.Context, g *built) (any, error) {
		resp, err := g.client.RawPost(query)
		if err != nil {
			return nil, err
		}
		if len(resp.Errors) > 0 {
			return nil, fmt.Errorf("graphql: %s", resp.Errors)
		}
		return resp, nil
	}
}

// size says how big an answer is: items, cells, nodes, paths, hits,
// entity degrees, or bytes of JSON.
func size(answer any) int {
	switch a := answer.(type) {
	case analysis.Alignment:
		return len(a.Items)
	case analysis.Matrix:
		return len(a.Cells)
	case analysis.Subgraph:
		return len(a.Nodes)
	case analysis.PathResult:
		return len(a.Paths)
	case []analysis.SearchHit:
		return len(a)
	case analysis.Stats:
		return len(a.Degrees)
	case *client.Response:
		js, _ := json.Marshal(a.Data)
		return len(js)
	}
	return 0
}

// benchQueries are the analysis queries and the main GraphQL queries.
var benchQueries = []benchQuery{
	{"alignment/mpac-bri", alignment(mpacBRI)},
	{"alignment/5-initiatives", alignment(initiatives)},
	{"matrix/default", func(ctx context.Context, g *built) (any, error) {
		return g.an.AlignmentMatrix(ctx, analysis.MatrixQuery{})
	}},
	{"matrix/first-100-initiatives", func(ctx context.Context, g *built) (any, error) {
		return g.an.AlignmentMatrix(ctx, analysis.MatrixQuery{Rows: g.initiatives})
	}},
	{"neighborhood/lmc-members/d1", neighborhood("group:lmc-members", 1)},
	{"neighborhood/lmc-members/d2", neighborhood("group:lmc-members", 2)},
	{"neighborhood/lmc-members/d3", neighborhood("group:lmc-members", 3)},
	{"neighborhood/fmm/d1", neighborhood("mechanism:fmm", 1)},
	{"neighborhood/fmm/d2", neighborhood("mechanism:fmm", 2)},
	{"neighborhood/fmm/d3", neighborhood("mechanism:fmm", 3)},
	{"paths/kh-mpac/4", paths("country:KH", "initiative:mpac-2025", 4)},
	{"paths/kh-mpac/6", paths("country:KH", "initiative:mpac-2025", 6)},
	{"search/MPAC", search("MPAC")},
	{"search/互联互通", search("互联互通")},
	{"search/海关", search("海关")},
	{"stats", func(ctx context.Context, g *built) (any, error) {
		return g.an.Stats(ctx, analysis.StatsQuery{Top: 10})
	}},
	{"graphql/measures-page", gql(`{ measures(first: 50) { totalCount edges { cursor node { id text commitment section { number title } mentions { surface entity { id name } } } } } }`)},
	{"graphql/entity-relations", gql(`{ entity(id: "initiative:mpac-2025") { id name relations { predicate subject { id } object { id } evidence { id text } } mentionedIn(first: 10) { totalCount nodes { id } } } }`)},
}

// BenchmarkQuery times every query on the graph of every scale and
// reports the median and 99th percentile of the iterations' latencies
// (p50-ns, p99-ns) and the size of the answer (items, nodes, paths, hits,
// cells, degrees or JSON characters). A scale's graph is built the first
// time one of its queries runs.
func BenchmarkQuery(b *testing.B) {
	for _, scale := range benchScales {
		b.Run(fmt.Sprintf("x%d", scale), func(b *testing.B) {
			for _, q := range benchQueries {
				b.Run(q.name, func(b *testing.B) {
					g := graphAt(b, scale)
					ctx := context.Background()
					answer, err := q.run(ctx, g)
					if errors.Is(err, analysis.ErrInvalid) {
						// A query the graph is too big for (the default
						// matrix has a row per initiative, at most 100).
						b.Skip(err)
					}
					if err != nil {
						b.Fatal(err)
					}
					timed(b, func() error {
						_, err := q.run(ctx, g)
						return err
					})
					b.ReportMetric(float64(size(answer)), "results")
				})
			}
		})
	}
}

// BenchmarkBuild times generating, loading and storing the graph of each
// scale (generate-ns, load-ns, replace-ns) and reports its quads.
func BenchmarkBuild(b *testing.B) {
	for _, scale := range benchScales {
		b.Run(fmt.Sprintf("x%d", scale), func(b *testing.B) {
			var gen, load, repl time.Duration
			quads := 0
			for range b.N {
				g, err := build(scale)
				if err != nil {
					b.Fatal(err)
				}
				gen, load, repl, quads = gen+g.generate, load+g.load, repl+g.replace, g.quads
				g.st.Close()
			}
			n := float64(b.N)
			b.ReportMetric(float64(gen.Nanoseconds())/n, "generate-ns")
			b.ReportMetric(float64(load.Nanoseconds())/n, "load-ns")
			b.ReportMetric(float64(repl.Nanoseconds())/n, "replace-ns")
			b.ReportMetric(float64(quads), "quads")
		})
	}
}

// timed runs f b.N times, timing each call, and reports the p50 and p99
// latencies (nearest rank).
func timed(b *testing.B, f func() error) {
	b.Helper()
	ds := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t))
	}
	b.StopTimer()
	b.ReportMetric(float64(percentile(ds, 50).Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(percentile(ds, 99).Nanoseconds()), "p99-ns")
}

// percentile returns the nearest-rank p-th percentile of ds (sorted in place).
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(math.Ceil(p/100*float64(len(ds)))) - 1
	return ds[max(0, min(i, len(ds)-1))]
}

package export_test

import (
	"io"
	"testing"

	"plangraph/graph/export"
)

// BenchmarkWrite writes the whole seed graph in each format.
func BenchmarkWrite(b *testing.B) {
	an, st := seed(b)
	g := collect(b, st, an, export.Selection{})
	b.Logf("%d nodes, %d edges, %d quads", len(g.Nodes), len(g.Edges), len(g.Quads))
	for _, name := range export.Names() {
		f, _ := export.Lookup(name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.Write(io.Discard, g); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCollect collects the whole seed graph and a seed's
// neighborhood.
func BenchmarkCollect(b *testing.B) {
	an, st := seed(b)
	for _, tc := range []struct {
		name string
		sel  export.Selection
	}{
		{"whole", export.Selection{}},
		{"mpac-depth2", export.Selection{Seeds: []string{mpac}, Depth: 2}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				collect(b, st, an, tc.sel)
			}
		})
	}
}

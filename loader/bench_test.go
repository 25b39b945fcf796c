package loader

import (
	"testing"

	"plangraph/data"
)

// BenchmarkCleanParseLink measures clean + sections + measures + linking +
// relations + quads for the seed plan.
func BenchmarkCleanParseLink(b *testing.B) {
	c := seedCatalog(b)
	p := data.Plans()[0]
	plan := Plan{Slug: p.Slug, ZH: p.ZH, Source: p.File, Text: p.Text}
	b.SetBytes(int64(len(p.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(plan, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClean measures the cleaner alone.
func BenchmarkClean(b *testing.B) {
	text := data.Plans()[0].Text
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Clean(text)
	}
}

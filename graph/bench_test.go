package graph_test

import (
	"testing"
)

// benchQueries are the main queries of the API, timed through the gqlgen
// handler on the seed in memory.
var benchQueries = []struct{ name, query string }{
	{"typename", `{ __typename }`},
	{"entity-with-relations", `{ entity(id: "initiative:mpac-2025") { id name relations { predicate subject { id } object { id } evidence { id text } } mentionedIn(first: 10) { totalCount nodes { id } } } }`},
	{"measures-page-with-mentions", `{ measures(first: 50) { totalCount edges { cursor node { id text commitment section { number title } mentions { surface entity { id name } } } } } }`},
	{"plan-outline", `{ plans { id sections { number title children { number title children { number title } } } } }`},
	{"entities-search", `{ entities(search: "东盟", first: 20) { totalCount nodes { id name kind } } }`},
}

func BenchmarkQueries(b *testing.B) {
	c := newClient(seedStore(b))
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var out map[string]any
				if err := c.Post(q.query, &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

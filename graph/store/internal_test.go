package store

import (
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

func TestKVSafe(t *testing.T) {
	q := func(s, p, o string) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: quad.String(o)}
	}
	add := func(q quad.Quad) graph.Delta { return graph.Delta{Quad: q, Action: graph.Add} }
	del := func(q quad.Quad) graph.Delta { return graph.Delta{Quad: q, Action: graph.Delete} }
	tests := []struct {
		name   string
		deltas []graph.Delta
		want   bool
	}{
		{"adds only", []graph.Delta{add(q("a", "p", "1")), add(q("b", "p", "1"))}, true},
		{"deletes only", []graph.Delta{del(q("a", "p", "1")), del(q("b", "p", "1"))}, true},
		{"one for one", []graph.Delta{del(q("a", "p", "1")), add(q("a", "p", "2"))}, true},
		{"predicate used less, but not by an add", []graph.Delta{del(q("a", "p", "1")), del(q("b", "p", "1")), add(q("a", "r", "2"))}, true},
		{"predicate used less and by an add", []graph.Delta{del(q("a", "p", "1")), del(q("b", "p", "1")), add(q("c", "p", "2"))}, false},
		{"object used less and by an add", []graph.Delta{del(q("a", "p", "1")), del(q("b", "r", "1")), add(q("c", "s", "1"))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kvSafe(tt.deltas); got != tt.want {
				t.Errorf("kvSafe = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:secret@host:5432/db?sslmode=disable", "postgres://u:xxxxx@host:5432/db?sslmode=disable"},
		{"postgres:postgres://u:secret@host/db", "postgres:postgres://u:xxxxx@host/db"},
		{"postgres://postgres@127.0.0.1:5432/test", "postgres://postgres@127.0.0.1:5432/test"},
		{"bolt:plangraph.db", "bolt:plangraph.db"},
		{"mysql:root@/db", "mysql:root@/db"},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

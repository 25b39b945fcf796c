package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/data"
	"plangraph/graph/store"
	"plangraph/graph/store/storetest"
	"plangraph/loader"
)

var ctx = context.Background()

// open opens spec and closes the store when the test ends.
func open(tb testing.TB, spec string) *store.Store {
	tb.Helper()
	s, err := store.Open(ctx, spec)
	if err != nil {
		tb.Fatalf("Open(%q): %v", spec, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store { return open(t, "memory") })
}

func TestBolt(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store {
		return open(t, "bolt:"+filepath.Join(t.TempDir(), "plangraph.db"))
	})
}

func TestPostgres(t *testing.T) {
	base := postgresURL(t)
	storetest.Run(t, func(t *testing.T) *store.Store { return open(t, "postgres:"+freshSchema(t, base)) })
}

// postgresURL returns $PLANGRAPH_TEST_POSTGRES, and skips the test when it
// is unset, unless $CI is true: CI must run every backend.
func postgresURL(t *testing.T) string {
	u := os.Getenv("PLANGRAPH_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PLANGRAPH_TEST_POSTGRES is not set; CI must test PostgreSQL")
		}
		t.Skip("PLANGRAPH_TEST_POSTGRES is not set (as postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	return u
}

var schemas atomic.Int64

// freshSchema creates a schema of its own for one test (Cayley creates the
// tables nodes and quads, their indexes, foreign keys and sequence in the
// first schema of the search path), drops it with everything in it when
// the test ends, and returns base with that schema as search path.
func freshSchema(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" {
		t.Fatalf("PLANGRAPH_TEST_POSTGRES must be a postgres:// URL, not %q", base)
	}
	db, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("plangraph_test_%d_%d", os.Getpid(), schemas.Add(1))
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		db.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA "+name+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestBackends(t *testing.T) {
	if got, want := store.Backends(), []string{"bolt", "memory", "postgres"}; !slices.Equal(got, want) {
		t.Errorf("Backends() = %v, want %v", got, want)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte("not a bolt database"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing", "plangraph.db")
	tests := []struct {
		name     string
		spec     string
		is       error
		contains []string
		hides    string
	}{
		{name: "unknown backend", spec: "mysql:root@/db", is: store.ErrUnknownBackend,
			contains: []string{`"mysql"`, "bolt, memory, postgres"}},
		{name: "empty spec", spec: "", is: store.ErrUnknownBackend, contains: []string{"bolt, memory, postgres"}},
		{name: "memory with an address", spec: "memory:x", contains: []string{"memory:x"}},
		{name: "bolt in a missing directory", spec: "bolt:" + missing, contains: []string{missing}},
		{name: "bolt file that is not bolt", spec: "bolt:" + garbage, contains: []string{garbage, "invalid database"}},
		{name: "bolt path is a directory", spec: "bolt:" + dir, contains: []string{dir}},
		{name: "postgres without URL", spec: "postgres:", contains: []string{"URL"}},
		{name: "postgres unreachable, password hidden", spec: "postgres:postgres://u:s3cret@127.0.0.1:1/db?sslmode=disable",
			contains: []string{"127.0.0.1:1"}, hides: "s3cret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := store.Open(ctx, tt.spec)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tt.spec)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not match %v", err, tt.is)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "store: ") {
				t.Errorf("error %q lacks the store: prefix", msg)
			}
			for _, c := range tt.contains {
				if !strings.Contains(msg, c) {
					t.Errorf("error %q does not contain %q", msg, c)
				}
			}
			if tt.hides != "" && strings.Contains(msg, tt.hides) {
				t.Errorf("error %q shows the password", msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open created the missing directory: %v", err)
	}
}

func TestBoltPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plangraph.db")
	spec := "bolt:" + path
	a := storetest.Fixture()
	s, err := store.Open(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if s.Spec() != spec {
		t.Errorf("Spec() = %q, want %q", s.Spec(), spec)
	}
	if _, err := s.Replace(ctx, a); err != nil {
		t.Fatal(err)
	}
	want, err := s.Quads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, spec)
	got, err := s.Quads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, want, func(a, b quad.Quad) bool { return a.NQuad() == b.NQuad() }) {
		t.Errorf("after reopening: %d quads, want the %d written", len(got), len(want))
	}
	st, err := s.Replace(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if st != (store.ReplaceStats{Total: len(a)}) {
		t.Errorf("reload after reopening: %+v, want a no-op", st)
	}
	sec, err := s.Section(ctx, storetest.PlanID, "1.1")
	if err != nil || sec.Title != "高层交往" {
		t.Errorf("Section after reopening: %+v, %v", sec, err)
	}
}

func TestBoltDefaultPath(t *testing.T) {
	t.Chdir(t.TempDir())
	s := open(t, "bolt")
	if want := "bolt:" + store.DefaultBoltPath; s.Spec() != want {
		t.Errorf("Spec() = %q, want %q", s.Spec(), want)
	}
	if _, err := os.Stat(store.DefaultBoltPath); err != nil {
		t.Errorf("bolt did not create %s: %v", store.DefaultBoltPath, err)
	}
}

func TestBoltLocked(t *testing.T) {
	spec := "bolt:" + filepath.Join(t.TempDir(), "plangraph.db")
	open(t, spec)
	s, err := store.Open(ctx, spec)
	if err == nil {
		s.Close()
		t.Fatal("opened a bolt file that is in use")
	}
	if !strings.Contains(err.Error(), "locked") {
		t.Errorf("error %q does not say the file is locked", err)
	}
}

func TestMemorySpec(t *testing.T) {
	s := open(t, "memory")
	if s.Spec() != "memory" {
		t.Errorf("Spec() = %q", s.Spec())
	}
	if s.QuadStore() == nil {
		t.Error("QuadStore() is nil")
	}
}

// BenchmarkReplace loads a generated plan of about 3000 quads: into an
// empty store, again unchanged, and alternating with an edited version.
func BenchmarkReplace(b *testing.B) {
	v0, v1 := storetest.Generate(11, 0), storetest.Generate(11, 1)
	backends := []struct {
		name string
		spec func(b *testing.B) string
	}{
		{"memory", func(*testing.B) string { return "memory" }},
		{"bolt", func(b *testing.B) string {
			return "bolt:" + filepath.Join(b.TempDir(), "bench.db")
		}},
	}
	for _, be := range backends {
		b.Run(be.name+"/load", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s, err := store.Open(ctx, be.spec(b))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := s.Replace(ctx, v0); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(v0)), "quads/op")
		})
		b.Run(be.name+"/unchanged", func(b *testing.B) {
			s := open(b, be.spec(b))
			if _, err := s.Replace(ctx, v0); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := s.Replace(ctx, v0); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(v0)), "quads/op")
		})
		b.Run(be.name+"/edited", func(b *testing.B) {
			s := open(b, be.spec(b))
			if _, err := s.Replace(ctx, v0); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				next := v1
				if i%2 == 1 {
					next = v0
				}
				i++
				if _, err := s.Replace(ctx, next); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(v0)), "quads/op")
		})
	}
}

// BenchmarkRead runs the typed reads on a generated plan of about 3000
// quads.
func BenchmarkRead(b *testing.B) {
	quads := storetest.Generate(11, 0)
	plan, section := "plan:bench", "section:bench/5"
	measure := "measure:bench/5/3"
	backends := []struct {
		name string
		spec func(b *testing.B) string
	}{
		{"memory", func(*testing.B) string { return "memory" }},
		{"bolt", func(b *testing.B) string {
			return "bolt:" + filepath.Join(b.TempDir(), "bench.db")
		}},
	}
	reads := []struct {
		name string
		read func(s *store.Store) error
	}{
		{"Node", func(s *store.Store) error { _, err := s.Node(ctx, measure); return err }},
		{"Out", func(s *store.Store) error { _, err := s.Out(ctx, measure); return err }},
		{"Sections", func(s *store.Store) error { _, err := s.Sections(ctx, plan); return err }},
		{"Measures", func(s *store.Store) error { _, err := s.Measures(ctx, section); return err }},
		{"MentionsOf", func(s *store.Store) error { _, err := s.MentionsOf(ctx, "initiative:e05"); return err }},
		{"Relations", func(s *store.Store) error { _, err := s.Relations(ctx, store.RelationFilter{}); return err }},
		{"Stats", func(s *store.Store) error { _, err := s.Stats(ctx); return err }},
		{"Count", func(s *store.Store) error { _, err := s.Count(ctx); return err }},
	}
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.spec(b))
			if _, err := s.Replace(ctx, quads); err != nil {
				b.Fatal(err)
			}
			for _, r := range reads {
				b.Run(r.name, func(b *testing.B) {
					for b.Loop() {
						if err := r.read(s); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkLoadSeed measures loading the embedded LMC plan (already parsed)
// into a new, empty store of each backend, as `plangraph load` does.
func BenchmarkLoadSeed(b *testing.B) {
	cat, err := loader.ParseCatalog(bytes.NewReader(data.Catalog()), data.CatalogFile)
	if err != nil {
		b.Fatal(err)
	}
	p := data.Plans()[0]
	res, err := loader.Load(loader.Plan{Slug: p.Slug, ZH: p.ZH, Source: p.File, Text: p.Text}, cat)
	if err != nil {
		b.Fatal(err)
	}
	for _, backend := range []string{"memory", "bolt"} {
		b.Run(backend, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				spec := backend
				if backend == "bolt" {
					spec = "bolt:" + filepath.Join(b.TempDir(), fmt.Sprintf("seed%d.db", i))
				}
				s, err := store.Open(context.Background(), spec)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Replace(context.Background(), res.Quads); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			b.ReportMetric(float64(len(res.Quads)), "quads")
		})
	}
}

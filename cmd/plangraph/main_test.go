package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"plangraph/data"
	"plangraph/graph/export"
	"plangraph/loader"
)

// runCmd runs the CLI and returns its exit code, stdout and stderr.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// seedQuads are the quads the loader makes of the embedded plan.
func seedQuads(t *testing.T) []quad.Quad {
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
	return r.Quads
}

func TestLoadStatsDumpRoundTrip(t *testing.T) {
	db := "bolt:" + filepath.Join(t.TempDir(), "g.db")
	code, out, errs := runCmd(t, "load", "--store", db)
	if code != 0 {
		t.Fatalf("load exit %d: %s", code, errs)
	}
	for _, want := range []string{"loaded plan:lmc-2023-2027", "sections   15", "measures   86", "Country 6", "complements 4", "reinforces 4", "page-marker 15"} {
		if !strings.Contains(out, want) {
			t.Errorf("load output lacks %q:\n%s", want, out)
		}
	}
	// Loading the same plan again changes nothing.
	if _, out, _ := runCmd(t, "load", "--store", db); !strings.Contains(out, "(+0 -0 quads") {
		t.Errorf("reload was not a no-op: %s", out)
	}

	code, out, errs = runCmd(t, "stats", "--store", db)
	if code != 0 || !strings.Contains(out, "Measure       86") || !strings.Contains(out, "pg:convenesEvery") {
		t.Errorf("stats exit %d: %s%s", code, out, errs)
	}

	want := seedQuads(t)
	code, out, errs = runCmd(t, "dump", "--store", db)
	if code != 0 {
		t.Fatalf("dump exit %d: %s", code, errs)
	}
	got, err := quad.ReadAll(nquads.NewReader(strings.NewReader(out), false))
	if err != nil {
		t.Fatalf("dump does not parse as N-Quads: %v", err)
	}
	sameQuads(t, "nquads", got, want, false)

	code, out, errs = runCmd(t, "dump", "--store", db, "--format", "jsonld")
	if code != 0 {
		t.Fatalf("dump jsonld exit %d: %s", code, errs)
	}
	got, err = quad.ReadAll(jsonld.NewReader(strings.NewReader(out)))
	if err != nil {
		t.Fatalf("dump does not parse as JSON-LD: %v", err)
	}
	sameQuads(t, "jsonld", got, want, true)
}

// sameQuads compares two quad sets by their N-Quads lines. JSON-LD lower-cases
// language tags (BCP 47 tags are case-insensitive), so foldLang compares them
// folded.
func sameQuads(t *testing.T, what string, got, want []quad.Quad, foldLang bool) {
	t.Helper()
	lines := func(qs []quad.Quad) []string {
		out := make([]string, len(qs))
		for i, q := range qs {
			if foldLang {
				if ls, ok := q.Object.(quad.LangString); ok {
					ls.Lang = strings.ToLower(ls.Lang)
					q.Object = ls
				}
			}
			q.Object = export.RDFValue(canonical(q.Object))
			out[i] = q.NQuad()
		}
		sort.Strings(out)
		return out
	}
	g, w := lines(got), lines(want)
	if len(g) != len(w) {
		t.Fatalf("%s: %d quads, want %d", what, len(g), len(w))
	}
	for i := range g {
		if g[i] != w[i] {
			t.Fatalf("%s: quad %d\n got %s\nwant %s", what, i, g[i], w[i])
		}
	}
}

// canonical writes typed literals the way a parser reads them back.
func canonical(v quad.Value) quad.Value {
	if ts, ok := v.(quad.TypedStringer); ok {
		return ts.TypedString()
	}
	return v
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	badCatalog := filepath.Join(dir, "bad.yaml")
	os.WriteFile(badCatalog, []byte("id: t\nentities:\n  - {id: org:a, zh: 甲, en: A}\n  - {id: org:a, zh: 乙, en: B}\n"), 0o644)
	emptyPlan := filepath.Join(dir, "empty.txt")
	os.WriteFile(emptyPlan, []byte("没有标题的文字。"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"-h"}, 0, "plangraph <subcommand>"},
		{"no subcommand", nil, 2, "SUBCOMMANDS"},
		{"unknown subcommand", []string{"frobnicate"}, 2, "unknown subcommand \"frobnicate\""},
		{"unknown flag", []string{"load", "--nope"}, 2, "flag provided but not defined: -nope"},
		{"stray argument", []string{"stats", "extra", "--store", "memory"}, 2, "unexpected argument \"extra\""},
		{"unknown format", []string{"dump", "--store", "memory", "--format", "xml"}, 2, "unknown format \"xml\""},
		{"missing plan file", []string{"load", "--store", "memory", "--plan", filepath.Join(dir, "nope.txt")}, 1, "read plan: open " + filepath.Join(dir, "nope.txt")},
		{"broken catalog names file:line", []string{"load", "--store", "memory", "--catalog", badCatalog}, 1, badCatalog + ":4: duplicate entity id org:a"},
		{"plan without headings", []string{"load", "--store", "memory", "--plan", emptyPlan}, 1, "load " + emptyPlan + ": loader: no numbered heading"},
		{"stats on a missing store", []string{"stats", "--store", "bolt:" + filepath.Join(dir, "none.db")}, 1, "no graph there: run 'plangraph load' first"},
		{"stats on an empty memory store", []string{"stats", "--store", "memory"}, 1, "no graph there"},
		{"unknown backend", []string{"load", "--store", "mongo:x"}, 1, "unknown backend"},
		{"bolt in a missing directory", []string{"load", "--store", "bolt:" + filepath.Join(dir, "no", "such", "g.db")}, 1, filepath.Join(dir, "no", "such")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %s)", code, tt.code, errs)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q lacks %q", errs, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("stats created a store file")
	}
}

func TestStoreFromEnvironment(t *testing.T) {
	t.Setenv("PLANGRAPH_STORE", "memory")
	code, out, errs := runCmd(t, "load")
	if code != 0 || !strings.Contains(out, "into memory") {
		t.Errorf("exit %d: %s%s", code, out, errs)
	}
}

func TestLoadCleanPlanFile(t *testing.T) {
	code, out, errs := runCmd(t, "load", "--store", "memory", "--plan", "../../loader/testdata/clean-plan.txt", "-v")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"loaded plan:clean-plan", "plan:clean-plan complements initiative:bri", "sections   5"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestQueryCommand(t *testing.T) {
	db := "bolt:" + filepath.Join(t.TempDir(), "g.db")
	if code, _, errs := runCmd(t, "load", "--store", db); code != 0 {
		t.Fatal(errs)
	}
	qfile := filepath.Join(t.TempDir(), "q.graphql")
	os.WriteFile(qfile, []byte(`query($id: ID!) { entity(id: $id) { name(lang: EN) } }`), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"alignment", []string{"query", "--store", db, `{ alignment(entities: ["initiative:mpac-2025", "initiative:bri"]) { pairs { count } } }`}, 0, `"count": 2`, ""},
		{"file and variables", []string{"query", "--store", db, "-f", qfile, "--vars", `{"id": "org:who"}`}, 0, `"World Health Organization"`, ""},
		{"error response exits 1", []string{"query", "--store", db, `{ node(id: "x:y") { id } }`}, 1, `"code": "NOT_FOUND"`, "the response has 1 error(s)"},
		{"parse error", []string{"query", "--store", db, `{ nope`}, 1, `GRAPHQL_PARSE_FAILED`, ""},
		{"no query", []string{"query", "--store", db}, 2, "", "no query given"},
		{"bad vars", []string{"query", "--store", db, "--vars", "[", "{ plans { id } }"}, 2, "", "--vars is not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d (want %d)\nstdout %s\nstderr %s", code, tt.code, out, errs)
			}
		})
	}
}

package export_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/graph/export"
	"plangraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Texts of the fixture with every character XML, CSV and DOT escape:
// < > & " ' newline, tab, carriage return, backslash, comma, and Chinese.
const (
	fixtureText  = "推进<合作> & \"共赢\"，it's a,b;\n第二行\t制表 \\N 反斜杠\\"
	fixtureText2 = "第二条措施：\"quoted\" \\ 'single'\r\n下一行"
)

// fixture is a small Graph with a node of most kinds, a node without a
// label, parallel edges and quads of every literal type.
func fixture() *export.Graph {
	iri := func(id string) quad.IRI { return schema.IRI(id) }
	q := func(s string, p quad.IRI, o quad.Value, label string) quad.Quad {
		return quad.Quad{Subject: iri(s), Predicate: p, Object: o, Label: iri(label)}
	}
	g := &export.Graph{
		Nodes: []export.Node{
			{ID: "plan:p", Kind: "Plan", LabelZH: "五年行动计划 <2023–2027>", LabelEN: `Plan of Action "A&B"`},
			{ID: "section:p/1", Kind: "Section", LabelZH: "1 合作框架", Section: "1"},
			{ID: "measure:p/1/1", Kind: "Measure", LabelZH: fixtureText, Text: fixtureText, Commitment: "committed", Section: "1"},
			{ID: "measure:p/1/2", Kind: "Measure", LabelZH: fixtureText2, Text: fixtureText2, Commitment: "encouraged", Section: "1"},
			{ID: "country:KH", Kind: "Country", LabelZH: "柬埔寨", LabelEN: "Cambodia"},
			{ID: "initiative:x", Kind: "Initiative", LabelZH: "倡议，逗号, comma", LabelEN: `Quote " and \ back\slash, 'single'` + "\ttab"},
			{ID: "org:none", Kind: "Organization"},
		},
		Edges: []export.Edge{
			{Source: "measure:p/1/1", Target: "country:KH", Predicate: "mentions", Evidence: "measure:p/1/1", EvidenceText: fixtureText},
			{Source: "measure:p/1/1", Target: "initiative:x", Predicate: "mentions", Evidence: "measure:p/1/1", EvidenceText: fixtureText},
			{Source: "measure:p/1/1", Target: "section:p/1", Predicate: "partOf", Evidence: "plan:p"},
			{Source: "measure:p/1/2", Target: "section:p/1", Predicate: "partOf", Evidence: "plan:p"},
			{Source: "section:p/1", Target: "plan:p", Predicate: "partOf", Evidence: "plan:p"},
			{Source: "plan:p", Target: "initiative:x", Predicate: "complements", Evidence: "measure:p/1/1", EvidenceText: fixtureText},
			{Source: "plan:p", Target: "initiative:x", Predicate: "complements", Evidence: "measure:p/1/2", EvidenceText: fixtureText2},
			{Source: "initiative:x", Target: "country:KH", Predicate: "proposedBy", Evidence: "catalog:lmc"},
			{Source: "org:none", Target: "plan:p", Predicate: "cooperatesWith"},
		},
		Quads: []quad.Quad{
			q("plan:p", schema.Type, schema.KindPlan.Class(), "plan:p"),
			q("plan:p", schema.Label, quad.LangString{Value: "五年行动计划 <2023–2027>", Lang: "zh"}, "plan:p"),
			q("plan:p", schema.Label, quad.LangString{Value: `Plan of Action "A&B"`, Lang: "en"}, "plan:p"),
			q("plan:p", schema.Complements, iri("initiative:x"), "measure:p/1/1"),
			q("plan:p", schema.Complements, iri("initiative:x"), "measure:p/1/2"),
			q("section:p/1", schema.Type, schema.KindSection.Class(), "plan:p"),
			q("section:p/1", schema.Number, quad.String("1"), "plan:p"),
			q("section:p/1", schema.Order, quad.Int(1), "plan:p"),
			q("section:p/1", schema.IsPartOf, iri("plan:p"), "plan:p"),
			q("measure:p/1/1", schema.Type, schema.KindMeasure.Class(), "measure:p/1/1"),
			q("measure:p/1/1", schema.Text, quad.LangString{Value: quad.String(fixtureText), Lang: "zh"}, "measure:p/1/1"),
			q("measure:p/1/1", schema.Truncated, quad.Bool(true), "measure:p/1/1"),
			q("measure:p/1/1", schema.Mentions, iri("country:KH"), "measure:p/1/1"),
			q("measure:p/1/1", schema.IsPartOf, iri("section:p/1"), "plan:p"),
			q("measure:p/1/2", schema.Text, quad.LangString{Value: quad.String(fixtureText2), Lang: "zh"}, "measure:p/1/2"),
			q("initiative:x", schema.Type, schema.KindInitiative.Class(), "catalog:lmc"),
			q("initiative:x", schema.AltLabel, quad.String("别名 \"x\""), "catalog:lmc"),
			q("initiative:x", schema.ProposedBy, iri("country:KH"), "catalog:lmc"),
			q("mechanism:m", schema.ConvenesEvery, quad.TypedString{Value: "P2Y", Type: quad.IRI(schema.XSD + "duration")}, "measure:p/1/1"),
		},
	}
	g.Sort()
	return g
}

// write writes g in the named format.
func write(t testing.TB, name string, g *export.Graph) []byte {
	t.Helper()
	f, ok := export.Lookup(name)
	if !ok {
		t.Fatalf("format %q is not registered", name)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, g); err != nil {
		t.Fatalf("write %s: %v", name, err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return "(same lines)"
}

func itoa(i int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
		if i == 0 {
			return string(b)
		}
	}
}

func TestNames(t *testing.T) {
	want := []string{"csv", "cyjs", "dot", "gexf", "graphml", "jsonld", "nquads"}
	got := export.Names()
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, name := range got {
		f, _ := export.Lookup(name)
		if f.Name != name || f.MIME == "" || !strings.HasPrefix(f.Ext, ".") || f.Write == nil {
			t.Errorf("format %q: %+v", name, f)
		}
		if f.Binary != (name == "csv") {
			t.Errorf("format %q: Binary = %v", name, f.Binary)
		}
	}
}

func TestGolden(t *testing.T) {
	g := fixture()
	for _, name := range export.Names() {
		t.Run(name, func(t *testing.T) {
			got := write(t, name, g)
			if name == "csv" {
				// The zip's deflated bytes may change with the Go version;
				// the files in it are the golden ones.
				files := unzip(t, got)
				golden(t, "fixture.nodes.csv", files[export.NodesCSV])
				golden(t, "fixture.edges.csv", files[export.EdgesCSV])
				return
			}
			f, _ := export.Lookup(name)
			golden(t, "fixture"+f.Ext, got)
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, name := range export.Names() {
		t.Run(name, func(t *testing.T) {
			a, b := write(t, name, fixture()), write(t, name, fixture())
			if !bytes.Equal(a, b) {
				t.Fatalf("two writes differ:\n%s", firstDiff(string(a), string(b)))
			}
		})
	}
}

// TestEmpty writes a Graph without nodes in every format.
func TestEmpty(t *testing.T) {
	for _, name := range export.Names() {
		t.Run(name, func(t *testing.T) {
			g := &export.Graph{}
			out := write(t, name, g)
			if len(out) == 0 && name != "nquads" {
				t.Fatal("nothing written")
			}
			checkParsed(t, name, g, out)
		})
	}
}

// TestWriteError checks that a failing writer's error comes back.
func TestWriteError(t *testing.T) {
	for _, name := range export.Names() {
		t.Run(name, func(t *testing.T) {
			f, _ := export.Lookup(name)
			if err := f.Write(failWriter{}, fixture()); err == nil {
				t.Fatal("no error from a failing writer")
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

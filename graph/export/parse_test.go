package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"plangraph/graph/export"
)

// A Graph as a reader sees it: nodes and edges in document order, each
// with its attributes (empty ones left out).
type (
	pnode struct {
		ID    string
		Attrs map[string]string
	}
	pedge struct {
		ID, Source, Target string
		Attrs              map[string]string
	}
	parsed struct {
		Nodes []pnode
		Edges []pedge
	}
)

// attrs makes a map of name, value pairs, leaving out empty values.
func attrs(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			m[kv[i]] = kv[i+1]
		}
	}
	return m
}

// expect is what a reader of a format should find in g: every attribute
// the formats share, with the edge ids e0 … and, when fix is not nil,
// each value passed through it.
func expect(g *export.Graph, fix func(string) string) parsed {
	if fix == nil {
		fix = func(s string) string { return s }
	}
	p := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	for _, n := range g.Nodes {
		p.Nodes = append(p.Nodes, pnode{n.ID, attrs("label", fix(n.Label()), "kind", n.Kind, "label_zh", fix(n.LabelZH),
			"label_en", fix(n.LabelEN), "section", n.Section, "text", fix(n.Text), "commitment", n.Commitment)})
	}
	for i, e := range g.Edges {
		p.Edges = append(p.Edges, pedge{"e" + strconv.Itoa(i), e.Source, e.Target,
			attrs("predicate", e.Predicate, "evidence", e.Evidence, "evidence_text", fix(e.EvidenceText))})
	}
	return p
}

// only keeps the attributes named.
func (p parsed) only(names ...string) parsed {
	keep := func(m map[string]string) map[string]string {
		out := map[string]string{}
		for _, n := range names {
			if v, ok := m[n]; ok {
				out[n] = v
			}
		}
		return out
	}
	q := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	for _, n := range p.Nodes {
		q.Nodes = append(q.Nodes, pnode{n.ID, keep(n.Attrs)})
	}
	for _, e := range p.Edges {
		q.Edges = append(q.Edges, pedge{e.ID, e.Source, e.Target, keep(e.Attrs)})
	}
	return q
}

func (p parsed) withoutEdgeIDs() parsed {
	q := parsed{Nodes: p.Nodes, Edges: []pedge{}}
	for _, e := range p.Edges {
		e.ID = ""
		q.Edges = append(q.Edges, e)
	}
	return q
}

func comparePaths(t *testing.T, got, want parsed) {
	t.Helper()
	if len(got.Nodes) != len(want.Nodes) || len(got.Edges) != len(want.Edges) {
		t.Fatalf("read %d nodes and %d edges, want %d and %d", len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
	}
	for i := range want.Nodes {
		if !reflect.DeepEqual(got.Nodes[i], want.Nodes[i]) {
			t.Errorf("node %d:\n got %q\nwant %q", i, got.Nodes[i], want.Nodes[i])
		}
	}
	for i := range want.Edges {
		if !reflect.DeepEqual(got.Edges[i], want.Edges[i]) {
			t.Errorf("edge %d:\n got %q\nwant %q", i, got.Edges[i], want.Edges[i])
		}
	}
}

// checkParsed reads out, written in format name, back and compares it
// with g.
func checkParsed(t *testing.T, name string, g *export.Graph, out []byte) {
	t.Helper()
	switch name {
	case "graphml":
		validateGraphML(t, out)
		comparePaths(t, readGraphML(t, out), expect(g, nil))
	case "gexf":
		comparePaths(t, readGEXF(t, out), expect(g, nil))
	case "cyjs":
		comparePaths(t, readCyJS(t, out), expect(g, nil))
	case "dot":
		// DOT writes every line break as \n, which reads back as LF.
		crlf := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		want := expect(g, crlf.Replace).only("label", "kind", "text", "predicate", "evidence").withoutEdgeIDs()
		comparePaths(t, readDOT(t, out), want)
	case "csv":
		// Go's csv reader drops a CR before LF, in quoted fields too.
		want := expect(g, strings.NewReplacer("\r\n", "\n").Replace).only("label", "kind", "label_en", "section", "commitment", "text",
			"predicate", "evidence", "evidence_text").withoutEdgeIDs()
		comparePaths(t, readCSV(t, out), want)
	case "nquads":
		// Typed literals with their full datatype IRIs (RDFValue).
		if bytes.Contains(out, []byte("^^<xsd:")) || bytes.Contains(out, []byte(`"True"`)) {
			t.Errorf("n-quads with Cayley's short datatypes:\n%s", out)
		}
		compareQuads(t, readQuads(t, nquads.NewReader(bytes.NewReader(out), false)), g.Quads, false)
	case "jsonld":
		compareQuads(t, readQuads(t, jsonld.NewReader(bytes.NewReader(out))), g.Quads, true)
	default:
		t.Fatalf("no reader for %q", name)
	}
}

func TestParseBack(t *testing.T) {
	g := fixture()
	for _, name := range export.Names() {
		t.Run(name, func(t *testing.T) { checkParsed(t, name, g, write(t, name, g)) })
	}
}

// ---- GraphML ----

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlDoc struct {
	XMLName        xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	SchemaLocation string   `xml:"http://www.w3.org/2001/XMLSchema-instance schemaLocation,attr"`
	Keys           []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graphs []struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func readGraphML(t *testing.T, out []byte) parsed {
	t.Helper()
	var doc gmlDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("read graphml: %v", err)
	}
	if len(doc.Graphs) != 1 {
		t.Fatalf("%d graphs, want 1", len(doc.Graphs))
	}
	names := map[string]string{}
	for _, k := range doc.Keys {
		names[k.ID] = k.Name
	}
	data := func(ds []gmlData) map[string]string {
		m := map[string]string{}
		for _, d := range ds {
			m[names[d.Key]] = d.Value
		}
		return m
	}
	ids := map[string]string{} // GraphML id → readable id
	p := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	for _, n := range doc.Graphs[0].Nodes {
		a := data(n.Data)
		id := a["plangraph_id"]
		delete(a, "plangraph_id")
		if n.ID != export.GraphMLID(id) {
			t.Errorf("node %q: plangraph_id %q", n.ID, id)
		}
		ids[n.ID] = id
		p.Nodes = append(p.Nodes, pnode{id, a})
	}
	for _, e := range doc.Graphs[0].Edges {
		a := data(e.Data)
		if a["label"] != a["predicate"] {
			t.Errorf("edge %s: label %q, predicate %q", e.ID, a["label"], a["predicate"])
		}
		delete(a, "label")
		p.Edges = append(p.Edges, pedge{e.ID, ids[e.Source], ids[e.Target], a})
	}
	return p
}

// nmtoken matches the XML name tokens GraphML ids must be (the ASCII part
// of XML's NameChar, all GraphMLID produces).
var nmtoken = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

// validateGraphML checks a document against the rules of the GraphML 1.0
// schema that a writer can break: the namespace and schema location, the
// element nesting and order, NMTOKEN ids, unique node ids, declared keys
// used by the right elements, edges between declared nodes, a required
// edgedefault. (The schema itself cannot be fetched offline.)
func validateGraphML(t *testing.T, out []byte) {
	t.Helper()
	const ns = "http://graphml.graphdrawing.org/xmlns"
	children := map[string][]string{
		"":        {"graphml"},
		"graphml": {"desc", "key", "data", "graph"},
		"key":     {"desc", "default"},
		"graph":   {"desc", "data", "node", "edge", "hyperedge"},
		"node":    {"desc", "data", "port", "graph"},
		"edge":    {"desc", "data", "graph"},
		"data":    {},
	}
	types := []string{"boolean", "int", "long", "float", "double", "string"}
	keyFor := map[string]string{}
	nodes := map[string]bool{}
	edges := map[string]bool{}
	var stack []string
	seenGraph := false
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("graphml is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			name := tok.Name.Local
			if tok.Name.Space != ns {
				t.Fatalf("<%s> in namespace %q", name, tok.Name.Space)
			}
			if !slices.Contains(children[parent], name) {
				t.Fatalf("<%s> inside <%s>", name, parent)
			}
			a := map[string]string{}
			for _, at := range tok.Attr {
				a[at.Name.Local] = at.Value
			}
			switch name {
			case "graphml":
				if a["schemaLocation"] != ns+" http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd" {
					t.Errorf("schemaLocation %q", a["schemaLocation"])
				}
			case "key":
				if seenGraph {
					t.Errorf("<key %s> after <graph>", a["id"])
				}
				if !nmtoken.MatchString(a["id"]) || keyFor[a["id"]] != "" {
					t.Errorf("key id %q is no NMTOKEN or not unique", a["id"])
				}
				if !slices.Contains([]string{"all", "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint"}, a["for"]) {
					t.Errorf("key %s for %q", a["id"], a["for"])
				}
				if !nmtoken.MatchString(a["attr.name"]) || !slices.Contains(types, a["attr.type"]) {
					t.Errorf("key %s: attr.name %q attr.type %q", a["id"], a["attr.name"], a["attr.type"])
				}
				keyFor[a["id"]] = a["for"]
			case "graph":
				seenGraph = true
				if a["edgedefault"] != "directed" {
					t.Errorf("edgedefault %q", a["edgedefault"])
				}
			case "node":
				if !nmtoken.MatchString(a["id"]) || nodes[a["id"]] {
					t.Errorf("node id %q is no NMTOKEN or not unique", a["id"])
				}
				nodes[a["id"]] = true
			case "edge":
				if !nmtoken.MatchString(a["id"]) || edges[a["id"]] {
					t.Errorf("edge id %q is no NMTOKEN or not unique", a["id"])
				}
				edges[a["id"]] = true
				// Nodes come first in our documents: a keyref to a later
				// node would be valid too, but we check the simple case.
				if !nodes[a["source"]] || !nodes[a["target"]] {
					t.Errorf("edge %s: %q → %q, not declared nodes", a["id"], a["source"], a["target"])
				}
			case "data":
				if f := keyFor[a["key"]]; f != parent && f != "all" {
					t.Errorf("<data key=%q> in <%s>, key is for %q", a["key"], parent, f)
				}
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] != "data" && strings.TrimSpace(string(tok)) != "" {
				t.Errorf("text %q inside <%s>", tok, stack[len(stack)-1])
			}
		}
	}
}

// ---- GEXF ----

const gexfNS, vizNS = "http://gexf.net/1.3", "http://gexf.net/1.3/viz"

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfDoc struct {
	XMLName xml.Name `xml:"http://gexf.net/1.3 gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		DefaultEdgeType string `xml:"defaultedgetype,attr"`
		Attributes      []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes struct {
			Count int `xml:"count,attr"`
			Nodes []struct {
				ID        string         `xml:"id,attr"`
				Label     string         `xml:"label,attr"`
				AttValues []gexfAttValue `xml:"attvalues>attvalue"`
				Color     *struct {
					R int `xml:"r,attr"`
					G int `xml:"g,attr"`
					B int `xml:"b,attr"`
				} `xml:"http://gexf.net/1.3/viz color"`
				Size *struct {
					Value float64 `xml:"value,attr"`
				} `xml:"http://gexf.net/1.3/viz size"`
			} `xml:"node"`
		} `xml:"nodes"`
		Edges struct {
			Count int `xml:"count,attr"`
			Edges []struct {
				ID        string         `xml:"id,attr"`
				Source    string         `xml:"source,attr"`
				Target    string         `xml:"target,attr"`
				Label     string         `xml:"label,attr"`
				Kind      string         `xml:"kind,attr"`
				AttValues []gexfAttValue `xml:"attvalues>attvalue"`
			} `xml:"edge"`
		} `xml:"edges"`
	} `xml:"graph"`
}

func readGEXF(t *testing.T, out []byte) parsed {
	t.Helper()
	var doc gexfDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("read gexf: %v", err)
	}
	if doc.Version != "1.3" || doc.Graph.DefaultEdgeType != "directed" {
		t.Errorf("version %q, defaultedgetype %q", doc.Version, doc.Graph.DefaultEdgeType)
	}
	titles := map[string]map[string]string{}
	for _, as := range doc.Graph.Attributes {
		titles[as.Class] = map[string]string{}
		for _, a := range as.Attrs {
			if a.Type != "string" {
				t.Errorf("attribute %s of type %q", a.ID, a.Type)
			}
			titles[as.Class][a.ID] = a.Title
		}
	}
	values := func(class string, avs []gexfAttValue) map[string]string {
		m := map[string]string{}
		for _, av := range avs {
			title, ok := titles[class][av.For]
			if !ok {
				t.Errorf("attvalue for undeclared %s attribute %q", class, av.For)
			}
			m[title] = av.Value
		}
		return m
	}
	if doc.Graph.Nodes.Count != len(doc.Graph.Nodes.Nodes) || doc.Graph.Edges.Count != len(doc.Graph.Edges.Edges) {
		t.Errorf("counts %d and %d for %d nodes and %d edges", doc.Graph.Nodes.Count, doc.Graph.Edges.Count,
			len(doc.Graph.Nodes.Nodes), len(doc.Graph.Edges.Edges))
	}
	p := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	for _, n := range doc.Graph.Nodes.Nodes {
		a := values("node", n.AttValues)
		if n.Label != "" {
			a["label"] = n.Label
		}
		s := export.StyleOf(a["kind"])
		if n.Color == nil || n.Size == nil || n.Color.R != int(s.R) || n.Color.G != int(s.G) || n.Color.B != int(s.B) || n.Size.Value != s.Size {
			t.Errorf("node %s: viz color %+v size %+v, want %+v", n.ID, n.Color, n.Size, s)
		}
		p.Nodes = append(p.Nodes, pnode{n.ID, a})
	}
	for _, e := range doc.Graph.Edges.Edges {
		a := values("edge", e.AttValues)
		if e.Label != a["predicate"] || e.Kind != a["predicate"] {
			t.Errorf("edge %s: label %q kind %q, predicate %q", e.ID, e.Label, e.Kind, a["predicate"])
		}
		p.Edges = append(p.Edges, pedge{e.ID, e.Source, e.Target, a})
	}
	return p
}

// ---- Cytoscape.js JSON ----

func readCyJS(t *testing.T, out []byte) parsed {
	t.Helper()
	var doc struct {
		Elements struct {
			Nodes []struct {
				Data map[string]string `json:"data"`
			} `json:"nodes"`
			Edges []struct {
				Data map[string]string `json:"data"`
			} `json:"edges"`
		} `json:"elements"`
	}
	d := json.NewDecoder(bytes.NewReader(out))
	d.DisallowUnknownFields()
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("read cyjs: %v", err)
	}
	if d.More() {
		t.Fatal("more than one JSON value")
	}
	p := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	for _, n := range doc.Elements.Nodes {
		id := n.Data["id"]
		delete(n.Data, "id")
		p.Nodes = append(p.Nodes, pnode{id, n.Data})
	}
	for _, e := range doc.Elements.Edges {
		a := e.Data
		p.Edges = append(p.Edges, pedge{a["id"], a["source"], a["target"], a})
		if a["label"] != a["predicate"] {
			t.Errorf("edge %s: label %q, predicate %q", a["id"], a["label"], a["predicate"])
		}
		for _, k := range []string{"id", "source", "target", "label"} {
			delete(a, k)
		}
	}
	return p
}

// ---- DOT ----

// dotTokens splits DOT as Graphviz's scanner does: a quoted string loses
// its quotes, \" in it becomes ", and every other backslash stays (it is
// the attribute, such as label, that reads \\ and \n).
func dotTokens(src string) ([]string, error) {
	var toks []string
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t':
			i++
		case c == '"':
			var b strings.Builder
			b.WriteByte('"') // marks a quoted token
			i++
			for {
				if i >= len(src) {
					return nil, errors.New("unterminated string")
				}
				if src[i] == '\\' && i+1 < len(src) && src[i+1] == '"' {
					b.WriteByte('"')
					i += 2
					continue
				}
				if src[i] == '\\' && i+1 < len(src) && src[i+1] == '\\' {
					b.WriteString(`\\`)
					i += 2
					continue
				}
				if src[i] == '"' {
					i++
					break
				}
				b.WriteByte(src[i])
				i++
			}
			toks = append(toks, b.String())
		case strings.HasPrefix(src[i:], "->"):
			toks = append(toks, "->")
			i += 2
		case strings.ContainsRune("[]{},;=", rune(c)):
			toks = append(toks, string(c))
			i++
		default:
			j := i
			for j < len(src) && (src[j] == '_' || src[j] == '.' || src[j] == '#' ||
				'a' <= src[j] && src[j] <= 'z' || 'A' <= src[j] && src[j] <= 'Z' || '0' <= src[j] && src[j] <= '9') {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected %q at %d", c, i)
			}
			toks = append(toks, src[i:j])
			i = j
		}
	}
	return toks, nil
}

// escString reads a label as Graphviz does: \\ is a backslash, \n a line
// break.
func escString(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\n`, "\n").Replace(s)
}

func readDOT(t *testing.T, out []byte) parsed {
	t.Helper()
	toks, err := dotTokens(string(out))
	if err != nil {
		t.Fatalf("read dot: %v", err)
	}
	if len(toks) < 4 || toks[0] != "digraph" || toks[2] != "{" || toks[len(toks)-1] != "}" {
		t.Fatalf("read dot: not a digraph: %q …", toks[:min(4, len(toks))])
	}
	unquote := func(s string) string {
		if !strings.HasPrefix(s, `"`) {
			t.Fatalf("read dot: %q is not quoted", s)
		}
		return s[1:]
	}
	p := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	toks = toks[3 : len(toks)-1]
	for len(toks) > 0 {
		end := slices.Index(toks, ";")
		if end < 0 {
			t.Fatalf("read dot: statement without ';': %q", toks)
		}
		st := toks[:end]
		toks = toks[end+1:]
		open := slices.Index(st, "[")
		if open < 0 || st[len(st)-1] != "]" {
			t.Fatalf("read dot: statement without attributes: %q", st)
		}
		a := map[string]string{}
		list := st[open+1 : len(st)-1]
		for i := 0; i < len(list); i += 4 {
			if i+2 >= len(list) || list[i+1] != "=" || (i+3 < len(list) && list[i+3] != ",") {
				t.Fatalf("read dot: attribute list %q", list)
			}
			v := list[i+2]
			if strings.HasPrefix(v, `"`) {
				v = v[1:]
				if list[i] == "label" || list[i] == "tooltip" {
					v = escString(v)
				}
			}
			a[list[i]] = v
		}
		head := st[:open]
		switch {
		case len(head) == 1 && (head[0] == "graph" || head[0] == "node" || head[0] == "edge"):
		case len(head) == 1:
			p.Nodes = append(p.Nodes, pnode{unquote(head[0]), attrs("label", a["label"], "kind", a["kind"], "text", a["tooltip"])})
			if s := export.StyleOf(a["kind"]); a["shape"] != s.Shape || a["color"] != s.Hex() {
				t.Errorf("node %s: shape %q color %q, want %+v", head[0], a["shape"], a["color"], s)
			}
		case len(head) == 3 && head[1] == "->":
			p.Edges = append(p.Edges, pedge{"", unquote(head[0]), unquote(head[2]),
				attrs("predicate", a["label"], "evidence", a["evidence"])})
		default:
			t.Fatalf("read dot: statement %q", st)
		}
	}
	return p
}

// ---- CSV ----

func unzip(t *testing.T, out []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("read zip: %v", err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		files[f.Name] = b
	}
	if strings.Join(names, " ") != export.NodesCSV+" "+export.EdgesCSV {
		t.Fatalf("zip holds %q", names)
	}
	return files
}

func readCSV(t *testing.T, out []byte) parsed {
	t.Helper()
	files := unzip(t, out)
	rows := func(name string, header string) [][]string {
		b := files[name]
		if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s starts with a byte order mark", name)
		}
		r := csv.NewReader(bytes.NewReader(b))
		all, err := r.ReadAll()
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		if len(all) == 0 || strings.Join(all[0], ",") != header {
			t.Fatalf("%s header %q, want %q", name, all[:min(1, len(all))], header)
		}
		return all[1:]
	}
	p := parsed{Nodes: []pnode{}, Edges: []pedge{}}
	for _, r := range rows(export.NodesCSV, "Id,Label,Kind,Label_en,Section,Commitment,Text") {
		p.Nodes = append(p.Nodes, pnode{r[0], attrs("label", r[1], "kind", r[2], "label_en", r[3], "section", r[4], "commitment", r[5], "text", r[6])})
	}
	for _, r := range rows(export.EdgesCSV, "Source,Target,Type,Label,Weight,Evidence,Evidence_text") {
		if r[2] != "Directed" || r[4] != "1" {
			t.Errorf("edge row %q: type %q weight %q", r, r[2], r[4])
		}
		p.Edges = append(p.Edges, pedge{"", r[0], r[1], attrs("predicate", r[3], "evidence", r[5], "evidence_text", r[6])})
	}
	return p
}

// ---- N-Quads, JSON-LD ----

func readQuads(t *testing.T, r quad.ReadCloser) []quad.Quad {
	t.Helper()
	defer r.Close()
	var qs []quad.Quad
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			return qs
		}
		if err != nil {
			t.Fatalf("read quads: %v", err)
		}
		qs = append(qs, q)
	}
}

// quadString is a quad's N-Quads form.
func quadString(q quad.Quad) string {
	var b strings.Builder
	for _, d := range quad.Directions {
		b.WriteString(quad.StringOf(q.Get(d)))
		b.WriteByte(' ')
	}
	return b.String()
}

// compareQuads compares quads read with the quads written; unordered for
// JSON-LD, which groups them by graph and subject.
func compareQuads(t *testing.T, got, want []quad.Quad, unordered bool) {
	t.Helper()
	g, w := make([]string, len(got)), make([]string, len(want))
	lower := func(q quad.Quad) quad.Quad {
		// JSON-LD writes language tags in lower case (RDF's are
		// case-insensitive): zh-Hant comes back as zh-hant.
		if l, ok := q.Object.(quad.LangString); ok && unordered {
			l.Lang = strings.ToLower(l.Lang)
			q.Object = l
		}
		return q
	}
	for i, q := range got {
		g[i] = quadString(lower(q))
	}
	for i, q := range want {
		w[i] = quadString(lower(q))
	}
	if unordered {
		slices.Sort(g)
		slices.Sort(w)
	}
	if len(g) != len(w) {
		t.Fatalf("read %d quads, want %d", len(g), len(w))
	}
	for i := range w {
		if g[i] != w[i] {
			t.Errorf("quad %d:\n got %s\nwant %s", i, g[i], w[i])
		}
	}
}

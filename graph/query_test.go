package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"plangraph/graph"
	"plangraph/graph/store"
	"plangraph/schema"
)

// analystQueries are answered from the seed and compared with golden JSON
// under testdata/.
var analystQueries = []struct{ name, query string }{
	{"initiative-relation-to-plan", `{
	  entities(kinds: [INITIATIVE], first: 200) { totalCount nodes { id name en: name(lang: EN)
	    ... on Initiative { relationToPlan { predicate subject { id } evidence { id } } proposedBy { id } } } }
	}`},
	{"mechanism-meetings", `{
	  leaders: entity(id: "mechanism:leaders-meeting") { ... on Mechanism { name en: name(lang: EN) convenesEvery { value evidence { id text } } partOf { id } } }
	  fmm: entity(id: "mechanism:fmm") { ... on Mechanism { convenesEvery { value evidence { id } } relations(direction: IN) { predicate subject { id } evidence { id } } } }
	  som: entity(id: "mechanism:som") { ... on Mechanism { reportsTo { object { id } evidence { id text } } convenesEvery { value } } }
	}`},
	{"connectivity-section", `{
	  section(number: "4.2.1") { id title level pillar { id } priorityAreas { id }
	    parent { number title } children { number }
	    measures(first: 3) { totalCount nodes { id text action commitment span { start end }
	      mentions { surface span { start end } entity { id kind } }
	      relations { subject { id } predicate object { id } value } } } }
	}`},
	{"plan-outline", `{
	  plans { id name names { lang value } sections { number title children { number title children { number title } } } }
	}`},
	{"country-groups", `{
	  kh: entity(id: "country:KH") { ... on Country { isoCode name(lang: EN) groups { id name } } }
	  lmc: entity(id: "group:lmc-members") { ... on CountryGroup { members { id } mentionedIn(first: 2) { totalCount nodes { id } } } }
	}`},
	{"measures-filtered", `{
	  exploratory: measures(filter: {commitment: [EXPLORATORY]}) { totalCount nodes { id action } }
	  bothMPACandBRI: measures(filter: {mentionsAll: ["initiative:mpac-2025", "initiative:bri"]}) { totalCount nodes { id section { number } } }
	  inTrade: measures(filter: {sectionPrefix: "4.2.3", textContains: "海关"}, first: 3) { totalCount nodes { id } }
	  byAction: measures(filter: {action: ["探索"], mentionsAny: ["group:lmc-members"]}) { totalCount nodes { id } }
	}`},
	{"alignment-mpac-bri", `{
	  alignment(entities: ["initiative:mpac-2025", "initiative:bri"]) {
	    entities { id name(lang: EN) }
	    items { node { id ... on Measure { section { number title } } } score
	      entities { entity { id } direct via { predicate subject { id } object { id } } mentions { surface span { start end } } }
	      evidence { id text } }
	    pairs { a { id } b { id } count score items { id } } }
	}`},
	{"alignment-matrix-default", `{
	  alignmentMatrix { rows { id } columns { id label node { id } } cells { row column count evidenceIds } maxCount }
	}`},
	{"paths-kh-mpac", `{
	  paths(from: "country:KH", to: "initiative:mpac-2025", maxLength: 5, first: 3) { shortest truncated
	    paths { length nodes { id } hops { from { id } to { id } predicate direction evidenceId evidence { text } } } }
	}`},
	{"neighborhood-fmm", `{
	  neighborhood(id: "mechanism:fmm", depth: 1) { truncated nodes { id kind label distance } edges { source target predicate evidenceId } }
	}`},
	{"search", `{
	  mpac: search(text: "MPAC", first: 3) { node { id } kind field value match { start end } score }
	  traditional: search(text: "東盟", first: 3) { node { id } field value match { start end } }
	  mekong: search(text: "mekong", first: 3) { node { id } field value }
	  text: search(text: "海关", kinds: [MEASURE], first: 2) { node { id } value match { start end } }
	}`},
	{"stats", `{
	  stats(top: 3) { nodesByKind { kind count } mostMentioned { entity { id } count }
	    mostMentionedByPillar { group { id } entities { entity { id } count } }
	    commitmentBySection { section { number } counts { commitment count } } }
	}`},
	{"not-found", `{
	  node(id: "country:XX") { id }
	  entity(id: "initiative:nope") { id }
	  section(number: "9.9") { id }
	}`},
}

func TestAnalystQueriesGolden(t *testing.T) {
	c := newClient(seedStore(t))
	for _, q := range analystQueries {
		t.Run(q.name, func(t *testing.T) {
			goldenJSON(t, q.name, query(t, c, q.query, nil))
		})
	}
}

func TestNodeKinds(t *testing.T) {
	c := newClient(seedStore(t))
	ids := []string{"plan:lmc-2023-2027", "section:lmc-2023-2027/4.2.1", "measure:lmc-2023-2027/4.2.1/1",
		"mention:lmc-2023-2027/4.2.1/1/1", "country:KH", "group:lmc-members", "mechanism:fmm", "initiative:bri",
		"org:who", "pillar:political-security", "area:connectivity"}
	wantType := []string{"Plan", "Section", "Measure", "Mention", "Country", "CountryGroup", "Mechanism", "Initiative", "Organization", "Pillar", "PriorityArea"}
	out := query(t, c, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": append(ids, "org:nope")})
	nodes := out["data"].(map[string]any)["nodes"].([]any)
	for i, id := range ids {
		n := nodes[i].(map[string]any)
		if n["id"] != id || n["__typename"] != wantType[i] {
			t.Errorf("nodes[%d] = %v, want %s %s", i, n, wantType[i], id)
		}
	}
	if nodes[len(ids)] != nil {
		t.Errorf("unknown id gave %v", nodes[len(ids)])
	}
	errs, _ := json.Marshal(out["errors"])
	if !strings.Contains(string(errs), `"path":["nodes",11]`) || !strings.Contains(string(errs), "org:nope") {
		t.Errorf("errors = %s, want one for nodes[11]", errs)
	}
}

// TestMeasurePagination walks every page of measures and compares with
// totalCount, then reloads the plan and checks the cursors still work.
func TestMeasurePagination(t *testing.T) {
	st := seedStore(t)
	c := newClient(st)
	walk := func(first int) ([]string, []string) {
		var ids, cursors []string
		after := ""
		for {
			out := query(t, c, `query($first: Int, $after: String) { measures(first: $first, after: $after) {
			  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
				map[string]any{"first": first, "after": after})
			conn := out["data"].(map[string]any)["measures"].(map[string]any)
			for _, e := range conn["edges"].([]any) {
				e := e.(map[string]any)
				ids = append(ids, e["node"].(map[string]any)["id"].(string))
				cursors = append(cursors, e["cursor"].(string))
			}
			total := int(conn["totalCount"].(float64))
			info := conn["pageInfo"].(map[string]any)
			if !info["hasNextPage"].(bool) {
				if len(ids) != total {
					t.Fatalf("walked %d measures, totalCount %d", len(ids), total)
				}
				return ids, cursors
			}
			after = info["endCursor"].(string)
		}
	}
	ids7, cursors := walk(7)
	ids50, _ := walk(50)
	if strings.Join(ids7, ",") != strings.Join(ids50, ",") {
		t.Error("pages of 7 and of 50 give different orders")
	}
	seen := map[string]bool{}
	for _, id := range ids7 {
		if seen[id] {
			t.Fatalf("measure %s twice", id)
		}
		seen[id] = true
	}
	// Reload the same plan: the same cursor gives the same next page.
	qs, err := st.Quads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(context.Background(), qs[:len(qs)/2]); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Replace(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
	out := query(t, c, `query($after: String) { measures(first: 1, after: $after) { nodes { id } } }`, map[string]any{"after": cursors[9]})
	got := out["data"].(map[string]any)["measures"].(map[string]any)["nodes"].([]any)[0].(map[string]any)["id"]
	if got != ids7[10] {
		t.Errorf("after a reload, cursor 10 leads to %v, want %s", got, ids7[10])
	}
}

func TestBadArguments(t *testing.T) {
	c := newClient(seedStore(t))
	tests := []struct{ name, query, want string }{
		{"first too large", `{ measures(first: 1000) { totalCount } }`, "first must be between 0 and 200"},
		{"negative first", `{ entities(first: -1) { totalCount } }`, "first must be between 0 and 200"},
		{"bad cursor", `{ measures(after: "zzz") { totalCount } }`, "invalid cursor"},
		{"unknown plan", `{ measures(filter: {plan: "plan:nope"}) { totalCount } }`, `plan \"plan:nope\" not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := query(t, c, tt.query, nil)
			errs, _ := json.Marshal(out["errors"])
			if !strings.Contains(string(errs), tt.want) {
				t.Errorf("errors = %s, want %q", errs, tt.want)
			}
		})
	}
}

// countingReader counts the store calls the resolvers make.
type countingReader struct {
	graph.Reader
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingReader) count(name string) {
	c.mu.Lock()
	c.calls[name]++
	c.mu.Unlock()
}

func (c *countingReader) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

func (c *countingReader) Nodes(ctx context.Context, ids []string) ([]store.Node, []error) {
	c.count("Nodes")
	return c.Reader.Nodes(ctx, ids)
}
func (c *countingReader) Plans(ctx context.Context) ([]store.Node, error) {
	c.count("Plans")
	return c.Reader.Plans(ctx)
}
func (c *countingReader) Sections(ctx context.Context, p string) ([]store.Section, error) {
	c.count("Sections")
	return c.Reader.Sections(ctx, p)
}
func (c *countingReader) PlanMeasures(ctx context.Context, p string) ([]store.Measure, error) {
	c.count("PlanMeasures")
	return c.Reader.PlanMeasures(ctx, p)
}
func (c *countingReader) MeasuresByID(ctx context.Context, ids []string) ([]store.Measure, error) {
	c.count("MeasuresByID")
	return c.Reader.MeasuresByID(ctx, ids)
}
func (c *countingReader) FindMeasures(ctx context.Context, f store.MeasureFilter) ([]store.Measure, error) {
	c.count("FindMeasures")
	return c.Reader.FindMeasures(ctx, f)
}
func (c *countingReader) MentionsInMany(ctx context.Context, ids []string) ([][]store.Mention, error) {
	c.count("MentionsInMany")
	return c.Reader.MentionsInMany(ctx, ids)
}
func (c *countingReader) MentionsOfMany(ctx context.Context, ids []string) ([][]store.Mention, error) {
	c.count("MentionsOfMany")
	return c.Reader.MentionsOfMany(ctx, ids)
}
func (c *countingReader) RelationsByEvidence(ctx context.Context, ids []string) ([][]store.Relation, error) {
	c.count("RelationsByEvidence")
	return c.Reader.RelationsByEvidence(ctx, ids)
}
func (c *countingReader) RelationsOfMany(ctx context.Context, ids []string, f store.RelationFilter) ([][]store.Relation, [][]store.Relation, error) {
	c.count("RelationsOfMany")
	return c.Reader.RelationsOfMany(ctx, ids, f)
}
func (c *countingReader) Entities(ctx context.Context, kinds ...schema.Kind) ([]store.Node, error) {
	c.count("Entities")
	return c.Reader.Entities(ctx, kinds...)
}
func (c *countingReader) Out(ctx context.Context, id string, preds ...quad.IRI) ([]store.Edge, error) {
	c.count("Out")
	return c.Reader.Out(ctx, id, preds...)
}
func (c *countingReader) In(ctx context.Context, id string, preds ...quad.IRI) ([]store.Edge, error) {
	c.count("In")
	return c.Reader.In(ctx, id, preds...)
}

// TestBoundedStoreReads checks that a page of 100 measures with their
// mentions, entities, sections and relations costs a bounded number of
// store calls, not one per measure.
func TestBoundedStoreReads(t *testing.T) {
	cr := &countingReader{Reader: seedStore(t), calls: map[string]int{}}
	c := newClient(cr)
	out := query(t, c, `{ measures(first: 100) { totalCount nodes { id text
	  section { number title parent { number } pillar { id } }
	  mentions { surface entity { id name } }
	  relations { predicate subject { id } object { id } }
	  next { id } } } }`, nil)
	if out["errors"] != nil {
		t.Fatalf("errors: %v", out["errors"])
	}
	n := len(out["data"].(map[string]any)["measures"].(map[string]any)["nodes"].([]any))
	if n < 80 {
		t.Fatalf("only %d measures", n)
	}
	if total := cr.total(); total > 10 {
		t.Errorf("%d measures cost %d store calls %v, want at most 10", n, total, cr.calls)
	}
	t.Logf("%d measures: %d store calls %v", n, cr.total(), cr.calls)
}

func TestEntitiesSearchAndKinds(t *testing.T) {
	c := newClient(seedStore(t))
	tests := []struct {
		args string
		want []string
	}{
		{`search: "mpac"`, []string{"initiative:mpac-2025"}},
		{`search: "ＭＰＡＣ"`, []string{"initiative:mpac-2025"}},
		{`search: "東盟互聯互通"`, []string{"initiative:mpac-2025"}},
		{`kinds: [COUNTRY]`, []string{"country:CN", "country:KH", "country:LA", "country:MM", "country:TH", "country:VN"}},
		{`kinds: [PILLAR], search: "political"`, []string{"pillar:political-security"}},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			out := query(t, c, fmt.Sprintf(`{ entities(%s) { totalCount nodes { id } } }`, tt.args), nil)
			b, _ := json.Marshal(out)
			var got []string
			for _, n := range out["data"].(map[string]any)["entities"].(map[string]any)["nodes"].([]any) {
				got = append(got, n.(map[string]any)["id"].(string))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v (%s)", got, tt.want, b)
			}
		})
	}
}

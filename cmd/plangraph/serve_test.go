package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"plangraph/graph/server"
)

// testServer serves the embedded plan from a memory store through the real
// handler, as `plangraph serve --store memory` does.
func testServer(t *testing.T, mutate ...func(*serveConfig)) *httptest.Server {
	t.Helper()
	c := serveConfig{store: "memory", server: server.DefaultConfig()}
	for _, m := range mutate {
		m(&c)
	}
	c.load.store = c.store
	srv, st, err := newServer(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); st.Close() })
	return ts
}

type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func post(t *testing.T, ts *httptest.Server, query string, vars map[string]any, accept string) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return resp.StatusCode, out
}

func codes(r gqlResponse) []string {
	var out []string
	for _, e := range r.Errors {
		if c, ok := e.Extensions["code"].(string); ok {
			out = append(out, c)
		}
	}
	return out
}

func TestServeQueries(t *testing.T) {
	ts := testServer(t)
	tests := []struct {
		name, query string
		status      int
		want        string // in the JSON of data
		code        string // an error code expected
	}{
		{"node", `{ node(id: "country:KH") { ... on Country { isoCode name(lang: EN) } } }`, 200, `"isoCode":"KH"`, ""},
		{"entity relations", `{ entity(id: "mechanism:som") { ... on Mechanism { reportsTo { object { id } } } } }`, 200, `mechanism:fmm`, ""},
		{"section", `{ section(number: "4.2.1") { title pillar { id } } }`, 200, `pillar:economic-sustainable`, ""},
		{"unknown id", `{ node(id: "country:XX") { id } }`, 200, `"node":null`, server.CodeNotFound},
		{"bad cursor", `{ measures(after: "nope") { totalCount } }`, 200, ``, "BAD_USER_INPUT"},
		{"too deep", `{ plans { sections { children { children { children { measures { nodes { section { parent { parent { plan { sections { title } } } } } } } } } } } } }`, 200, ``, server.CodeDepthLimit},
		{"too complex", `{ entities(first: 200) { nodes { mentionedIn(first: 200) { nodes { mentions { entity { id } } } } } } }`, 200, ``, server.CodeComplexityLimit},
		{"parse error", `{ node(id: `, 200, ``, "GRAPHQL_PARSE_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out := post(t, ts, tt.query, nil, "")
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			data, _ := json.Marshal(out.Data)
			if tt.want != "" && !strings.Contains(string(data), tt.want) {
				t.Errorf("data %s lacks %s", data, tt.want)
			}
			got := codes(out)
			if tt.code == "" && len(out.Errors) > 0 {
				t.Errorf("unexpected errors %+v", out.Errors)
			}
			if tt.code != "" && (len(got) == 0 || got[0] != tt.code) {
				t.Errorf("error codes %v, want %s (%+v)", got, tt.code, out.Errors)
			}
		})
	}
	// The server stays healthy after refusing queries.
	if resp, err := http.Get(ts.URL + "/readyz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("readyz after refusals: %v %v", resp, err)
	}
}

// TestTypicalQueriesWithinLimits checks that the queries a frontend makes
// pass the default complexity and depth limits.
func TestTypicalQueriesWithinLimits(t *testing.T) {
	ts := testServer(t)
	for _, q := range []string{
		`{ measures(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id text commitment action section { number title } mentions { surface span { start end } entity { id name kind } } relations { predicate subject { id } object { id } value } } } } }`,
		`{ entities(first: 100) { totalCount nodes { id kind name en: name(lang: EN) aliases mentionedIn(first: 5) { totalCount } } } }`,
		`{ plans { id name sections { number title children { number title children { number title children { number title } } } } } }`,
	} {
		status, out := post(t, ts, q, nil, "application/graphql-response+json")
		if status != 200 || len(out.Errors) > 0 {
			t.Errorf("status %d errors %+v for %s", status, out.Errors, q)
		}
	}
}

func TestServeGETAndMediaTypes(t *testing.T) {
	ts := testServer(t)
	q := url.QueryEscape(`{ entity(id: "org:who") { name } }`)
	req, _ := http.NewRequest("GET", ts.URL+"/graphql?query="+q, nil)
	req.Header.Set("Accept", "application/graphql-response+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/graphql-response+json" || !strings.Contains(string(b), "世界卫生组织") {
		t.Errorf("GET: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	// A validation error is 400 under graphql-response+json, 200 under json.
	if status, _ := post(t, ts, `{ nope }`, nil, "application/graphql-response+json"); status != 400 {
		t.Errorf("validation error under graphql-response+json: %d, want 400", status)
	}
	if status, _ := post(t, ts, `{ nope }`, nil, "application/json"); status != 200 {
		t.Errorf("validation error under json: %d, want 200", status)
	}
}

func TestServeCORSAndIntrospection(t *testing.T) {
	ts := testServer(t, func(c *serveConfig) {
		c.server.AllowedOrigins = []string{"https://app.example"}
		c.server.Introspection = false
	})
	pre := func(origin string) string {
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Access-Control-Allow-Origin")
	}
	if got := pre("https://app.example"); got != "https://app.example" {
		t.Errorf("allowed origin got %q", got)
	}
	if got := pre("https://evil.example"); got != "" {
		t.Errorf("refused origin got %q", got)
	}
	_, out := post(t, ts, `{ __schema { types { name } } }`, nil, "")
	if c := codes(out); len(c) == 0 {
		t.Errorf("introspection not refused: %+v", out)
	}
}

// TestServeShutsDown runs the serve command and stops it as SIGINT would.
func TestServeShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--store", "memory", "--addr", "127.0.0.1:0"}, io.Discard, &stderr)
	}()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("log lacks the stop: %s", stderr.String())
	}
}

func TestServeExplorer(t *testing.T) {
	ts := testServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range []struct {
		path   string
		status int
		header string
		want   string
	}{
		{"/explore", 200, "Content-Security-Policy", "default-src 'none'"},
		{"/explore/explore.js", 200, "Content-Type", "javascript"},
		{"/explore/vendor/cytoscape.min.js", 200, "Content-Type", "javascript"},
		{"/explore/", 301, "Location", "/explore"},
		{"/explore/nope.js", 404, "", ""},
	} {
		resp, err := client.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status || (tt.header != "" && !strings.Contains(resp.Header.Get(tt.header), tt.want)) {
			t.Errorf("%s: %d %s=%q, want %d with %q", tt.path, resp.StatusCode, tt.header, resp.Header.Get(tt.header), tt.status, tt.want)
		}
	}
}

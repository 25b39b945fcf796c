package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"plangraph/graph/server"
	"plangraph/graph/server/internal/testschema"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines to log into
// while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines returns the JSON log records written so far.
func (b *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// env is a server under test with its log and registry.
type env struct {
	srv *server.Server
	h   http.Handler
	log *syncBuffer
	reg *prometheus.Registry
}

// testConfig is DefaultConfig with the limits the tests reach cheaply.
func testConfig() server.Config {
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.MaxComplexity = 200
	cfg.MaxDepth = 5
	cfg.MaxTokens = 200
	cfg.MaxBodyBytes = 4 << 10
	cfg.RequestTimeout = 300 * time.Millisecond
	cfg.ShutdownTimeout = 5 * time.Second
	return cfg
}

func newEnv(t *testing.T, edit func(*server.Config), ready func(context.Context) error) *env {
	t.Helper()
	return newEnvTB(t, edit, ready)
}

// newEnvF is newEnv for fuzz targets.
func newEnvF(f *testing.F) *env { return newEnvTB(f, nil, nil) }

func newEnvTB(t testing.TB, edit func(*server.Config), ready func(context.Context) error) *env {
	t.Helper()
	cfg := testConfig()
	if edit != nil {
		edit(&cfg)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	reg := prometheus.NewRegistry()
	srv, err := server.New(cfg, testschema.New(), testschema.SDL, ready, log, reg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{srv: srv, h: srv.Handler(), log: logs, reg: reg}
}

// request describes one HTTP request to the handler.
type request struct {
	method      string // default GET
	path        string // default /graphql
	accept      string
	contentType string // default application/json for POST; "-" for none
	body        string
	header      map[string]string
}

func (e *env) do(t *testing.T, r request) *httptest.ResponseRecorder {
	t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	if r.path == "" {
		r.path = "/graphql"
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req := httptest.NewRequest(r.method, r.path, body)
	switch {
	case r.contentType == "-":
	case r.contentType != "":
		req.Header.Set("Content-Type", r.contentType)
	case r.method == http.MethodPost:
		req.Header.Set("Content-Type", "application/json")
	}
	if r.accept != "" {
		req.Header.Set("Accept", r.accept)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	return w
}

// post sends query (and variables, if not nil) as a JSON POST.
func (e *env) post(t *testing.T, accept, query string, variables map[string]any) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		t.Fatal(err)
	}
	return e.do(t, request{method: http.MethodPost, accept: accept, body: string(b)})
}

// get sends query as GET /graphql?query=….
func (e *env) get(t *testing.T, accept, query string) *httptest.ResponseRecorder {
	t.Helper()
	return e.do(t, request{path: "/graphql?query=" + url.QueryEscape(query), accept: accept})
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// gqlResponse is a decoded GraphQL response.
type gqlResponse struct {
	HasData bool
	Data    map[string]any
	Errors  []gqlError
}

func (r gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

func decode(t *testing.T, w *httptest.ResponseRecorder) gqlResponse {
	t.Helper()
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatalf("response %d %q is not a JSON object: %v", w.Code, w.Body.String(), err)
	}
	var out gqlResponse
	if d, ok := raw["data"]; ok {
		out.HasData = true
		if err := json.Unmarshal(d, &out.Data); err != nil {
			t.Fatalf("data %s: %v", d, err)
		}
	}
	if e, ok := raw["errors"]; ok {
		if err := json.Unmarshal(e, &out.Errors); err != nil {
			t.Fatalf("errors %s: %v", e, err)
		}
	}
	return out
}

// mustOK checks that the server still answers an ordinary query.
func (e *env) mustOK(t *testing.T) {
	t.Helper()
	w := e.post(t, "", `{ hello(name: "again") }`, nil)
	r := decode(t, w)
	if w.Code != http.StatusOK || r.Data["hello"] != "hello again" || len(r.Errors) > 0 {
		t.Fatalf("ordinary query afterwards: %d %s", w.Code, w.Body.String())
	}
}

func slogJSON(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func parseQuery(q string) (*ast.QueryDocument, error) {
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// metricValue returns the value of the counter name with exactly the
// labels given, or -1.
func metricValue(families []*dto.MetricFamily, name string, labels map[string]string) float64 {
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.Metric {
			got := map[string]string{}
			for _, l := range m.Label {
				got[l.GetName()] = l.GetValue()
			}
			if maps.Equal(got, labels) {
				return m.GetCounter().GetValue()
			}
		}
	}
	return -1
}

package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"plangraph/graph/server"
	"plangraph/graph/server/internal/testschema"
)

func TestCORS(t *testing.T) {
	const allowed, refused = "https://app.example.org", "https://evil.example.com"
	preflight := func(origin string) request {
		return request{method: "OPTIONS", contentType: "-", header: map[string]string{
			"Origin":                         origin,
			"Access-Control-Request-Method":  "POST",
			"Access-Control-Request-Headers": "accept,authorization,content-type", // as browsers send it: sorted, lower case
		}}
	}
	tests := []struct {
		name       string
		origins    []string
		req        request
		wantStatus int
		wantOrigin string // Access-Control-Allow-Origin, "" for none
		preflight  bool
	}{
		{"preflight from an allowed origin", []string{allowed}, preflight(allowed), 204, allowed, true},
		{"preflight from a refused origin", []string{allowed}, preflight(refused), 204, "", false},
		{"preflight, wildcard subdomain", []string{"https://*.example.org"}, preflight(allowed), 204, allowed, true},
		{"preflight, any origin", []string{"*"}, preflight(refused), 204, "*", true},
		{"preflight, same-origin only", nil, preflight(allowed), 200, "", false},
		{
			"POST from an allowed origin", []string{allowed},
			request{method: "POST", body: `{"query":"{ hello }"}`, header: map[string]string{"Origin": allowed}},
			200, allowed, false,
		},
		{
			"POST from a refused origin", []string{allowed},
			request{method: "POST", body: `{"query":"{ hello }"}`, header: map[string]string{"Origin": refused}},
			200, "", false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, func(c *server.Config) { c.AllowedOrigins = tt.origins }, nil)
			w := e.do(t, tt.req)
			if w.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", w.Code, tt.wantStatus)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.wantOrigin)
			}
			if !tt.preflight {
				return
			}
			if got := w.Header().Get("Access-Control-Allow-Methods"); !strings.Contains(got, "POST") {
				t.Errorf("Access-Control-Allow-Methods %q, want POST", got)
			}
			got := strings.ToLower(w.Header().Get("Access-Control-Allow-Headers"))
			for _, h := range []string{"content-type", "accept", "authorization"} {
				if !strings.Contains(got, h) {
					t.Errorf("Access-Control-Allow-Headers %q, want %s", got, h)
				}
			}
			if got := w.Header().Get("Access-Control-Max-Age"); got != "3600" {
				t.Errorf("Access-Control-Max-Age %q, want 3600", got)
			}
			if got := w.Header().Get("Access-Control-Allow-Credentials"); got != "" {
				t.Errorf("Access-Control-Allow-Credentials %q, want none", got)
			}
		})
	}
}

func TestAutomaticPersistedQuery(t *testing.T) {
	e := newEnv(t, nil, nil)
	const query = `query Hi { hello(name: "apq") }`
	sum := sha256.Sum256([]byte(query))
	hash := hex.EncodeToString(sum[:])
	ext := fmt.Sprintf(`{"persistedQuery":{"version":1,"sha256Hash":%q}}`, hash)
	hashOnly := request{method: "POST", body: `{"extensions":` + ext + `}`}
	withQuery := request{method: "POST", body: fmt.Sprintf(`{"query":%q,"extensions":%s}`, query, ext)}
	hashOnlyGET := request{path: "/graphql?extensions=" + ext, accept: gqlType}

	steps := []struct {
		name       string
		req        request
		wantStatus int
		wantCode   string
		wantHello  string
	}{
		{"hash only, unknown", hashOnly, 200, "PERSISTED_QUERY_NOT_FOUND", ""},
		{"hash only over GET, unknown, graphql-response+json", hashOnlyGET, 200, "PERSISTED_QUERY_NOT_FOUND", ""},
		{"hash and query", withQuery, 200, "", "hello apq"},
		{"hash only, known", hashOnly, 200, "", "hello apq"},
		{"hash only over GET, known", hashOnlyGET, 200, "", "hello apq"},
		{
			"hash that does not match the query",
			request{method: "POST", body: fmt.Sprintf(`{"query":"{ hello }","extensions":%s}`, ext)},
			400, "BAD_REQUEST", "",
		},
		{
			"unsupported version",
			request{method: "POST", body: `{"extensions":{"persistedQuery":{"version":2,"sha256Hash":"00"}}}`},
			400, "BAD_REQUEST", "",
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			w := e.do(t, st.req)
			r := decode(t, w)
			if w.Code != st.wantStatus {
				t.Errorf("status %d, want %d; body %s", w.Code, st.wantStatus, w.Body.String())
			}
			if st.wantCode != "" {
				if !slices.Contains(r.codes(), st.wantCode) {
					t.Fatalf("codes %v, want %s", r.codes(), st.wantCode)
				}
				if r.HasData {
					t.Errorf("request error with a data entry: %s", w.Body.String())
				}
				if st.wantCode == "PERSISTED_QUERY_NOT_FOUND" {
					if r.Errors[0].Message != "PersistedQueryNotFound" {
						t.Errorf("message %q: Apollo clients match PersistedQueryNotFound", r.Errors[0].Message)
					}
					if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "no-cache") {
						t.Errorf("Cache-Control %q, want no-cache", cc)
					}
				}
				return
			}
			if len(r.Errors) > 0 || r.Data["hello"] != st.wantHello {
				t.Errorf("body %s, want hello %q", w.Body.String(), st.wantHello)
			}
		})
	}
}

// TestLimits sends one operation beyond each limit, checks its code under
// both media types, and that the server answers normally afterwards.
func TestLimits(t *testing.T) {
	e := newEnv(t, nil, nil)
	deep := `{ tree { child { child { child { child { child { id } } } } } } }` // depth 7 > 5
	deepFragments := `query { tree { ...A } } fragment A on Tree { child { ...B } } fragment B on Tree { child { ... on Tree { child { child { id } } } } }`
	costly := `{ tree { children(first: 100) { children(first: 100) { id } } } }`
	manyTokens := "{ " + strings.Repeat("hello ", 250) + "}"
	bigBody := `{"query":"{ hello }","variables":{"pad":"` + strings.Repeat("x", 5000) + `"}}`

	tests := []struct {
		name     string
		req      request
		jsonCode int // status under application/json
		gqlCode  int // status under application/graphql-response+json
		wantCode string
		wantData bool
		wantMsg  string
	}{
		{"depth", postReq(deep), 200, 400, "DEPTH_LIMIT_EXCEEDED", false, "operation has depth 7, which exceeds the limit of 5"},
		{"depth through fragments", postReq(deepFragments), 200, 400, "DEPTH_LIMIT_EXCEEDED", false, "depth 6"},
		{"depth over GET", request{path: "/graphql?query=" + urlEscape(deep)}, 200, 400, "DEPTH_LIMIT_EXCEEDED", false, "depth 7"},
		{"complexity", postReq(costly), 200, 400, "COMPLEXITY_LIMIT_EXCEEDED", false, "exceeds the limit of 200"},
		{"tokens", postReq(manyTokens), 200, 400, "TOKEN_LIMIT_EXCEEDED", false, "exceeded token limit of 200"},
		{"body", request{method: "POST", body: bigBody}, 413, 413, "BODY_TOO_LARGE", false, "request body too large (limit 4096 bytes)"},
		{"timeout, resolver honours the deadline", postReq(`{ hello slow(ms: 5000) }`), 200, 200, "TIMEOUT", true, "request exceeded the time limit of 300ms"},
		{"timeout, resolver ignores the deadline", postReq(`{ stuck(ms: 1000) }`), 200, 504, "TIMEOUT", false, "request exceeded the time limit of 300ms"},
	}
	for _, tt := range tests {
		for _, accept := range []string{jsonType, gqlType} {
			t.Run(tt.name+" "+accept, func(t *testing.T) {
				req := tt.req
				req.accept = accept
				w := e.do(t, req)
				want := tt.jsonCode
				if accept == gqlType {
					want = tt.gqlCode
				}
				if w.Code != want {
					t.Errorf("status %d, want %d; body %s", w.Code, want, w.Body.String())
				}
				if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, accept) {
					t.Errorf("Content-Type %q, want %s", got, accept)
				}
				r := decode(t, w)
				if !slices.Contains(r.codes(), tt.wantCode) {
					t.Fatalf("codes %v, want %s; body %s", r.codes(), tt.wantCode, w.Body.String())
				}
				if r.HasData != tt.wantData {
					t.Errorf("data entry: %v, want %v; body %s", r.HasData, tt.wantData, w.Body.String())
				}
				if !strings.Contains(r.Errors[0].Message, tt.wantMsg) {
					t.Errorf("message %q, want it to contain %q", r.Errors[0].Message, tt.wantMsg)
				}
				e.mustOK(t)
			})
		}
	}
	t.Run("body of unknown length", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", io.MultiReader(strings.NewReader(bigBody)))
		req.ContentLength = -1
		req.Header.Set("Content-Type", jsonType)
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, req)
		if r := decode(t, w); w.Code != http.StatusRequestEntityTooLarge || !slices.Contains(r.codes(), "BODY_TOO_LARGE") {
			t.Errorf("%d %s", w.Code, w.Body.String())
		}
		want := `{"errors":[{"message":"request body too large (limit 4096 bytes)","extensions":{"code":"BODY_TOO_LARGE"}}]}`
		if w.Body.String() != want {
			t.Errorf("body %s, want %s", w.Body.String(), want)
		}
		e.mustOK(t)
	})
	t.Run("partial data before the deadline", func(t *testing.T) {
		r := decode(t, e.post(t, "", `{ hello slow(ms: 5000) }`, nil))
		if r.Data["hello"] != "hello world" || r.Data["slow"] != nil {
			t.Errorf("data %v, want hello and a null slow", r.Data)
		}
		if len(r.Errors) != 1 || fmt.Sprint(r.Errors[0].Path) != "[slow]" {
			t.Errorf("errors %+v, want one at [slow]", r.Errors)
		}
	})
	t.Run("within every limit", func(t *testing.T) {
		w := e.post(t, gqlType, `{ tree { child { child { child { id } } } } slow(ms: 10) }`, nil)
		if r := decode(t, w); w.Code != 200 || len(r.Errors) > 0 {
			t.Errorf("%d %s", w.Code, w.Body.String())
		}
	})
	t.Run("introspection is not depth-limited", func(t *testing.T) {
		q := `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }`
		w := e.post(t, gqlType, q, nil)
		if r := decode(t, w); w.Code != 200 || len(r.Errors) > 0 {
			t.Errorf("%d %s", w.Code, w.Body.String())
		}
	})
}

func postReq(query string) request {
	b, _ := json.Marshal(map[string]string{"query": query})
	return request{method: "POST", body: string(b)}
}

func urlEscape(s string) string {
	r := strings.NewReplacer(" ", "%20", "{", "%7B", "}", "%7D", "(", "%28", ")", "%29", ":", "%3A")
	return r.Replace(s)
}

func TestOperationDepth(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  int
	}{
		{"one field", `{ a }`, 1},
		{"nested", `{ a { b { c } } d }`, 3},
		{"inline fragment adds nothing", `{ a { ... on T { b { c } } } }`, 3},
		{"spread adds its fields", `{ a { ...F } } fragment F on T { b { c { d } } }`, 4},
		{"deepest branch wins", `{ a { b } c { d { e { f } } } }`, 4},
		{"fragment used twice", `{ a { ...F } b { c { ...F } } } fragment F on T { x { y } }`, 4},
		{"cycle is guarded", `{ a { ...F } } fragment F on T { b { ...G } } fragment G on T { c { ...F } }`, 3},
		{"introspection not counted", `{ __schema { types { fields { type { name } } } } a }`, 1},
		{"typename counts as a field", `{ a { __typename } }`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if got := server.OperationDepth(doc, doc.Operations[0]); got != tt.want {
				t.Errorf("depth %d, want %d", got, tt.want)
			}
		})
	}
}

func TestIntrospection(t *testing.T) {
	const query = `{ __schema { queryType { name } } }`
	tests := []struct {
		name          string
		introspection bool
		accept        string
		wantStatus    int
		wantCode      string
		wantSDL       int
	}{
		{"on", true, gqlType, 200, "", 200},
		{"off, application/json", false, jsonType, 200, "INTROSPECTION_DISABLED", 404},
		{"off, graphql-response+json", false, gqlType, 400, "INTROSPECTION_DISABLED", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, func(c *server.Config) { c.Introspection = tt.introspection }, nil)
			w := e.post(t, tt.accept, query, nil)
			r := decode(t, w)
			if w.Code != tt.wantStatus {
				t.Errorf("status %d, want %d; %s", w.Code, tt.wantStatus, w.Body.String())
			}
			if tt.wantCode == "" {
				if len(r.Errors) > 0 || fmt.Sprint(r.Data["__schema"]) != "map[queryType:map[name:Query]]" {
					t.Errorf("body %s", w.Body.String())
				}
			} else if !slices.Contains(r.codes(), tt.wantCode) || r.HasData {
				t.Errorf("body %s, want %s and no data", w.Body.String(), tt.wantCode)
			}
			// Fragments do not hide introspection, and __type is refused too.
			w = e.post(t, tt.accept, `query { ...F } fragment F on Query { __type(name: "Tree") { name } }`, nil)
			if got := decode(t, w).codes(); tt.wantCode != "" && !slices.Contains(got, tt.wantCode) {
				t.Errorf("__type in a fragment: %s", w.Body.String())
			}
			// __typename is not introspection.
			if w := e.post(t, tt.accept, `{ __typename }`, nil); w.Code != 200 || len(decode(t, w).Errors) > 0 {
				t.Errorf("__typename: %d %s", w.Code, w.Body.String())
			}
			w = e.do(t, request{path: "/schema.graphql"})
			if w.Code != tt.wantSDL {
				t.Fatalf("/schema.graphql: %d", w.Code)
			}
			if w.Code == 200 {
				if w.Body.String() != testschema.SDL || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
					t.Errorf("/schema.graphql: %q %q", w.Header().Get("Content-Type"), w.Body.String())
				}
			}
			// Suggestions would reveal the schema.
			w = e.post(t, jsonType, `{ helo }`, nil)
			if suggests := strings.Contains(w.Body.String(), "Did you mean"); suggests != tt.introspection {
				t.Errorf("suggestions shown: %v; %s", suggests, w.Body.String())
			}
		})
	}
}

func TestHealth(t *testing.T) {
	errStore := errors.New("store: bolt file locked")
	tests := []struct {
		name       string
		path       string
		ready      func(context.Context) error
		wantStatus int
		wantBody   string
	}{
		{"healthz", "/healthz", func(context.Context) error { return errStore }, 200, "ok\n"},
		{"readyz, ready", "/readyz", func(context.Context) error { return nil }, 200, "ok\n"},
		{"readyz, no check", "/readyz", nil, 200, "ok\n"},
		{"readyz, store failing", "/readyz", func(context.Context) error { return errStore }, 503, "not ready: store: bolt file locked\n"},
		{
			"readyz, store hanging", "/readyz",
			func(ctx context.Context) error { <-ctx.Done(); return nil }, // answers, but only at the deadline
			503, "not ready: readiness check: context deadline exceeded\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, nil, tt.ready)
			w := e.do(t, request{path: tt.path})
			if w.Code != tt.wantStatus || w.Body.String() != tt.wantBody {
				t.Errorf("%d %q, want %d %q", w.Code, w.Body.String(), tt.wantStatus, tt.wantBody)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.post(t, "", `query Greeting { hello }`, nil)
	e.post(t, "", `{ hello }`, nil)
	e.post(t, "", `query Missing { node(id: "x") { id } }`, nil)
	e.post(t, "", `{ nosuchfield }`, nil)
	e.do(t, request{path: "/healthz"})
	e.do(t, request{path: "/no/such/page"})

	checks := []struct {
		name   string
		metric string
		labels map[string]string
		want   float64
	}{
		{"named operation ok", "plangraph_graphql_requests_total", map[string]string{"operation": "Greeting", "status": "ok"}, 1},
		{"anonymous operation ok", "plangraph_graphql_requests_total", map[string]string{"operation": "anonymous", "status": "ok"}, 1},
		{"anonymous operation failing", "plangraph_graphql_requests_total", map[string]string{"operation": "anonymous", "status": "error"}, 1},
		{"error status", "plangraph_graphql_requests_total", map[string]string{"operation": "Missing", "status": "error"}, 1},
		{"error by code", "plangraph_graphql_errors_total", map[string]string{"operation": "Missing", "code": "NOT_FOUND"}, 1},
		{"validation error", "plangraph_graphql_errors_total", map[string]string{"operation": "anonymous", "code": "GRAPHQL_VALIDATION_FAILED"}, 1},
		{"http by route", "plangraph_http_requests_total", map[string]string{"path": "/graphql", "code": "200"}, 4},
		{"health route", "plangraph_http_requests_total", map[string]string{"path": "/healthz", "code": "200"}, 1},
		{"unknown path", "plangraph_http_requests_total", map[string]string{"path": "other", "code": "404"}, 1},
	}
	families, err := e.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if got := metricValue(families, c.metric, c.labels); got != c.want {
				t.Errorf("%s%v = %v, want %v", c.metric, c.labels, got, c.want)
			}
		})
	}
	t.Run("exposition", func(t *testing.T) {
		w := e.do(t, request{path: "/metrics"})
		body := w.Body.String()
		for _, want := range []string{
			`plangraph_graphql_requests_total{operation="Greeting",status="ok"} 1`,
			`plangraph_graphql_request_duration_seconds_count{operation="Greeting"} 1`,
			`plangraph_graphql_errors_total{code="NOT_FOUND",operation="Missing"} 1`,
			`plangraph_http_requests_total{code="200",path="/graphql"} 4`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
	t.Run("operation names are bounded", func(t *testing.T) {
		for i := range 105 {
			e.post(t, "", fmt.Sprintf(`query Op%d { hello }`, i), nil)
		}
		families, err := e.reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		if got := metricValue(families, "plangraph_graphql_requests_total", map[string]string{"operation": "other", "status": "ok"}); got < 5 {
			t.Errorf("other = %v, want at least 5", got)
		}
		for _, f := range families {
			if f.GetName() == "plangraph_graphql_requests_total" && len(f.Metric) > 105 {
				t.Errorf("%d series", len(f.Metric))
			}
		}
	})
}

func TestErrorPresentation(t *testing.T) {
	e := newEnv(t, nil, nil)
	tests := []struct {
		name     string
		query    string
		wantMsg  string
		wantCode string
		wantPath string
		wantLog  []string // substrings of the error log record, nil for no record
	}{
		{"not found", `{ node(id: "measure:x/9") { id } }`, `node "measure:x/9" not found`, "NOT_FOUND", "[node]", nil},
		{"coded error", `{ bad }`, "bad: this argument is never right", "BAD_USER_INPUT", "[bad]", nil},
		{
			"internal error", `query Broken { broken }`, "internal error", "INTERNAL", "[broken]",
			[]string{`"msg":"graphql internal error"`, "disk on fire at /var/secret/path", `"path":"broken"`, `"operation":"Broken"`},
		},
		{
			"panic", `query Boom { boom }`, "internal error", "INTERNAL", "[boom]",
			[]string{`"msg":"graphql panic"`, "testschema: boom", `"operation":"Boom"`, "goroutine", "resolver.go"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(e.log.lines(t))
			w := e.post(t, gqlType, tt.query, nil)
			r := decode(t, w)
			if w.Code != 200 || !r.HasData || len(r.Errors) != 1 {
				t.Fatalf("%d %s, want 200 with data and one error", w.Code, w.Body.String())
			}
			got := r.Errors[0]
			if got.Message != tt.wantMsg || got.Extensions["code"] != tt.wantCode || fmt.Sprint(got.Path) != tt.wantPath {
				t.Errorf("error %+v, want %q %s at %s", got, tt.wantMsg, tt.wantCode, tt.wantPath)
			}
			for _, secret := range []string{"secret", "disk on fire", "goroutine", "testschema: boom"} {
				if strings.Contains(w.Body.String(), secret) && tt.wantCode == "INTERNAL" {
					t.Errorf("response leaks %q: %s", secret, w.Body.String())
				}
			}
			var errLines []string
			for _, l := range e.log.lines(t)[before:] {
				if l["level"] == "ERROR" {
					b, _ := json.Marshal(l)
					errLines = append(errLines, string(b))
				}
			}
			if tt.wantLog == nil {
				if len(errLines) > 0 {
					t.Errorf("logged %v, want nothing at error level", errLines)
				}
				return
			}
			if len(errLines) != 1 {
				t.Fatalf("error records %v, want one", errLines)
			}
			for _, want := range tt.wantLog {
				if !strings.Contains(errLines[0], want) {
					t.Errorf("log record %s lacks %s", errLines[0], want)
				}
			}
		})
	}
}

func TestErrorPresenter(t *testing.T) {
	logs := &syncBuffer{}
	present := server.ErrorPresenter(slogJSON(logs))
	tests := []struct {
		name     string
		err      error
		wantMsg  string
		wantCode string
	}{
		{"Errorf", server.Errorf(server.CodeBadUserInput, "first must be at most %d, got %d", 100, 500), "first must be at most 100, got 500", "BAD_USER_INPUT"},
		{"wrapped Errorf", fmt.Errorf("resolve: %w", server.Errorf("FORBIDDEN", "no")), "resolve: no", "FORBIDDEN"},
		{"Errorf wrapping not found", server.Errorf(server.CodeNotFound, "plan %q: %w", "p", errors.New("x")), `plan "p": x`, "NOT_FOUND"},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), "request exceeded its time limit", "TIMEOUT"},
		{"plain error", errors.New("boom at /etc"), "internal error", "INTERNAL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := present(context.Background(), tt.err)
			if got.Message != tt.wantMsg || got.Extensions["code"] != tt.wantCode {
				t.Errorf("%q %v, want %q %s", got.Message, got.Extensions["code"], tt.wantMsg, tt.wantCode)
			}
		})
	}
	if !strings.Contains(logs.String(), "boom at /etc") {
		t.Errorf("internal error not logged: %s", logs.String())
	}
	wrapped := server.Errorf(server.CodeBadUserInput, "load: %w", context.Canceled)
	if !errors.Is(wrapped, context.Canceled) {
		t.Errorf("Errorf does not wrap with %%w")
	}
}

func TestRequestLog(t *testing.T) {
	e := newEnv(t, nil, nil)
	e.post(t, "", `query Greeting { hello }`, nil)
	e.do(t, request{path: "/healthz"})
	e.do(t, request{path: "/readyz"})
	// A persisted query not found yet: the operation is named from operationName.
	e.do(t, request{method: "POST", body: `{"operationName":"Missed","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`})
	var gql, health []map[string]any
	for _, l := range e.log.lines(t) {
		if l["msg"] != "http request" {
			continue
		}
		switch l["path"] {
		case "/graphql":
			gql = append(gql, l)
		case "/healthz", "/readyz":
			health = append(health, l)
		}
	}
	if len(gql) != 2 {
		t.Fatalf("graphql request lines %v, want two", gql)
	}
	if gql[1]["operation"] != "Missed" {
		t.Errorf("persisted query miss logged as %v, want Missed", gql[1]["operation"])
	}
	l := gql[0]
	for _, key := range []string{"method", "path", "status", "bytes", "duration_ms", "operation", "remote"} {
		if _, ok := l[key]; !ok {
			t.Errorf("request line lacks %s: %v", key, l)
		}
	}
	if l["level"] != "INFO" || l["method"] != "POST" || l["status"] != float64(200) || l["operation"] != "Greeting" {
		t.Errorf("request line %v", l)
	}
	if len(health) != 2 {
		t.Fatalf("health lines %v, want two", health)
	}
	for _, h := range health {
		if h["level"] != "DEBUG" {
			t.Errorf("health check logged at %v", h["level"])
		}
		if _, ok := h["operation"]; ok {
			t.Errorf("health check with an operation: %v", h)
		}
	}
}

func TestGraphiQL(t *testing.T) {
	e := newEnv(t, nil, nil)
	w := e.do(t, request{path: "/"})
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("/: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	page := w.Body.String()
	assets := []struct{ path, contentType string }{
		{"/graphiql/graphiql.min.js", "text/javascript"},
		{"/graphiql/graphiql.min.css", "text/css"},
		{"/graphiql/react.production.min.js", "text/javascript"},
		{"/graphiql/react-dom.production.min.js", "text/javascript"},
		{"/graphiql/index.js", "text/javascript"},
	}
	for _, a := range assets {
		t.Run(a.path, func(t *testing.T) {
			if !strings.Contains(page, `"`+strings.TrimPrefix(a.path, "/")+`"`) {
				t.Errorf("index.html does not load %s", a.path)
			}
			w := e.do(t, request{path: a.path})
			if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), a.contentType) {
				t.Fatalf("%d %q", w.Code, w.Header().Get("Content-Type"))
			}
			if n := w.Body.Len(); n == 0 || n >= 4_000_000 {
				t.Errorf("%d bytes", n)
			}
			etag := w.Header().Get("ETag")
			w = e.do(t, request{path: a.path, header: map[string]string{"If-None-Match": etag}})
			if etag == "" || w.Code != http.StatusNotModified {
				t.Errorf("revalidation with ETag %q: %d", etag, w.Code)
			}
		})
	}
	if w := e.do(t, request{path: "/graphiql/index.js"}); !strings.Contains(w.Body.String(), "isHeadersEditorEnabled: true") {
		t.Errorf("headers editor not enabled")
	}
	for _, p := range []string{"/graphiql/", "/graphiql/index.html", "/graphiql/nope.js", "/index.html"} {
		if w := e.do(t, request{path: p}); w.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, w.Code)
		}
	}
	if w := e.do(t, request{method: "POST", path: "/", body: "x"}); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", w.Code)
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	tests := []struct {
		name string
		edit func(*server.Config)
		want string
	}{
		{"zero depth", func(c *server.Config) { c.MaxDepth = 0 }, "max depth must be positive"},
		{"negative body", func(c *server.Config) { c.MaxBodyBytes = -1 }, "max body bytes must be positive"},
		{"zero timeout", func(c *server.Config) { c.RequestTimeout = 0 }, "request timeout must be positive"},
		{"write timeout too short", func(c *server.Config) { c.WriteTimeout = c.RequestTimeout }, "write timeout 10s must exceed the request timeout 10s"},
		{"origin without scheme", func(c *server.Config) { c.AllowedOrigins = []string{"example.org"} }, `allowed origin "example.org"`},
		{"origin with path", func(c *server.Config) { c.AllowedOrigins = []string{"https://example.org/"} }, "no path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := server.DefaultConfig()
			tt.edit(&cfg)
			_, err := server.New(cfg, testschema.New(), "", nil, slogJSON(io.Discard), prometheus.NewRegistry())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("metrics registered twice", func(t *testing.T) {
		reg := prometheus.NewRegistry()
		cfg := server.DefaultConfig()
		if _, err := server.New(cfg, testschema.New(), "", nil, slogJSON(io.Discard), reg); err != nil {
			t.Fatal(err)
		}
		if _, err := server.New(cfg, testschema.New(), "", nil, slogJSON(io.Discard), reg); err == nil {
			t.Error("second server on one registry: no error")
		}
	})
}

// TestGracefulShutdown starts a slow request, cancels Serve's context while
// it runs, and checks that the request still gets its answer, that Serve
// returns nil, and that no new connection is accepted.
func TestGracefulShutdown(t *testing.T) {
	e := newEnv(t, func(c *server.Config) { c.RequestTimeout = 5 * time.Second }, nil)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- e.srv.Serve(ctx, l) }()
	base := "http://" + l.Addr().String()
	if e.srv.Addr() == "" {
		// Serve sets Addr before serving; wait for the goroutine to get there.
		waitFor(t, func() bool { return e.srv.Addr() != "" })
	}
	if e.srv.Addr() != l.Addr().String() {
		t.Errorf("Addr %q, want %q", e.srv.Addr(), l.Addr())
	}

	sent := make(chan struct{})
	type answer struct {
		status int
		body   string
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		var once sync.Once
		trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { once.Do(func() { close(sent) }) }}
		req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace),
			http.MethodPost, base+"/graphql", strings.NewReader(`{"query":"{ slow(ms: 700) }"}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answered <- answer{status: resp.StatusCode, body: string(b), err: err}
	}()
	<-sent
	time.Sleep(100 * time.Millisecond) // the server has read the request
	cancel()

	a := <-answered
	if a.err != nil || a.status != 200 || a.body != `{"data":{"slow":"slept 700ms"}}` {
		t.Errorf("in-flight request: %d %q %v", a.status, a.body, a.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("a request after shutdown was answered")
	}
}

func TestListenAndServe(t *testing.T) {
	e := newEnv(t, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- e.srv.ListenAndServe(ctx) }()
	waitFor(t, func() bool { return e.srv.Addr() != "" })
	var resp *http.Response
	waitFor(t, func() bool {
		var err error
		resp, err = http.Get("http://" + e.srv.Addr() + "/healthz")
		return err == nil
	})
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/healthz: %d", resp.StatusCode)
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("ListenAndServe: %v", err)
	}

	busy := newEnv(t, func(c *server.Config) { c.Addr = e.srv.Addr() }, nil)
	l, err := net.Listen("tcp", e.srv.Addr())
	if err != nil {
		t.Skipf("port reused meanwhile: %v", err)
	}
	defer l.Close()
	if err := busy.srv.ListenAndServe(context.Background()); err == nil || !strings.Contains(err.Error(), "listen") {
		t.Errorf("listening on a busy port: %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

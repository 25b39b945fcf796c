package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzGraphQLPost sends arbitrary bodies and queries to /graphql: every
// answer must be a GraphQL-shaped JSON object with errors or data, never a
// 5xx (the fuzzed queries cannot reach the stuck, slow or panicking fields'
// internals any differently from the tests).
func FuzzGraphQLPost(f *testing.F) {
	for _, seed := range []string{
		`{"query":"{ hello }"}`,
		`{"query":"{"}`,
		`{"query":"query Q($id: ID!) { node(id: $id) { id } }","variables":{"id":"x"}}`,
		`{"query":"{ tree { ...F } } fragment F on Tree { child { ...F } }"}`,
		`{"query":"{ tree { children(first: 100) { id } } }"}`,
		`{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`,
		`{"query":"mutation { noop }","operationName":null}`,
		`[{"query":"{ hello }"}]`,
		`{ "not a JSON`,
		``,
	} {
		f.Add(seed, "application/graphql-response+json")
		f.Add(seed, "")
	}
	e := newEnvF(f)
	f.Fuzz(func(t *testing.T, body, accept string) {
		if strings.Contains(body, "slow") || strings.Contains(body, "stuck") || strings.Contains(body, "boom") {
			t.Skip("fields that sleep or panic by design")
		}
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
		var resp map[string]json.RawMessage
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("answer to %q is not a JSON object: %q", body, w.Body.String())
		}
		_, hasData := resp["data"]
		_, hasErrors := resp["errors"]
		if !hasData && !hasErrors {
			t.Fatalf("answer to %q has neither data nor errors: %s", body, w.Body.String())
		}
		if w.Code != http.StatusOK && hasData {
			t.Fatalf("status %d with a data entry for %q: %s", w.Code, body, w.Body.String())
		}
	})
}

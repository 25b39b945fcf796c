package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

const (
	jsonType = "application/json"
	gqlType  = "application/graphql-response+json"
)

// TestTransport checks methods, media types and the GraphQL-over-HTTP
// status codes for each kind of request error under both media types.
func TestTransport(t *testing.T) {
	e := newEnv(t, nil, nil)
	tests := []struct {
		name       string
		req        request
		wantStatus int
		wantType   string // response media type, "" to skip
		wantData   bool   // the response has a data entry
		wantCode   string // extensions.code of the first error, "" for no errors
		wantHeader map[string]string
	}{
		{
			name:       "GET query, application/json",
			req:        request{path: "/graphql?query=%7Bhello%7D", accept: jsonType},
			wantStatus: 200, wantType: jsonType, wantData: true,
		},
		{
			name:       "GET query, graphql-response+json",
			req:        request{path: "/graphql?query=%7Bhello%7D", accept: gqlType},
			wantStatus: 200, wantType: gqlType, wantData: true,
		},
		{
			name:       "POST query, application/json",
			req:        request{method: "POST", accept: jsonType, body: `{"query":"{ hello }"}`},
			wantStatus: 200, wantType: jsonType, wantData: true,
		},
		{
			name:       "POST query, graphql-response+json",
			req:        request{method: "POST", accept: gqlType, body: `{"query":"{ hello }"}`},
			wantStatus: 200, wantType: gqlType, wantData: true,
		},
		{
			name:       "POST query, no Accept means application/json",
			req:        request{method: "POST", body: `{"query":"{ hello }"}`},
			wantStatus: 200, wantType: jsonType, wantData: true,
		},
		{
			name:       "POST query, Accept */*",
			req:        request{method: "POST", accept: "*/*", body: `{"query":"{ hello }"}`},
			wantStatus: 200, wantType: jsonType, wantData: true,
		},
		{
			name:       "POST query, Accept prefers graphql-response+json",
			req:        request{method: "POST", accept: gqlType + ", application/json;q=0.9", body: `{"query":"{ hello }"}`},
			wantStatus: 200, wantType: gqlType, wantData: true,
		},
		{
			name:       "POST with charset and operationName",
			req:        request{method: "POST", contentType: "application/json; charset=utf-8", body: `{"query":"query A { hello } query B { tree { id } }","operationName":"B","variables":null,"extensions":null}`},
			wantStatus: 200, wantType: jsonType, wantData: true,
		},
		{
			name:       "GET with variables",
			req:        request{path: `/graphql?query=query%20H(%24n%3AString!)%7Bhello(name%3A%24n)%7D&variables=%7B%22n%22%3A%22x%22%7D`},
			wantStatus: 200, wantType: jsonType, wantData: true,
		},
		{
			name:       "POST mutation",
			req:        request{method: "POST", body: `{"query":"mutation { noop }"}`},
			wantStatus: 200, wantData: true,
		},
		{
			name:       "parse error, application/json",
			req:        request{method: "POST", accept: jsonType, body: `{"query":"{"}`},
			wantStatus: 200, wantType: jsonType, wantCode: "GRAPHQL_PARSE_FAILED",
		},
		{
			name:       "parse error, graphql-response+json",
			req:        request{method: "POST", accept: gqlType, body: `{"query":"{"}`},
			wantStatus: 400, wantType: gqlType, wantCode: "GRAPHQL_PARSE_FAILED",
		},
		{
			name:       "parse error over GET, graphql-response+json",
			req:        request{path: "/graphql?query=%7B", accept: gqlType},
			wantStatus: 400, wantType: gqlType, wantCode: "GRAPHQL_PARSE_FAILED",
		},
		{
			name:       "validation error, application/json",
			req:        request{method: "POST", accept: jsonType, body: `{"query":"{ nosuchfield }"}`},
			wantStatus: 200, wantType: jsonType, wantCode: "GRAPHQL_VALIDATION_FAILED",
		},
		{
			name:       "validation error, graphql-response+json",
			req:        request{method: "POST", accept: gqlType, body: `{"query":"{ nosuchfield }"}`},
			wantStatus: 400, wantType: gqlType, wantCode: "GRAPHQL_VALIDATION_FAILED",
		},
		{
			name:       "variable coercion failure, application/json",
			req:        request{method: "POST", accept: jsonType, body: `{"query":"query Q($id: ID!) { __typename }","variables":{"id":null}}`},
			wantStatus: 200, wantType: jsonType, wantCode: "GRAPHQL_VALIDATION_FAILED",
		},
		{
			name:       "variable coercion failure, graphql-response+json",
			req:        request{method: "POST", accept: gqlType, body: `{"query":"query Q($id: ID!) { __typename }","variables":{"id":null}}`},
			wantStatus: 400, wantType: gqlType, wantCode: "GRAPHQL_VALIDATION_FAILED",
		},
		{
			name:       "unknown operationName",
			req:        request{method: "POST", accept: gqlType, body: `{"query":"query A { hello }","operationName":"B"}`},
			wantStatus: 400, wantType: gqlType, wantCode: "GRAPHQL_VALIDATION_FAILED",
		},
		{
			name:       "GET mutation, application/json",
			req:        request{path: "/graphql?query=mutation%7Bnoop%7D", accept: jsonType},
			wantStatus: 405, wantType: jsonType, wantCode: "METHOD_NOT_ALLOWED",
			wantHeader: map[string]string{"Allow": "GET, POST, OPTIONS"},
		},
		{
			name:       "GET mutation, graphql-response+json",
			req:        request{path: "/graphql?query=mutation%7Bnoop%7D", accept: gqlType},
			wantStatus: 405, wantType: gqlType, wantCode: "METHOD_NOT_ALLOWED",
		},
		{
			name:       "PUT",
			req:        request{method: "PUT", body: `{"query":"{ hello }"}`, contentType: jsonType},
			wantStatus: 405, wantType: jsonType, wantCode: "METHOD_NOT_ALLOWED",
			wantHeader: map[string]string{"Allow": "GET, POST, OPTIONS"},
		},
		{
			name:       "DELETE, graphql-response+json",
			req:        request{method: "DELETE", accept: gqlType},
			wantStatus: 405, wantType: gqlType, wantCode: "METHOD_NOT_ALLOWED",
		},
		{
			name:       "HEAD",
			req:        request{method: "HEAD"},
			wantStatus: 405, wantCode: "METHOD_NOT_ALLOWED",
			wantHeader: map[string]string{"Allow": "GET, POST, OPTIONS"},
		},
		{
			name:       "POST text/plain",
			req:        request{method: "POST", contentType: "text/plain", body: `{"query":"{ hello }"}`},
			wantStatus: 415, wantType: jsonType, wantCode: "UNSUPPORTED_MEDIA_TYPE",
		},
		{
			name:       "POST application/graphql",
			req:        request{method: "POST", contentType: "application/graphql", accept: gqlType, body: `{ hello }`},
			wantStatus: 415, wantType: gqlType, wantCode: "UNSUPPORTED_MEDIA_TYPE",
		},
		{
			name:       "POST without Content-Type",
			req:        request{method: "POST", contentType: "-", body: `{"query":"{ hello }"}`},
			wantStatus: 415, wantCode: "UNSUPPORTED_MEDIA_TYPE",
		},
		{
			name:       "POST body not JSON, application/json",
			req:        request{method: "POST", accept: jsonType, body: `{ "not a JSON`},
			wantStatus: 400, wantType: jsonType, wantCode: "BAD_REQUEST",
		},
		{
			name:       "POST body not JSON, graphql-response+json",
			req:        request{method: "POST", accept: gqlType, body: `{ "not a JSON`},
			wantStatus: 400, wantType: gqlType, wantCode: "BAD_REQUEST",
		},
		{
			name:       "POST without body",
			req:        request{method: "POST"},
			wantStatus: 400, wantCode: "BAD_REQUEST",
		},
		{
			name:       "POST without query",
			req:        request{method: "POST", body: `{"qeury":"{ hello }"}`},
			wantStatus: 400, wantType: jsonType, wantCode: "BAD_REQUEST",
		},
		{
			name:       "POST query not a string",
			req:        request{method: "POST", accept: gqlType, body: `{"query":{"obj":"ect"}}`},
			wantStatus: 400, wantType: gqlType, wantCode: "BAD_REQUEST",
		},
		{
			name:       "POST variables not an object",
			req:        request{method: "POST", body: `{"query":"{ hello }","variables":"string"}`},
			wantStatus: 400, wantCode: "BAD_REQUEST",
		},
		{
			name:       "GET without query",
			req:        request{accept: gqlType},
			wantStatus: 400, wantType: gqlType, wantCode: "BAD_REQUEST",
		},
		{
			name:       "GET variables not JSON",
			req:        request{path: "/graphql?query=%7Bhello%7D&variables=%7Bnope", accept: gqlType},
			wantStatus: 400, wantType: gqlType, wantCode: "BAD_REQUEST",
		},
		{
			name:       "OPTIONS without CORS",
			req:        request{method: "OPTIONS"},
			wantStatus: 200, wantHeader: map[string]string{"Allow": "GET, POST, OPTIONS"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.do(t, tt.req)
			if w.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d; body %s", w.Code, tt.wantStatus, w.Body.String())
			}
			if tt.wantType != "" && !strings.HasPrefix(w.Header().Get("Content-Type"), tt.wantType) {
				t.Errorf("Content-Type %q, want %s", w.Header().Get("Content-Type"), tt.wantType)
			}
			for k, v := range tt.wantHeader {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			if w.Body.Len() == 0 {
				if tt.wantData || tt.wantCode != "" {
					t.Fatalf("empty body")
				}
				return
			}
			r := decode(t, w)
			if r.HasData != tt.wantData {
				t.Errorf("data entry present: %v, want %v; body %s", r.HasData, tt.wantData, w.Body.String())
			}
			codes := r.codes()
			switch {
			case tt.wantCode == "" && len(codes) > 0:
				t.Errorf("errors %v, want none; body %s", codes, w.Body.String())
			case tt.wantCode != "" && !slices.Contains(codes, tt.wantCode):
				t.Errorf("codes %v, want %s; body %s", codes, tt.wantCode, w.Body.String())
			}
			for _, err := range r.Errors {
				if err.Message == "" {
					t.Errorf("error without message: %s", w.Body.String())
				}
			}
		})
	}
	t.Run("decode error does not echo the body", func(t *testing.T) {
		w := e.do(t, request{method: "POST", body: `{"query": "{ hello }", "secret-looking-filler": ` + strings.Repeat("x", 100)})
		if strings.Contains(w.Body.String(), "xxxxxxxx") {
			t.Errorf("body echoed: %s", w.Body.String())
		}
	})
	t.Run("persisted GET of query allowed, data identical to POST", func(t *testing.T) {
		g := e.get(t, "", `{ tree { id child { id } } }`)
		p := e.post(t, "", `{ tree { id child { id } } }`, nil)
		if g.Code != http.StatusOK || g.Body.String() != p.Body.String() {
			t.Errorf("GET %d %s\nPOST %d %s", g.Code, g.Body.String(), p.Code, p.Body.String())
		}
	})
}

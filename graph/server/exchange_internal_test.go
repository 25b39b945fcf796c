package server

import (
	"slices"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, accept, want string
	}{
		{"none", "", mediaJSON},
		{"json", "application/json", mediaJSON},
		{"graphql-response", "application/graphql-response+json", mediaGraphQLResponse},
		{"graphql-response with charset", "application/graphql-response+json; charset=utf-8", mediaGraphQLResponse},
		{"first listed wins", "application/graphql-response+json, application/json;q=0.9", mediaGraphQLResponse},
		{"json first", "application/json, application/graphql-response+json", mediaJSON},
		{"any", "*/*", mediaJSON},
		{"any application", "application/*", mediaJSON},
		{"browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", mediaJSON},
		{"nothing acceptable", "text/html", mediaGraphQLResponse},
		{"garbage", ";;;", mediaGraphQLResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiate(tt.accept); got != tt.want {
				t.Errorf("negotiate(%q) = %s, want %s", tt.accept, got, tt.want)
			}
		})
	}
}

func TestSettle(t *testing.T) {
	coded := func(code string) *graphql.Response {
		return &graphql.Response{Errors: gqlerror.List{{Message: "m", Extensions: map[string]any{"code": code}}}}
	}
	withData := &graphql.Response{Data: []byte(`{"a":null}`), Errors: gqlerror.List{{Message: "m"}}}
	tests := []struct {
		name       string
		mediaType  string
		status     int // what the transport wrote
		body       string
		resp       *graphql.Response
		wantStatus int
		wantBody   string // "" to skip
	}{
		{"data, json", mediaJSON, 200, `{"data":{"a":null}}`, withData, 200, `{"data":{"a":null}}`},
		{"data, graphql-response", mediaGraphQLResponse, 200, `{"data":{"a":null}}`, withData, 200, ""},
		{"validation, json", mediaJSON, 422, "", coded(CodeValidationFailed), 200, `{"errors":[{"message":"m","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}`},
		{"validation, graphql-response", mediaGraphQLResponse, 400, "", coded(CodeValidationFailed), 400, ""},
		{"limit, graphql-response", mediaGraphQLResponse, 200, "", coded(CodeComplexityLimit), 400, ""},
		{"limit, json", mediaJSON, 200, "", coded(CodeDepthLimit), 200, ""},
		{"malformed, json", mediaJSON, 200, "", coded(CodeBadRequest), 400, ""},
		{"undecodable body, json", mediaJSON, 400, "", coded(CodeBadRequest), 400, ""},
		{"GET mutation", mediaJSON, 200, "", coded(CodeMethodNotAllowed), 405, ""},
		{"persisted query not found, graphql-response", mediaGraphQLResponse, 200, "", coded(CodePersistedQueryNotFound), 200, ""},
		{
			"transport's own error", mediaGraphQLResponse, 400, `{"errors":[{"message":"variables could not be decoded"}],"data":null}`, nil,
			400, `{"errors":[{"message":"variables could not be decoded","extensions":{"code":"BAD_REQUEST"}}]}`,
		},
		{"OPTIONS", mediaJSON, 200, "", nil, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := settle(tt.mediaType, tt.status, []byte(tt.body), tt.resp)
			if r.status != tt.wantStatus {
				t.Errorf("status %d, want %d", r.status, tt.wantStatus)
			}
			if tt.wantBody != "" && string(r.body) != tt.wantBody {
				t.Errorf("body %s, want %s", r.body, tt.wantBody)
			}
			if tt.resp != nil && !slices.Equal(r.codes, codesOf(tt.resp.Errors)) {
				t.Errorf("codes %v", r.codes)
			}
		})
	}
	if r := settle(mediaJSON, 200, nil, coded(CodePersistedQueryNotFound)); r.header.Get("Cache-Control") == "" {
		t.Error("persisted query not found is cacheable")
	}
	if r := settle(mediaJSON, 200, nil, coded(CodeMethodNotAllowed)); r.header.Get("Allow") != allowGraphQL {
		t.Errorf("405 without Allow: %v", r.header)
	}
}

func TestIsName(t *testing.T) {
	for s, want := range map[string]bool{
		"Hello": true, "_x1": true, "a": true, "": false, "1a": false, "a-b": false,
		"é": false, string(make([]byte, 101)): false,
	} {
		if got := isName(s); got != want {
			t.Errorf("isName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTimeoutGrace(t *testing.T) {
	for d, want := range map[time.Duration]time.Duration{
		100 * time.Millisecond: 250 * time.Millisecond,
		2 * time.Second:        500 * time.Millisecond,
		10 * time.Second:       2 * time.Second,
		time.Minute:            2 * time.Second,
	} {
		if got := timeoutGrace(d); got != want {
			t.Errorf("timeoutGrace(%s) = %s, want %s", d, got, want)
		}
	}
}

func TestLabelSet(t *testing.T) {
	s := newLabelSet(2, anonymous)
	for _, tc := range []struct{ in, want string }{
		{"A", "A"}, {anonymous, anonymous}, {"B", "B"}, {"C", otherLabel}, {"A", "A"}, {"D", otherLabel},
	} {
		if got := s.label(tc.in); got != tc.want {
			t.Errorf("label(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

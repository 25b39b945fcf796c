package server

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Media types of GraphQL responses.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// anonymous is the operation label of an operation without a name.
const anonymous = "anonymous"

// exchange is what the server learns about one GraphQL request while gqlgen
// handles it: the operation and the response gqlgen produced, so that the
// status code can follow the GraphQL-over-HTTP spec and metrics and logs can
// name the operation. gqlgen fills it from its own goroutine while the
// handler may give up waiting (timeout), hence the mutex.
type exchange struct {
	method  string        // HTTP method of the request
	timeout time.Duration // Config.RequestTimeout, for error messages

	mu        sync.Mutex
	operation string            // operation label; "" until the operation is known
	resp      *graphql.Response // what gqlgen answered, nil when a transport wrote its own error
}

type exchangeKey struct{}

// withExchange returns ctx carrying ex.
func withExchange(ctx context.Context, ex *exchange) context.Context {
	return context.WithValue(ctx, exchangeKey{}, ex)
}

// exchangeFrom returns the exchange of the request ctx belongs to, or nil.
func exchangeFrom(ctx context.Context) *exchange {
	ex, _ := ctx.Value(exchangeKey{}).(*exchange)
	return ex
}

func (ex *exchange) setOperation(name string) {
	ex.mu.Lock()
	ex.operation = name
	ex.mu.Unlock()
}

func (ex *exchange) setResponse(resp *graphql.Response) {
	ex.mu.Lock()
	ex.resp = resp
	ex.mu.Unlock()
}

// state returns the operation label ("anonymous" when unknown) and the
// response gqlgen produced.
func (ex *exchange) state() (string, *graphql.Response) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	op := ex.operation
	if op == "" {
		op = anonymous
	}
	return op, ex.resp
}

// specTransport wraps one of gqlgen's HTTP transports so that the server
// sees what it does: the executor it is handed records the operation and
// the response into the request's exchange, refuses mutations over GET and
// marks requests without a query as malformed. The status code and body are
// then settled by finishGraphQL.
type specTransport struct {
	graphql.Transport
}

// Do runs the wrapped transport with a recording executor.
func (t specTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ex := exchangeFrom(r.Context())
	if ex == nil {
		t.Transport.Do(w, r, exec)
		return
	}
	t.Transport.Do(w, r, recordingExecutor{GraphExecutor: exec, ex: ex})
}

// recordingExecutor is a graphql.GraphExecutor that records into an exchange.
type recordingExecutor struct {
	graphql.GraphExecutor
	ex *exchange
}

// CreateOperationContext parses and validates as gqlgen does, then refuses a
// mutation sent with GET (gqlgen answers 406; the spec wants 405) and turns
// the "no operation provided" of a request without a query into BAD_REQUEST.
func (e recordingExecutor) CreateOperationContext(ctx context.Context, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	opCtx, errs := e.GraphExecutor.CreateOperationContext(ctx, params)
	switch {
	case opCtx != nil && opCtx.Operation != nil && opCtx.Operation.Name != "":
		e.ex.setOperation(opCtx.Operation.Name)
	case opCtx != nil && opCtx.Operation != nil:
		e.ex.setOperation(anonymous)
	case isName(params.OperationName):
		// The document did not get that far (a persisted query not found
		// yet, a parse error): name the operation the client asked for.
		e.ex.setOperation(params.OperationName)
	}
	if errs != nil {
		if strings.TrimSpace(params.Query) == "" && !hasCode(errs, CodePersistedQueryNotFound) && hasCode(errs, CodeValidationFailed) {
			err := gqlerror.Errorf("no query: a GraphQL request needs a document in its query parameter")
			errcode.Set(err, CodeBadRequest)
			return opCtx, gqlerror.List{err}
		}
		return opCtx, errs
	}
	if e.ex.method == http.MethodGet && opCtx.Operation.Operation != ast.Query {
		err := gqlerror.Errorf("%s operations are not allowed with GET; send them with POST", opCtx.Operation.Operation)
		errcode.Set(err, CodeMethodNotAllowed)
		return opCtx, gqlerror.List{err}
	}
	return opCtx, nil
}

// DispatchOperation executes as gqlgen does and records the response.
func (e recordingExecutor) DispatchOperation(ctx context.Context, opCtx *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	next, ctx := e.GraphExecutor.DispatchOperation(ctx, opCtx)
	return func(ctx context.Context) *graphql.Response {
		resp := next(ctx)
		e.ex.setResponse(resp)
		return resp
	}, ctx
}

// DispatchError presents request errors as gqlgen does and records them.
func (e recordingExecutor) DispatchError(ctx context.Context, list gqlerror.List) *graphql.Response {
	resp := e.GraphExecutor.DispatchError(ctx, list)
	e.ex.setResponse(resp)
	return resp
}

// isName reports whether s is a GraphQL name of at most 100 bytes, and so
// fit for a log field and a metrics label.
func isName(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i, c := range []byte(s) {
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// hasCode reports whether any error in errs has extensions.code code.
func hasCode(errs gqlerror.List, code string) bool {
	for _, e := range errs {
		if c, _ := e.Extensions["code"].(string); c == code {
			return true
		}
	}
	return false
}

// negotiate picks the response media type for an Accept header exactly as
// gqlgen's transports do (so the server's own errors match them):
// application/json when Accept is empty, */* or application/*, the first
// of application/json and application/graphql-response+json listed, and
// application/graphql-response+json when Accept names neither.
func negotiate(accept string) string {
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaGraphQLResponse
}

// result is a GraphQL response as the server finally sends it.
type result struct {
	status int
	header http.Header // extra headers
	body   []byte
	codes  []string // extensions.code of each error, "" for none
}

// errorBody is a GraphQL response without a data entry: what a request
// error answers, per the GraphQL spec ("If an error was raised before
// execution begins, the data entry should not be present").
type errorBody struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// errorResult builds the answer for errors the server raises itself
// (method, media type, body size, timeout).
func errorResult(status int, code, format string, args ...any) result {
	err := &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": code}}
	b, _ := json.Marshal(errorBody{Errors: gqlerror.List{err}})
	return result{status: status, body: b, codes: []string{code}}
}

// settle decides the status code and body of what gqlgen wrote (status,
// body) for the response it recorded, following the GraphQL-over-HTTP spec:
//
//   - a response with data: 200, under either media type;
//   - a request error (no data) under application/json: 200, as the spec
//     asks for every well-formed request; under
//     application/graphql-response+json: 400;
//   - a request that is not well-formed (BAD_REQUEST, or a body gqlgen
//     could not decode): 400 under either; a mutation over GET: 405;
//   - PERSISTED_QUERY_NOT_FOUND: 200 with Cache-Control: no-cache under
//     either, as Apollo Server answers it: APQ clients take that answer as
//     the cue to resend the query, and the spec does not cover APQ.
//
// A request error's body drops the "data": null gqlgen writes.
func settle(mediaType string, status int, body []byte, resp *graphql.Response) result {
	if status == 0 {
		status = http.StatusOK
	}
	if resp == nil {
		// A transport's own error (undecodable GET variables, a panic
		// outside resolvers): keep its status, drop its "data": null.
		r := result{status: status, body: body}
		if status >= 400 {
			var parsed graphql.Response
			if err := json.Unmarshal(body, &parsed); err == nil && len(parsed.Errors) > 0 {
				for _, e := range parsed.Errors {
					if _, ok := e.Extensions["code"]; !ok {
						e.Extensions = map[string]any{"code": codeForStatus(status)}
					}
				}
				r.body, _ = json.Marshal(errorBody{Errors: parsed.Errors, Extensions: parsed.Extensions})
				r.codes = codesOf(parsed.Errors)
			}
		}
		return r
	}
	codes := codesOf(resp.Errors)
	if resp.Data != nil {
		return result{status: http.StatusOK, body: body, codes: codes}
	}
	b, err := json.Marshal(errorBody{Errors: resp.Errors, Extensions: resp.Extensions})
	if err != nil {
		b = body
	}
	r := result{body: b, codes: codes}
	switch {
	case contains(codes, CodeMethodNotAllowed):
		r.status = http.StatusMethodNotAllowed
		r.header = http.Header{"Allow": {allowGraphQL}}
	case contains(codes, CodeBadRequest) || status == http.StatusBadRequest:
		r.status = http.StatusBadRequest
	case contains(codes, CodePersistedQueryNotFound):
		r.status = http.StatusOK
		r.header = http.Header{"Cache-Control": {"private, no-cache, must-revalidate"}}
	case mediaType == mediaGraphQLResponse:
		r.status = http.StatusBadRequest
	default:
		r.status = http.StatusOK
	}
	return r
}

// codeForStatus is the code of an uncoded error a transport answered with
// status.
func codeForStatus(status int) string {
	if status >= 500 {
		return CodeInternal
	}
	return CodeBadRequest
}

func codesOf(errs gqlerror.List) []string {
	if len(errs) == 0 {
		return nil
	}
	codes := make([]string, len(errs))
	for i, e := range errs {
		codes[i], _ = e.Extensions["code"].(string)
	}
	return codes
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
)

// allowGraphQL lists the methods /graphql serves, for Allow headers.
const allowGraphQL = "GET, POST, OPTIONS"

// queryCacheSize is how many parsed and validated documents gqlgen keeps.
const queryCacheSize = 1000

// newGQLGen builds gqlgen's handler with explicit transports, caches and
// extensions, and the server's error presenter and recover func.
func newGQLGen(cfg Config, es graphql.ExecutableSchema, log *slog.Logger) *handler.Server {
	srv := handler.New(es)
	srv.AddTransport(transport.Options{AllowedMethods: []string{"GET", "POST", "OPTIONS"}})
	srv.AddTransport(specTransport{transport.GET{}})
	srv.AddTransport(specTransport{transport.POST{}})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	srv.SetParserTokenLimit(cfg.MaxTokens)
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(introspectionGuard{})
		// "Did you mean …" in validation errors would reveal the schema.
		srv.SetDisableSuggestion(true)
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](cfg.APQCacheSize)})
	srv.Use(DepthLimit{Max: cfg.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(recoverFunc(log))
	return srv
}

// graphqlHandler serves /graphql: it checks the method, the media type and
// the body size, runs gqlgen under the request timeout, settles the status
// code the GraphQL-over-HTTP spec wants, and counts the request.
type graphqlHandler struct {
	gql     http.Handler
	cfg     Config
	log     *slog.Logger
	metrics *metrics
}

func (h *graphqlHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ex := &exchange{method: r.Method, timeout: h.cfg.RequestTimeout}
	mediaType := negotiate(r.Header.Get("Accept"))
	res := h.serve(w, r, ex, mediaType)
	hdr := w.Header()
	for k, v := range res.header {
		hdr[k] = v
	}
	if hdr.Get("Content-Type") == "" && len(res.body) > 0 {
		hdr.Set("Content-Type", mediaType)
	}
	w.WriteHeader(res.status)
	_, _ = w.Write(res.body)

	if r.Method == http.MethodOptions {
		return
	}
	op, _ := ex.state()
	if info := infoFrom(r.Context()); info != nil {
		info.operation = op
	}
	h.metrics.observeGraphQL(op, res, time.Since(start))
}

// serve answers one request as a result.
func (h *graphqlHandler) serve(w http.ResponseWriter, r *http.Request, ex *exchange, mediaType string) result {
	switch r.Method {
	case http.MethodGet, http.MethodOptions:
	case http.MethodPost:
		ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || ct != mediaJSON {
			res := errorResult(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
				"unsupported content type %q: send the request as application/json", r.Header.Get("Content-Type"))
			res.header = http.Header{"Accept-Post": {mediaJSON}}
			return res
		}
		if res, ok := h.readBody(w, r); !ok {
			return res
		}
	default:
		res := errorResult(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			"method %s is not allowed: use GET or POST", r.Method)
		res.header = http.Header{"Allow": {allowGraphQL}}
		return res
	}
	return h.run(r, ex, mediaType)
}

// readBody replaces r.Body by its content read in full, up to MaxBodyBytes.
func (h *graphqlHandler) readBody(w http.ResponseWriter, r *http.Request) (result, bool) {
	limit := h.cfg.MaxBodyBytes
	tooLarge := func() (result, bool) {
		res := errorResult(http.StatusRequestEntityTooLarge, CodeBodyTooLarge,
			"request body too large (limit %d bytes)", limit)
		// The rest of the body is not read: the connection cannot be reused.
		res.header = http.Header{"Connection": {"close"}}
		return res, false
	}
	if r.ContentLength > limit {
		return tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return tooLarge()
		}
		return errorResult(http.StatusBadRequest, CodeBadRequest, "read request body: %v", err), false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return result{}, true
}

// run executes the request in gqlgen under the request timeout. gqlgen runs
// in its own goroutine and writes into a buffer: resolvers that honour the
// context stop at the deadline and gqlgen answers with TIMEOUT field errors;
// if it has not answered a grace period later (resolvers that ignore the
// context), the request is answered with a TIMEOUT request error and the
// goroutine's eventual output is dropped.
func (h *graphqlHandler) run(r *http.Request, ex *exchange, mediaType string) result {
	ctx, cancel := context.WithTimeout(withExchange(r.Context(), ex), h.cfg.RequestTimeout)
	defer cancel()
	buf := &bufferWriter{header: http.Header{}}
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		h.gql.ServeHTTP(buf, r.WithContext(ctx))
	}()
	hard := time.NewTimer(h.cfg.RequestTimeout + timeoutGrace(h.cfg.RequestTimeout))
	defer hard.Stop()
	select {
	case p := <-done:
		if p != nil {
			h.log.ErrorContext(r.Context(), "graphql handler panic",
				slog.String("error", fmt.Sprint(p)),
				slog.String("stack", string(debug.Stack())))
			return errorResult(http.StatusInternalServerError, CodeInternal, msgInternal)
		}
		_, resp := ex.state()
		mt := mediaType
		if ct, _, err := mime.ParseMediaType(buf.header.Get("Content-Type")); err == nil {
			mt = ct
		}
		res := settle(mt, buf.status, buf.body.Bytes(), resp)
		hdr := buf.header.Clone()
		for k, v := range res.header {
			hdr[k] = v
		}
		res.header = hdr
		return res
	case <-hard.C:
		status := http.StatusOK // application/json: 200 for every well-formed request
		if mediaType == mediaGraphQLResponse {
			status = http.StatusGatewayTimeout // no data entry: 4xx or 5xx
		}
		return errorResult(status, CodeTimeout, "request exceeded the time limit of %s", h.cfg.RequestTimeout)
	}
}

// timeoutGrace is how long after the request's deadline the handler still
// waits for gqlgen's own answer: a quarter of the timeout, between 250ms
// and 2s.
func timeoutGrace(d time.Duration) time.Duration {
	return min(max(d/4, 250*time.Millisecond), 2*time.Second)
}

// bufferWriter is the http.ResponseWriter gqlgen writes into.
type bufferWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }

func (b *bufferWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

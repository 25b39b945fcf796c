// Package server serves the plangraph GraphQL API over HTTP, following the
// GraphQL-over-HTTP spec, with GraphiQL, health checks and metrics beside it.
//
// New takes a gqlgen executable schema and a Config and returns a Server
// whose handler routes
//
//	GET, POST /graphql      GraphQL (gqlgen's GET and POST transports, explicit)
//	GET /                   GraphiQL, embedded (package plangraph/web)
//	GET /graphiql/…         GraphiQL's scripts and styles
//	GET /schema.graphql     the SDL as text/plain (only with Config.Introspection)
//	GET /healthz            200 "ok" while the process serves (liveness)
//	GET /readyz             200 "ok" when the store answers within 2s, else 503
//	GET /metrics            Prometheus exposition of the registry given to New
//
// A request to /graphql is, for example,
//
//	POST /graphql
//	Content-Type: application/json
//	Accept: application/graphql-response+json
//
//	{"query": "query Plan($id: ID!) { node(id: $id) { id } }", "variables": {"id": "plan:lmc-2023-2027"}}
//
// or the same as GET /graphql?query=…&variables=… (queries only). The
// response is application/graphql-response+json when the Accept header asks
// for it and application/json otherwise. Status codes follow the spec: 200
// whenever the response has data; for a request error (a parse or
// validation error, a limit, an unknown persisted query) 200 under
// application/json and 400 under application/graphql-response+json; 400 for a
// request that is not well-formed (no query, a body that is not JSON); 405
// for a mutation over GET or another method; 415 for a POST that is not
// application/json; 413 for a body over the limit. A request error's
// response has no data entry.
//
// Every error carries extensions.code, set by ErrorPresenter: NOT_FOUND for
// unknown ids (errors matching store.ErrNotFound), the code of any error
// implementing CodedError (see Errorf), GRAPHQL_PARSE_FAILED and
// GRAPHQL_VALIDATION_FAILED from gqlgen, one code per limit
// (DEPTH_LIMIT_EXCEEDED, COMPLEXITY_LIMIT_EXCEEDED, TOKEN_LIMIT_EXCEEDED,
// BODY_TOO_LARGE, TIMEOUT), and INTERNAL with the message "internal error"
// for anything else, whose details go to the log only. Panics in resolvers
// are logged with their stack and answered the same way. Custom scalars
// should return a CodedError (BAD_USER_INPUT) from their unmarshalers, or
// the client sees "internal error".
//
// The server also takes automatic persisted queries (Apollo's APQ),
// answers CORS preflights for Config.AllowedOrigins (github.com/rs/cors),
// logs one slog line per request (method, path, status, bytes, duration_ms,
// operation, remote) and counts requests, latency and errors per operation.
// Serve shuts down gracefully when its context is cancelled.
package server

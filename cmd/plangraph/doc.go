// Command plangraph turns a cooperation plan into a knowledge graph, keeps it
// in a Cayley quad store and serves it.
//
// Synopsis:
//
//	plangraph load  [--plan FILE] [--catalog FILE] [--slug SLUG] [--title TEXT] [--store SPEC] [-v]
//	plangraph stats [--store SPEC]
//	plangraph dump  [--format nquads|jsonld] [--store SPEC]
//	plangraph export [--store SPEC] [--seed ID …] [--depth N] [--predicate K …] [--kind K …] [--format F] [-o FILE]
//	plangraph query [--store SPEC] [--vars JSON] (QUERY | -f FILE)
//	plangraph serve [--addr HOST:PORT] [--store SPEC] [--cors-origins LIST] [--introspection=false] [limits]
//
// load reads a plan text (the embedded Lancang-Mekong Cooperation Five-Year
// Plan of Action 2023-2027 unless --plan names another), repairs the
// scraping debris in it, finds its numbered sections and their measures,
// links the entities of the catalog (data/catalog.yaml unless --catalog),
// derives the relations the text states and replaces the store's graph with
// the result in one transaction. It prints the counts of sections, measures,
// entities by kind, mentions, relations by predicate and repairs; -v also
// prints every one of them.
//
// stats counts the quads of a store, its nodes by kind and its edges by
// predicate. dump writes every quad, sorted, as N-Quads or JSON-LD; quad
// labels carry provenance (the measure that states a fact).
//
// export writes the neighborhoods of the seeds (the whole graph without
// seeds) as graphml, gexf, cyjs, dot, csv (a zip), nquads or jsonld: the
// same bytes as GET /export and the GraphQL export field give.
//
// query runs one GraphQL operation against the store in-process and prints
// the JSON response; every field of the API is reachable that way, the
// analysis ones (alignment, alignmentMatrix, neighborhood, paths, search,
// stats) included. It exits 1 when the response has errors.
//
// serve answers GraphQL at /graphql (GET and POST, GraphQL over HTTP:
// application/graphql-response+json when asked, application/json
// otherwise), GraphiQL at /, the schema at /schema.graphql, /healthz,
// /readyz and Prometheus metrics at /metrics. It loads the embedded plan
// into an empty store first. Its flags, each with a PLANGRAPH_ variable:
//
//	--addr 127.0.0.1:8080        PLANGRAPH_ADDR
//	--cors-origins '*'           PLANGRAPH_CORS_ORIGINS (comma-separated; empty: same origin only)
//	--introspection true         PLANGRAPH_INTROSPECTION
//	--max-complexity 5000        PLANGRAPH_MAX_COMPLEXITY (a connection costs its page size times its items)
//	--max-depth 12               PLANGRAPH_MAX_DEPTH
//	--max-tokens 5000            PLANGRAPH_MAX_TOKENS
//	--max-body 1048576           PLANGRAPH_MAX_BODY
//	--max-header-bytes 65536     PLANGRAPH_MAX_HEADER_BYTES
//	--timeout 10s                PLANGRAPH_TIMEOUT (one GraphQL request)
//	--read-header-timeout 5s, --read-timeout 15s, --write-timeout 30s, --idle-timeout 2m
//	--shutdown-timeout 15s       PLANGRAPH_SHUTDOWN_TIMEOUT (draining on SIGINT/SIGTERM)
//	--apq-cache-size 1000        PLANGRAPH_APQ_CACHE_SIZE
//	--log-level info, --log-format text|json
//
// Stores (--store, env PLANGRAPH_STORE):
//
//	bolt:PATH   a Cayley bolt file (default bolt:plangraph.db)
//	memory      in memory, gone when the command ends
//	postgres:URL  PostgreSQL, e.g. postgres:postgres://postgres@127.0.0.1:5432/test?sslmode=disable
//
// Every flag has an environment default PLANGRAPH_<FLAG> (upper case, '-'
// as '_'). Exit status: 0 on success, 1 on a failure (the message names the
// file, line or store), 2 on a usage error.
package main

// Command plangraph turns a cooperation plan into a knowledge graph, keeps it
// in a Cayley quad store and serves it.
//
// Synopsis:
//
//	plangraph load  [--plan FILE] [--catalog FILE] [--slug SLUG] [--title TEXT] [--store SPEC] [-v]
//	plangraph stats [--store SPEC]
//	plangraph dump  [--format nquads|jsonld] [--store SPEC]
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

// Package store keeps the plangraph knowledge graph in a Cayley quad store
// and answers the typed queries the GraphQL API and the CLI need.
//
// A store is opened from a spec naming a backend:
//
//	memory                                   in-memory, for tests and throwaway runs
//	bolt                                     the bolt file plangraph.db in the working directory
//	bolt:/var/lib/plangraph/plangraph.db     a bolt file, created and initialised if new
//	postgres:postgres://user@host:5432/db?sslmode=disable
//	                                         PostgreSQL; Cayley's tables are created if missing
//
// Replace makes a list of quads the store's whole content in one atomic
// write, applying only the difference from what is stored. Every read takes
// a consistent view: within one process a read never sees half of a Replace.
//
// With the content, Replace stores its digest (Digest) in one bookkeeping
// quad that no read shows. The whole-graph reads (PlanMeasures, Sections,
// Stats, Count, Scan, Plans, Entities, FindMeasures) and the per-id batch
// reads (MeasuresByID, MentionsInMany, MentionsOfMany, RelationsOfMany) keep
// their answers for the current version of the graph: a write counter on
// memory and bolt, which only this process writes, and the stored digest on
// PostgreSQL, checked with one index look-up per read, so that a Replace by
// another replica is seen by the next read here (see cache.go). Slices
// returned are the caller's; maps and slices inside returned values are
// shared with the cache and must not be modified.
//
// The quads follow docs/graph.md. A measure, for example, is stored as
//
//	<…/id/measure/lmc-2023-2027/4.2.1/3> rdf:type pg:Measure          <…/id/measure/lmc-2023-2027/4.2.1/3> .
//	<…/id/measure/lmc-2023-2027/4.2.1/3> dcterms:isPartOf <…/id/section/lmc-2023-2027/4.2.1> <…> .
//	<…/id/measure/lmc-2023-2027/4.2.1/3> pg:order "3"^^xsd:integer      <…> .
//	<…/id/measure/lmc-2023-2027/4.2.1/3> pg:text "推进…"@zh             <…> .
//
// and read back, by its readable id "measure:lmc-2023-2027/4.2.1/3", as a
// Measure. Ids in and out of this package are readable ids (schema.ID);
// unknown ids give an error matching ErrNotFound. Every list is sorted
// deterministically, never in backend order; each method says how.
package store

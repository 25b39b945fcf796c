// Package schema holds plangraph's contracts: the GraphQL schema files
// (*.graphqls) and the RDF vocabulary that the loader writes and the store
// reads.
//
// Every node of the graph has a readable id such as
//
//	plan:lmc-2023-2027
//	section:lmc-2023-2027/4.2.1
//	measure:lmc-2023-2027/4.2.1/3
//	country:KH
//	initiative:mpac-2025
//
// and one IRI, NodeBase followed by the id with its first ':' turned into
// '/' (IRI and ID convert between the two). Predicates are full IRIs: rdf,
// rdfs, skos and dcterms terms where they fit, and the plangraph namespace
// (NS) for the rest. Nothing else in the project spells an IRI.
package schema

// Package analysis answers the questions analysts ask of a plan graph:
// how entities align (the measures and sections that reference several of
// them, directly or through one relation), an entities × sections matrix,
// the neighborhood of a node, the paths between two nodes with the
// evidence of every hop, search over names and measure text, and counts.
//
// It reads through graph/store's typed queries and its edge look-ups
// (Store.Out and Store.In, one Cayley index look-up each); every result is
// sorted deterministically and every search is bounded.
package analysis

package model

import (
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/graph/store"
	"plangraph/schema"
)

// Alignment wraps analysis.Alignment; its entities are resolved.
type Alignment struct{ A analysis.Alignment }

// Items are the aligned measures or sections.
func (a *Alignment) Items() []*AlignmentItem {
	out := make([]*AlignmentItem, len(a.A.Items))
	for i, it := range a.A.Items {
		out[i] = &AlignmentItem{I: it}
	}
	return out
}

// Pairs are the entity pairs.
func (a *Alignment) Pairs() []*AlignmentPair {
	out := make([]*AlignmentPair, len(a.A.Pairs))
	for i, p := range a.A.Pairs {
		out[i] = &AlignmentPair{P: p}
	}
	return out
}

// AlignmentItem wraps analysis.AlignmentItem.
type AlignmentItem struct{ I analysis.AlignmentItem }

// Entities are the item's references.
func (a *AlignmentItem) Entities() []*AlignedEntity {
	out := make([]*AlignedEntity, len(a.I.Entities))
	for i, e := range a.I.Entities {
		out[i] = &AlignedEntity{E: e}
	}
	return out
}

// Score is the item's score.
func (a *AlignmentItem) Score() float64 { return a.I.Score }

// AlignedEntity wraps analysis.AlignedEntity.
type AlignedEntity struct{ E analysis.AlignedEntity }

// Direct reports a direct reference.
func (a *AlignedEntity) Direct() bool { return a.E.Direct }

// Via is the relation of an indirect reference.
func (a *AlignedEntity) Via() *Relation {
	if a.E.Via == nil {
		return nil
	}
	return &Relation{R: *a.E.Via}
}

// Mentions carry the reference.
func (a *AlignedEntity) Mentions() []*Mention { return mentions(a.E.Mentions) }

func mentions(ms []store.Mention) []*Mention {
	out := make([]*Mention, len(ms))
	for i, m := range ms {
		out[i] = &Mention{M: m}
	}
	return out
}

// AlignmentPair wraps analysis.AlignmentPair.
type AlignmentPair struct{ P analysis.AlignmentPair }

// Count is how many items tie the pair.
func (p *AlignmentPair) Count() int { return p.P.Count }

// Score is the pair's score.
func (p *AlignmentPair) Score() float64 { return p.P.Score }

// AlignmentMatrix wraps analysis.Matrix.
type AlignmentMatrix struct{ M analysis.Matrix }

// Columns are the matrix's columns.
func (m *AlignmentMatrix) Columns() []*MatrixColumn {
	out := make([]*MatrixColumn, len(m.M.Columns))
	for i, c := range m.M.Columns {
		out[i] = &MatrixColumn{C: c}
	}
	return out
}

// Cells are the non-empty cells.
func (m *AlignmentMatrix) Cells() []*MatrixCell {
	out := make([]*MatrixCell, len(m.M.Cells))
	for i, c := range m.M.Cells {
		out[i] = &MatrixCell{C: c}
	}
	return out
}

// MaxCount is the largest cell count.
func (m *AlignmentMatrix) MaxCount() int { return m.M.MaxCount }

// MatrixColumn wraps analysis.MatrixColumn.
type MatrixColumn struct{ C analysis.MatrixColumn }

// ID is the column's id.
func (c *MatrixColumn) ID() string { return c.C.ID }

// Label is the column's label.
func (c *MatrixColumn) Label() string { return c.C.Label }

// MatrixCell wraps analysis.MatrixCell.
type MatrixCell struct{ C analysis.MatrixCell }

// Row is the cell's row index.
func (c *MatrixCell) Row() int { return c.C.Row }

// Column is the cell's column index.
func (c *MatrixCell) Column() int { return c.C.Column }

// Count is the number of measures.
func (c *MatrixCell) Count() int { return len(c.C.Evidence) }

// EvidenceIds are the measures' ids.
func (c *MatrixCell) EvidenceIds() []string { return c.C.Evidence }

// Subgraph wraps analysis.Subgraph.
type Subgraph struct{ S analysis.Subgraph }

// Nodes are the subgraph's nodes.
func (s *Subgraph) Nodes() []*SubgraphNode {
	out := make([]*SubgraphNode, len(s.S.Nodes))
	for i, n := range s.S.Nodes {
		out[i] = &SubgraphNode{N: n}
	}
	return out
}

// Edges are the subgraph's edges.
func (s *Subgraph) Edges() []*SubgraphEdge {
	out := make([]*SubgraphEdge, len(s.S.Edges))
	for i, e := range s.S.Edges {
		out[i] = &SubgraphEdge{E: e}
	}
	return out
}

// Truncated reports a cut.
func (s *Subgraph) Truncated() bool { return s.S.Truncated }

// SubgraphNode wraps analysis.SubgraphNode.
type SubgraphNode struct{ N analysis.SubgraphNode }

// ID is the node's id.
func (n *SubgraphNode) ID() string { return n.N.ID }

// Kind is the node's kind.
func (n *SubgraphNode) Kind() NodeKind { return NodeKindOf(n.N.Kind) }

// Label is the node's label.
func (n *SubgraphNode) Label() string { return n.N.Label }

// Distance is the node's distance from the start.
func (n *SubgraphNode) Distance() int { return n.N.Distance }

// SubgraphEdge wraps analysis.SubgraphEdge.
type SubgraphEdge struct{ E analysis.SubgraphEdge }

// Source is the subject's id.
func (e *SubgraphEdge) Source() string { return e.E.Source }

// Target is the object's id.
func (e *SubgraphEdge) Target() string { return e.E.Target }

// Predicate is the edge's kind.
func (e *SubgraphEdge) Predicate() EdgeKind { return EdgeKindOf(e.E.Predicate) }

// EvidenceID is the id of what states the edge.
func (e *SubgraphEdge) EvidenceID() *string { return optional(e.E.Evidence) }

// PathResult wraps analysis.PathResult.
type PathResult struct{ R analysis.PathResult }

// Paths are the paths found.
func (r *PathResult) Paths() []*Path {
	out := make([]*Path, len(r.R.Paths))
	for i, p := range r.R.Paths {
		out[i] = &Path{P: p}
	}
	return out
}

// Shortest is the shortest length, or nil.
func (r *PathResult) Shortest() *int {
	if r.R.Shortest == 0 {
		return nil
	}
	n := r.R.Shortest
	return &n
}

// Visited counts the nodes expanded.
func (r *PathResult) Visited() int { return r.R.Visited }

// Truncated reports an early stop.
func (r *PathResult) Truncated() bool { return r.R.Truncated }

// Path wraps analysis.Path.
type Path struct{ P analysis.Path }

// Length is the number of hops.
func (p *Path) Length() int { return len(p.P.Hops) }

// Hops are the path's hops.
func (p *Path) Hops() []*Hop {
	out := make([]*Hop, len(p.P.Hops))
	for i, h := range p.P.Hops {
		out[i] = &Hop{H: h}
	}
	return out
}

// Hop wraps analysis.Hop.
type Hop struct{ H analysis.Hop }

// Predicate is the edge's kind.
func (h *Hop) Predicate() EdgeKind { return EdgeKindOf(h.H.Predicate) }

// Direction says which way the edge points.
func (h *Hop) Direction() HopDirection {
	if h.H.Forward {
		return HopDirectionForward
	}
	return HopDirectionBackward
}

// EvidenceID is the id of what states the edge.
func (h *Hop) EvidenceID() string { return h.H.Evidence }

// SearchHit wraps analysis.SearchHit.
type SearchHit struct{ H analysis.SearchHit }

// Kind is the hit's kind.
func (h *SearchHit) Kind() NodeKind { return NodeKindOf(h.H.Kind) }

// Field is where the text matched.
func (h *SearchHit) Field() string { return h.H.Field }

// Value is the text that matched.
func (h *SearchHit) Value() string { return h.H.Value }

// Match is the match's span in Value.
func (h *SearchHit) Match() *Span { return &Span{Start: h.H.Start, End: h.H.End} }

// Score ranks the hit.
func (h *SearchHit) Score() float64 { return h.H.Score }

// GraphStats wraps analysis.Stats.
type GraphStats struct{ S analysis.Stats }

// NodesByKind counts nodes.
func (g *GraphStats) NodesByKind() []*KindCount {
	out := make([]*KindCount, len(g.S.NodesByKind))
	for i, c := range g.S.NodesByKind {
		out[i] = &KindCount{Kind: c.Name, Count: c.Count}
	}
	return out
}

// EdgesByPredicate counts edges.
func (g *GraphStats) EdgesByPredicate() []*PredicateCount {
	out := make([]*PredicateCount, len(g.S.EdgesByPredicate))
	for i, c := range g.S.EdgesByPredicate {
		out[i] = &PredicateCount{Predicate: c.Name, Count: c.Count}
	}
	return out
}

// MostMentioned ranks entities.
func (g *GraphStats) MostMentioned() []*EntityCount { return entityCounts(g.S.MostMentioned) }

// MostMentionedByPillar ranks entities per pillar.
func (g *GraphStats) MostMentionedByPillar() []*GroupRanking { return rankings(g.S.ByPillar) }

// MostMentionedBySection ranks entities per section.
func (g *GraphStats) MostMentionedBySection() []*GroupRanking { return rankings(g.S.BySection) }

// Degrees lists entity degrees.
func (g *GraphStats) Degrees() []*EntityDegree {
	out := make([]*EntityDegree, len(g.S.Degrees))
	for i, d := range g.S.Degrees {
		out[i] = &EntityDegree{D: d}
	}
	return out
}

// CommitmentBySection counts commitment levels per section.
func (g *GraphStats) CommitmentBySection() []*SectionCommitments {
	out := make([]*SectionCommitments, len(g.S.Commitments))
	for i, c := range g.S.Commitments {
		out[i] = &SectionCommitments{C: c}
	}
	return out
}

func entityCounts(cs []analysis.EntityCount) []*EntityCount {
	out := make([]*EntityCount, len(cs))
	for i, c := range cs {
		out[i] = &EntityCount{C: c}
	}
	return out
}

func rankings(gs []analysis.GroupRanking) []*GroupRanking {
	out := make([]*GroupRanking, len(gs))
	for i, g := range gs {
		out[i] = &GroupRanking{G: g}
	}
	return out
}

// EntityCount wraps analysis.EntityCount.
type EntityCount struct{ C analysis.EntityCount }

// Count is how many measures name the entity.
func (c *EntityCount) Count() int { return c.C.Count }

// GroupRanking wraps analysis.GroupRanking.
type GroupRanking struct{ G analysis.GroupRanking }

// Entities ranks the group's entities.
func (g *GroupRanking) Entities() []*EntityCount { return entityCounts(g.G.Entities) }

// EntityDegree wraps analysis.EntityDegree.
type EntityDegree struct{ D analysis.EntityDegree }

// Out counts relations from the entity.
func (d *EntityDegree) Out() int { return d.D.Out }

// In counts relations to the entity.
func (d *EntityDegree) In() int { return d.D.In }

// Total is Out + In.
func (d *EntityDegree) Total() int { return d.D.Out + d.D.In }

// SectionCommitments wraps analysis.SectionCommitments.
type SectionCommitments struct{ C analysis.SectionCommitments }

// Counts lists every level's count.
func (s *SectionCommitments) Counts() []*CommitmentCount {
	out := make([]*CommitmentCount, len(analysis.CommitmentLevels))
	for i, l := range analysis.CommitmentLevels {
		out[i] = &CommitmentCount{Commitment: Commitment(strings.ToUpper(l)), Count: s.C.Counts[i]}
	}
	return out
}

// NodeKindOf maps a store kind to the GraphQL node kind.
func NodeKindOf(k schema.Kind) NodeKind {
	return NodeKind(KindOf(k))
}

// SchemaNodeKind maps a GraphQL node kind to the store's kind.
func SchemaNodeKind(k NodeKind) schema.Kind {
	for _, s := range append([]schema.Kind{schema.KindPlan, schema.KindSection, schema.KindMeasure}, schema.EntityKinds...) {
		if NodeKindOf(s) == k {
			return s
		}
	}
	return ""
}

// EdgeKindOf maps an edge predicate to the GraphQL edge kind.
func EdgeKindOf(p quad.IRI) EdgeKind {
	switch p {
	case schema.IsPartOf:
		return EdgeKindPartOf
	case schema.Pillar:
		return EdgeKindInPillar
	case schema.PriorityArea:
		return EdgeKindInPriorityArea
	}
	return EdgeKind(PredicateOf(p))
}

// EdgeKindIRI maps a GraphQL edge kind to its predicate.
func EdgeKindIRI(k EdgeKind) quad.IRI {
	switch k {
	case EdgeKindPartOf:
		return schema.IsPartOf
	case EdgeKindInPillar:
		return schema.Pillar
	case EdgeKindInPriorityArea:
		return schema.PriorityArea
	}
	return PredicateIRI(Predicate(k))
}

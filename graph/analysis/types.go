package analysis

import (
	"errors"

	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// Analyzer answers analysis queries over one store.
type Analyzer struct {
	st *store.Store
}

// New returns an Analyzer over st.
func New(st *store.Store) *Analyzer { return &Analyzer{st: st} }

// ErrInvalid is matched by errors about arguments an analysis cannot use
// (too many entities, a depth out of range …).
var ErrInvalid = errors.New("analysis: invalid argument")

// Edge kinds besides the relation predicates: the document's structure.
const (
	// PartOf is dcterms:isPartOf: measure → section → parent section → plan,
	// and mechanism → mechanism.
	PartOf = schema.IsPartOf
	// InPillar is pg:pillar: section → pillar.
	InPillar = schema.Pillar
	// InPriorityArea is pg:priorityArea: section → priority area.
	InPriorityArea = schema.PriorityArea
)

// EdgePredicates are every predicate neighborhood and paths follow: the
// relations (mentions included) and the structure.
func EdgePredicates() []quad.IRI {
	out := make([]quad.IRI, 0, len(schema.Relations)+3)
	for _, r := range schema.Relations {
		out = append(out, r.IRI)
	}
	return append(out, PartOf, InPillar, InPriorityArea)
}

// ---- alignment ----

// Scope says what an alignment item is.
type Scope int

// Alignment scopes.
const (
	ScopeMeasure Scope = iota
	ScopeSection
)

// AlignmentQuery asks how entities align.
type AlignmentQuery struct {
	// Entities are 2 to 20 entity ids.
	Entities []string
	// Scope: measures or sections.
	Scope Scope
	// Plan limits the items to one plan; "" for all.
	Plan string
}

// Alignment is the answer to an AlignmentQuery.
type Alignment struct {
	// Entities are the ids asked about, deduplicated, in the order asked.
	Entities []string
	// Items reference two or more of the entities; by score, then reading order.
	Items []AlignmentItem
	// Pairs has one entry per pair of entities that some item ties, by
	// score, then count, then ids.
	Pairs []AlignmentPair
}

// AlignmentItem is a measure or section that references several entities.
type AlignmentItem struct {
	// ID is the measure's or section's id.
	ID string
	// Entities are the references, in the order of Alignment.Entities.
	Entities []AlignedEntity
	// Evidence are the ids of the measures whose text carries the
	// references, in reading order.
	Evidence []string
	// Score is the sum of the references' weights.
	Score float64
}

// Weights of references.
const (
	WeightDirect   = 1.0
	WeightIndirect = 0.5
)

// AlignedEntity is how an item references one entity.
type AlignedEntity struct {
	// EntityID is the entity asked about.
	EntityID string
	// Direct is true when the item names the entity itself.
	Direct bool
	// Via is, for an indirect reference, the relation that ties the named
	// entity to EntityID.
	Via *store.Relation
	// Mentions carry the reference: the mentions of the entity (direct) or
	// of the related entity (indirect) in the evidence measures.
	Mentions []store.Mention
}

// AlignmentPair is two entities and the items that reference both.
type AlignmentPair struct {
	A, B  string
	Count int
	// Score sums, over the items, the smaller weight of the two references.
	Score float64
	// Items are the ids of the items, in Alignment.Items order.
	Items []string
}

// ---- matrix ----

// Columns says what the columns of a matrix are.
type Columns int

// Matrix columns.
const (
	ColumnsSectionLevel1 Columns = iota
	ColumnsSectionLevel2
	ColumnsPillar
	ColumnsPriorityArea
	ColumnsEntityKind
)

// MatrixQuery asks for an alignment matrix.
type MatrixQuery struct {
	// Rows are entity ids; every initiative when empty.
	Rows []string
	// Columns is what the columns are.
	Columns Columns
	// Plan is the plan; the only plan when "".
	Plan string
	// Indirect counts references through one relation too.
	Indirect bool
}

// Matrix is rows × columns with counts and evidence.
type Matrix struct {
	Rows    []string
	Columns []MatrixColumn
	// Cells are the non-empty cells, by row then column.
	Cells    []MatrixCell
	MaxCount int
}

// MatrixColumn is one column.
type MatrixColumn struct {
	// ID is a section, pillar or priority area id, or an entity kind.
	ID string
	// Label is what to print.
	Label string
	// NodeID is the node of the column, "" for an entity kind.
	NodeID string
}

// MatrixCell is one non-empty cell.
type MatrixCell struct {
	Row, Column int
	// Evidence are the ids of the measures counted, in reading order.
	Evidence []string
}

// ---- neighborhood ----

// NeighborhoodQuery asks for the subgraph around a node.
type NeighborhoodQuery struct {
	ID string
	// Depth is 1 to 3.
	Depth int
	// Predicates limits the edges followed; all EdgePredicates when empty.
	Predicates []quad.IRI
	// Kinds limits the nodes kept (the start node is always kept).
	Kinds []schema.Kind
	// Limit is the most nodes returned, 1 to 2000.
	Limit int
}

// Subgraph is nodes and the edges between them.
type Subgraph struct {
	// Nodes: the start node first, then by distance, then id.
	Nodes []SubgraphNode
	// Edges between returned nodes, sorted by source, predicate, target,
	// evidence.
	Edges []SubgraphEdge
	// Truncated is true when Limit cut nodes that were within reach.
	Truncated bool
}

// SubgraphNode is a node of a subgraph.
type SubgraphNode struct {
	ID       string
	Kind     schema.Kind
	Label    string
	Distance int
}

// SubgraphEdge is an edge of a subgraph.
type SubgraphEdge struct {
	Source, Target string
	Predicate      quad.IRI
	// Evidence is the id of the quad's label.
	Evidence string
}

// ---- paths ----

// PathQuery asks for paths between two nodes.
type PathQuery struct {
	From, To string
	// MaxLength is 1 to 6 hops.
	MaxLength int
	// Predicates limits the edges followed; all EdgePredicates when empty.
	Predicates []quad.IRI
	// First is how many paths, 1 to 50.
	First int
	// MaxVisited bounds the nodes the search expands; a default when 0.
	MaxVisited int
}

// PathResult is the answer to a PathQuery.
type PathResult struct {
	// Paths shortest first; equal lengths in a fixed order.
	Paths []Path
	// Shortest is the shortest length found, 0 when none.
	Shortest int
	// Visited counts the nodes expanded.
	Visited int
	// Truncated is true when the bound stopped the search early.
	Truncated bool
}

// Path is a loop-free path.
type Path struct {
	// Nodes from start to end: len(Hops)+1 ids.
	Nodes []string
	Hops  []Hop
}

// Hop is one edge of a path.
type Hop struct {
	From, To  string
	Predicate quad.IRI
	// Forward is true when From is the edge's subject.
	Forward bool
	// Evidence is the id of the quad's label.
	Evidence string
}

// ---- search ----

// SearchQuery asks for nodes by text.
type SearchQuery struct {
	Text string
	// Kinds limits the hits: entity kinds and schema.KindMeasure; all when empty.
	Kinds []schema.Kind
	// First is how many hits, 1 to 100.
	First int
}

// Search fields.
const (
	FieldName         = "NAME"
	FieldENName       = "EN_NAME"
	FieldAlias        = "ALIAS"
	FieldAbbreviation = "ABBREVIATION"
	FieldText         = "TEXT"
)

// SearchHit is one hit.
type SearchHit struct {
	ID   string
	Kind schema.Kind
	// Field is where the text matched (Field…).
	Field string
	// Value is the text that matched.
	Value string
	// Start and End are the match's rune offsets in Value.
	Start, End int
	Score      float64
}

// ---- stats ----

// StatsQuery asks for counts.
type StatsQuery struct {
	// Plan is the plan; the only plan when "".
	Plan string
	// Top is how many entries each ranking lists.
	Top int
}

// Stats are counts and rankings.
type Stats struct {
	NodesByKind      []Count
	EdgesByPredicate []Count
	MostMentioned    []EntityCount
	ByPillar         []GroupRanking
	BySection        []GroupRanking
	Degrees          []EntityDegree
	Commitments      []SectionCommitments
}

// Count is a named count.
type Count struct {
	Name  string
	Count int
}

// EntityCount is an entity and how many measures name it.
type EntityCount struct {
	EntityID string
	Count    int
}

// GroupRanking ranks entities within a pillar or section.
type GroupRanking struct {
	GroupID  string
	Entities []EntityCount
}

// EntityDegree is an entity's degree.
type EntityDegree struct {
	EntityID string
	Out, In  int
}

// SectionCommitments counts a section's measures per commitment level.
type SectionCommitments struct {
	SectionID string
	// Counts per level in schema.Commitment… order: scheduled, committed,
	// encouraged, exploratory, stated.
	Counts [5]int
}

// CommitmentLevels lists the levels in the order of SectionCommitments.Counts.
var CommitmentLevels = [5]string{schema.CommitmentScheduled, schema.CommitmentCommitted,
	schema.CommitmentEncouraged, schema.CommitmentExploratory, schema.CommitmentStated}

var errNotImplemented = errors.New("analysis: not implemented yet")

package analysis

import (
	"context"
	"fmt"
	"slices"
)

// Limits of a paths query.
const (
	// MaxPathLength is the largest PathQuery.MaxLength.
	MaxPathLength = 6
	// MaxPaths is the largest PathQuery.First.
	MaxPaths = 50
	// DefaultMaxVisited bounds a search whose PathQuery.MaxVisited is 0.
	DefaultMaxVisited = 20000
)

// Paths finds loop-free paths from q.From to q.To over the edges of
// q.Predicates, both directions, shortest first, each hop with its
// predicate, direction and evidence.
//
// Cayley has no shortest path, so the search is built on the store's
// index look-ups (Store.OutInMany, a breadth-first level per call):
//
//  1. Breadth-first from q.To, a level at a time and each level in id
//     order, gives the distance to q.To of every node near it, until q.From
//     is reached (its distance is the shortest length) or q.MaxLength is.
//  2. For each length L from the shortest to q.MaxLength, a depth-first
//     walk from q.From lists the paths of exactly L hops: it steps from a
//     node at depth d only to nodes v off the path with d+1+dist(v) ≤ L, so
//     it never strays from the paths that can still reach q.To in time. The
//     breadth-first search grows with L: length L needs the distances up
//     to L-1.
//
// The walk tries the hops of a node in a fixed order: relations (stated by
// a measure or the catalog) before mentions before the document's
// structure (isPartOf, pillar, priority area), then by the node reached,
// predicate, direction (forward first) and evidence. Paths of equal length
// therefore come in that order, compared hop by hop, and the first path
// is the one that explains the link with statements first. Parallel edges
// (the same relation stated by two measures, two relations between the
// same entities) are distinct hops, so they make distinct paths.
//
// The search stops after q.First paths. It counts as visited every node
// the breadth-first search expands and every step of the depth-first walk;
// when that reaches q.MaxVisited (DefaultMaxVisited when 0) it stops and
// sets Truncated, keeping the paths found so far.
//
// Errors wrap ErrInvalid for arguments out of range (From equal to To
// among them, and a mention or the catalog as an end) and
// store.ErrNotFound for an unknown id.
func (a *Analyzer) Paths(ctx context.Context, q PathQuery) (PathResult, error) {
	preds, err := walkPredicates("paths", q.Predicates)
	if err != nil {
		return PathResult{}, err
	}
	switch {
	case q.MaxLength < 1 || q.MaxLength > MaxPathLength:
		return PathResult{}, fmt.Errorf("%w: paths: maxLength %d is not between 1 and %d", ErrInvalid, q.MaxLength, MaxPathLength)
	case q.First < 1 || q.First > MaxPaths:
		return PathResult{}, fmt.Errorf("%w: paths: first %d is not between 1 and %d", ErrInvalid, q.First, MaxPaths)
	case q.MaxVisited < 0:
		return PathResult{}, fmt.Errorf("%w: paths: maxVisited %d is negative", ErrInvalid, q.MaxVisited)
	case q.From == q.To:
		return PathResult{}, fmt.Errorf("%w: paths: from and to are both %q", ErrInvalid, q.From)
	}
	s := &pathSearch{
		q:      q,
		adj:    newAdjacency(a.st, preds),
		dist:   map[string]int{q.To: 0},
		budget: q.MaxVisited,
		onPath: make(map[string]bool),
	}
	if s.budget == 0 {
		s.budget = DefaultMaxVisited
	}
	if err := walkStart(ctx, s.adj, "paths", q.From, q.To); err != nil {
		return PathResult{}, err
	}
	s.frontier = []string{q.To}
	res, err := s.run(ctx)
	if err != nil {
		return PathResult{}, fmt.Errorf("paths from %q to %q: %w", q.From, q.To, err)
	}
	return res, nil
}

// pathSearch is the state of one Paths query.
type pathSearch struct {
	q   PathQuery
	adj *adjacency
	// dist is the distance to q.To of the nodes the breadth-first search
	// has found; it knows every node up to distance radius.
	dist     map[string]int
	radius   int
	frontier []string // the nodes at distance radius, sorted
	// visited counts expansions and walk steps; budget bounds it.
	visited, budget int
	truncated       bool

	onPath map[string]bool
	nodes  []string
	hops   []Hop
	paths  []Path
}

func (s *pathSearch) run(ctx context.Context) (PathResult, error) {
	// Find the shortest length: grow the ball around q.To until it holds
	// q.From.
	for {
		if _, ok := s.dist[s.q.From]; ok || s.radius >= s.q.MaxLength || len(s.frontier) == 0 || s.truncated {
			break
		}
		if err := s.grow(ctx); err != nil {
			return PathResult{}, err
		}
	}
	shortest, found := s.dist[s.q.From]
	if found {
		for l := shortest; l <= s.q.MaxLength && len(s.paths) < s.q.First && !s.truncated; l++ {
			// Length l needs every distance up to l-1.
			for s.radius < l-1 && len(s.frontier) > 0 && !s.truncated {
				if err := s.grow(ctx); err != nil {
					return PathResult{}, err
				}
			}
			if s.truncated {
				break
			}
			if err := s.walk(ctx, s.q.From, l); err != nil {
				return PathResult{}, err
			}
		}
	}
	res := PathResult{Paths: s.paths, Visited: s.visited, Truncated: s.truncated && len(s.paths) < s.q.First}
	if res.Paths == nil {
		res.Paths = []Path{}
	}
	if len(s.paths) > 0 {
		res.Shortest = len(s.paths[0].Hops)
	}
	return res, nil
}

// grow expands the frontier: the nodes at distance radius+1 become known.
// It expands no more nodes than the budget allows.
func (s *pathSearch) grow(ctx context.Context) error {
	todo := s.frontier
	if left := s.budget - s.visited; len(todo) > left {
		todo, s.truncated = todo[:left], true
	}
	if err := s.adj.expand(ctx, todo); err != nil {
		return err
	}
	s.visited += len(todo)
	var next []string
	for _, id := range todo {
		for _, h := range s.adj.hops(id) {
			if _, seen := s.dist[h.to]; !seen {
				s.dist[h.to] = s.radius + 1
				next = append(next, h.to)
			}
		}
	}
	slices.Sort(next)
	s.radius++
	s.frontier = next
	return nil
}

// walk extends the path at node id (its last node) by every hop that can
// still reach q.To in exactly l hops, and records the paths that do.
func (s *pathSearch) walk(ctx context.Context, id string, l int) error {
	if s.visited >= s.budget {
		s.truncated = true
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.adj.expand(ctx, []string{id}); err != nil {
		return err
	}
	s.visited++
	s.onPath[id] = true
	s.nodes = append(s.nodes, id)
	defer func() {
		s.onPath[id] = false
		s.nodes = s.nodes[:len(s.nodes)-1]
	}()
	d := len(s.hops)
	for _, h := range s.adj.hops(id) {
		if len(s.paths) == s.q.First || s.truncated {
			return nil
		}
		if h.to == s.q.To {
			if d+1 == l {
				s.hops = append(s.hops, Hop{From: id, To: h.to, Predicate: h.predicate, Forward: h.forward, Evidence: h.evidence})
				s.paths = append(s.paths, Path{Nodes: append(slices.Clone(s.nodes), h.to), Hops: slices.Clone(s.hops)})
				s.hops = s.hops[:d]
			}
			continue
		}
		if dv, ok := s.dist[h.to]; !ok || s.onPath[h.to] || d+1+dv > l {
			continue
		}
		s.hops = append(s.hops, Hop{From: id, To: h.to, Predicate: h.predicate, Forward: h.forward, Evidence: h.evidence})
		err := s.walk(ctx, h.to, l)
		s.hops = s.hops[:d]
		if err != nil {
			return err
		}
	}
	return nil
}

package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"plangraph/graph/store"
	"plangraph/schema"
)

// MaxStatsTop is the largest StatsQuery.Top.
const MaxStatsTop = 100

// Stats counts and ranks the graph.
//
// NodesByKind and EdgesByPredicate count the whole store (every plan and the
// catalog), from Store.Stats: NodesByKind lists every node kind, Plan,
// Section, Measure, Mention, the entity kinds in schema.EntityKinds order
// and Catalog, zeros included; EdgesByPredicate counts the quads of each
// predicate, literal-valued properties included, under the relation's
// short name for relations ("mentions") and a prefixed name otherwise
// ("rdfs:label", "dcterms:isPartOf", "pg:text"), by count (highest first),
// then name.
//
// Everything else is about one plan, q.Plan, or when it is "" the only plan
// in the store (an error matching ErrInvalid when there are several; the
// rankings are empty when there is none):
//
//   - MostMentioned: the entities by the number of distinct measures of the
//     plan that name them (pg:mentions), highest first, then by id; only
//     entities named at least once; at most q.Top.
//   - ByPillar: for every pillar entity, the same ranking over the measures
//     of the pillar's sections: a measure belongs to a pillar when its
//     section or an enclosing section names the pillar (pg:pillar). Pillars
//     come in the reading order of the first section naming them, then
//     those no section names, by id, with empty rankings.
//   - BySection: the same ranking for each top-level and second-level
//     section, in reading order, over the section's own measures and those
//     of all its subsections.
//   - Degrees: every entity, by Out+In (highest first), then id. Out counts
//     the relation quads (schema.Relations) whose subject is the entity,
//     literal objects such as convenesEvery included; In counts those
//     whose object is the entity, so pg:mentions quads from measures (one
//     per measure naming the entity), relations from the plan (plan
//     complements …) and catalog memberOf links all count. Only relations
//     stated by the catalog or by the plan (or one of its measures) count;
//     dcterms:isPartOf and the section links pg:pillar and pg:priorityArea
//     are structure, not relations, and do not.
//   - Commitments: each section that has measures of its own, in reading
//     order, with its own measures (not its subsections') counted per level
//     of CommitmentLevels; a level outside those is not counted.
//
// q.Top must be 1 to MaxStatsTop; a plan id that names no plan is an error
// matching ErrInvalid and store.ErrNotFound. Stats reads the store in a few
// calls (Stats, Plans, Sections, PlanMeasures, Entities, RelationsOfMany),
// each under the store's read lock but not all under one: a Replace that
// lands between two of them can mix two versions of the graph in one
// answer.
func (a *Analyzer) Stats(ctx context.Context, q StatsQuery) (Stats, error) {
	if q.Top < 1 || q.Top > MaxStatsTop {
		return Stats{}, fmt.Errorf("%w: top is %d, want 1 to %d", ErrInvalid, q.Top, MaxStatsTop)
	}
	counts, err := a.st.Stats(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("analysis: stats: %w", err)
	}
	out := Stats{NodesByKind: statsKinds(counts), EdgesByPredicate: statsPredicates(counts)}
	plan, err := a.statsPlan(ctx, q.Plan)
	if err != nil || plan == "" {
		return out, err
	}
	if err := a.planStats(ctx, plan, q.Top, &out); err != nil {
		return Stats{}, fmt.Errorf("analysis: stats of %s: %w", plan, err)
	}
	return out, nil
}

// statsPlan returns the plan asked for, or the only plan, or "" when the
// store holds none.
func (a *Analyzer) statsPlan(ctx context.Context, id string) (string, error) {
	plans, err := a.st.Plans(ctx)
	if err != nil {
		return "", fmt.Errorf("analysis: stats: %w", err)
	}
	if id != "" {
		for _, p := range plans {
			if p.ID == id {
				return id, nil
			}
		}
		return "", fmt.Errorf("%w: stats: %w", ErrInvalid, &store.NotFoundError{Kind: "plan", ID: id})
	}
	switch len(plans) {
	case 0:
		return "", nil
	case 1:
		return plans[0].ID, nil
	}
	ids := make([]string, len(plans))
	for i, p := range plans {
		ids[i] = p.ID
	}
	return "", fmt.Errorf("%w: stats: the store holds %d plans (%s), name one", ErrInvalid, len(plans), strings.Join(ids, ", "))
}

// statsKindOrder is the order of NodesByKind.
var statsKindOrder = append(append([]schema.Kind{schema.KindPlan, schema.KindSection, schema.KindMeasure, schema.KindMention},
	schema.EntityKinds...), schema.KindCatalog)

func statsKinds(st store.Stats) []Count {
	out := make([]Count, len(statsKindOrder))
	for i, k := range statsKindOrder {
		out[i] = Count{Name: string(k), Count: st.Nodes[k]}
	}
	return out
}

// statsPrefixes shorten predicate IRIs for EdgesByPredicate.
var statsPrefixes = []struct{ prefix, ns string }{
	{"rdf:", schema.RDF}, {"rdfs:", schema.RDFS}, {"skos:", schema.SKOS},
	{"dcterms:", schema.DCTerms}, {"xsd:", schema.XSD}, {"pg:", schema.NS},
}

// statsPredicateName is the short name of a predicate key of store.Stats
// (a relation's name already, or an IRI).
func statsPredicateName(key string) string {
	for _, p := range statsPrefixes {
		if local, ok := strings.CutPrefix(key, p.ns); ok && local != "" {
			return p.prefix + local
		}
	}
	return key
}

func statsPredicates(st store.Stats) []Count {
	byName := make(map[string]int)
	for k, n := range st.Predicates {
		byName[statsPredicateName(k)] += n
	}
	out := make([]Count, 0, len(byName))
	for name, n := range byName {
		out = append(out, Count{Name: name, Count: n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name)) })
	return out
}

// planStats fills the rankings, degrees and commitments of one plan.
func (a *Analyzer) planStats(ctx context.Context, plan string, top int, out *Stats) error {
	sections, err := a.st.Sections(ctx, plan)
	if err != nil {
		return err
	}
	measures, err := a.st.PlanMeasures(ctx, plan)
	if err != nil {
		return err
	}
	entities, err := a.st.Entities(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, len(entities))
	for i, e := range entities {
		ids[i] = e.ID
	}
	rout, rin, err := a.st.RelationsOfMany(ctx, ids, store.RelationFilter{IncludeMentions: true})
	if err != nil {
		return err
	}

	inPlan := func(r store.Relation) bool {
		switch k, _ := schema.KindOfID(r.EvidenceID); k {
		case schema.KindPlan, schema.KindSection, schema.KindMeasure, schema.KindMention:
			return store.PlanOf(r.EvidenceID) == plan
		}
		return true // the catalog
	}
	planMeasures := make(map[string]bool, len(measures))
	for _, m := range measures {
		planMeasures[m.ID] = true
	}
	// named[m] are the entities measure m names.
	named := make(map[string][]string)
	for i, id := range ids {
		d := EntityDegree{EntityID: id}
		for _, r := range rout[i] {
			if inPlan(r) {
				d.Out++
			}
		}
		for _, r := range rin[i] {
			if !inPlan(r) {
				continue
			}
			d.In++
			if r.Predicate == schema.Mentions && planMeasures[r.SubjectID] && !slices.Contains(named[r.SubjectID], id) {
				named[r.SubjectID] = append(named[r.SubjectID], id)
			}
		}
		out.Degrees = append(out.Degrees, d)
	}
	slices.SortFunc(out.Degrees, func(a, b EntityDegree) int {
		return cmp.Or(cmp.Compare(b.Out+b.In, a.Out+a.In), cmp.Compare(a.EntityID, b.EntityID))
	})

	rank := func(ms []store.Measure) []EntityCount {
		n := make(map[string]int)
		for _, m := range ms {
			for _, e := range named[m.ID] {
				n[e]++
			}
		}
		return statsTop(n, top)
	}
	out.MostMentioned = rank(measures)

	secs := make(map[string]store.Section, len(sections))
	for _, s := range sections {
		secs[s.ID] = s
	}
	// chain returns a section and its enclosing sections, innermost first.
	chain := func(id string) []store.Section {
		var out []store.Section
		for seen := 0; id != "" && seen <= len(secs); seen++ {
			s, ok := secs[id]
			if !ok {
				break
			}
			out = append(out, s)
			id = s.ParentID
		}
		return out
	}
	bySection := make(map[string][]store.Measure) // own measures
	byGroup := make(map[string][]store.Measure)   // pillar or section → measures within
	for _, m := range measures {
		bySection[m.SectionID] = append(bySection[m.SectionID], m)
		var pillars []string
		for _, s := range chain(m.SectionID) {
			byGroup[s.ID] = append(byGroup[s.ID], m)
			for _, p := range s.PillarIDs {
				if !slices.Contains(pillars, p) {
					pillars = append(pillars, p)
				}
			}
		}
		for _, p := range pillars {
			byGroup[p] = append(byGroup[p], m)
		}
	}

	var pillarOrder []string
	for _, s := range sections {
		for _, p := range s.PillarIDs {
			if !slices.Contains(pillarOrder, p) {
				pillarOrder = append(pillarOrder, p)
			}
		}
	}
	var rest []string
	for _, e := range entities {
		if e.Kind == schema.KindPillar && !slices.Contains(pillarOrder, e.ID) {
			rest = append(rest, e.ID)
		}
	}
	slices.Sort(rest)
	for _, p := range append(pillarOrder, rest...) {
		out.ByPillar = append(out.ByPillar, GroupRanking{GroupID: p, Entities: rank(byGroup[p])})
	}

	for _, s := range sections {
		if depth := len(chain(s.ID)); depth == 1 || depth == 2 {
			out.BySection = append(out.BySection, GroupRanking{GroupID: s.ID, Entities: rank(byGroup[s.ID])})
		}
		own := bySection[s.ID]
		if len(own) == 0 {
			continue
		}
		c := SectionCommitments{SectionID: s.ID}
		for _, m := range own {
			if i := slices.Index(CommitmentLevels[:], m.Commitment); i >= 0 {
				c.Counts[i]++
			}
		}
		out.Commitments = append(out.Commitments, c)
	}
	return nil
}

// statsTop ranks counts: highest first, then by id, at most top entries.
func statsTop(n map[string]int, top int) []EntityCount {
	out := make([]EntityCount, 0, len(n))
	for id, c := range n {
		out = append(out, EntityCount{EntityID: id, Count: c})
	}
	slices.SortFunc(out, func(a, b EntityCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.EntityID, b.EntityID))
	})
	if len(out) > top {
		out = out[:top]
	}
	return out
}

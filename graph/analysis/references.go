package analysis

import (
	"context"
	"fmt"
	"slices"

	"plangraph/graph/store"
	"plangraph/schema"
)

// reference is how one measure references one entity.
type reference struct {
	direct bool
	// via is the relation that ties the named entity to the referenced one
	// (indirect references only).
	via *store.Relation
	// mentions carry the reference in the measure.
	mentions []store.Mention
}

func (r reference) weight() float64 {
	if r.direct {
		return WeightDirect
	}
	return WeightIndirect
}

// references returns, per measure id, how the measure references each of
// the entities: directly when it names the entity, and (when indirect is
// set) indirectly when it names another entity that one relation (other
// than a mention) ties to it. A direct reference wins over an indirect
// one; among indirect ones the first relation in store order wins.
func (a *Analyzer) references(ctx context.Context, entities []string, indirect bool) (map[string]map[string]reference, error) {
	type link struct {
		entity string // the entity asked about
		rel    *store.Relation
	}
	// named: entity whose mentions count → the references they make.
	named := map[string][]link{}
	for _, e := range entities {
		named[e] = append(named[e], link{entity: e})
	}
	if indirect {
		out, in, err := a.st.RelationsOfMany(ctx, entities, store.RelationFilter{})
		if err != nil {
			return nil, err
		}
		for i, e := range entities {
			for _, r := range append(slices.Clone(out[i]), in[i]...) {
				other := r.ObjectID
				if other == e {
					other = r.SubjectID
				}
				if k, _ := schema.KindOfID(other); other == "" || other == e || !k.IsEntity() {
					continue
				}
				r := r
				named[other] = append(named[other], link{entity: e, rel: &r})
			}
		}
	}
	ids := make([]string, 0, len(named))
	for id := range named {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	mentions, err := a.st.MentionsOfMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	refs := map[string]map[string]reference{}
	for i, id := range ids {
		for _, l := range named[id] {
			for _, mn := range mentions[i] {
				m := refs[mn.MeasureID]
				if m == nil {
					m = map[string]reference{}
					refs[mn.MeasureID] = m
				}
				r := m[l.entity]
				switch {
				case l.rel == nil: // the measure names the entity itself
					if !r.direct {
						r = reference{direct: true}
					}
					r.mentions = append(r.mentions, mn)
				case r.direct: // a direct reference explains it already
				case r.via == nil || r.via == l.rel:
					r.via = l.rel
					r.mentions = append(r.mentions, mn)
				}
				m[l.entity] = r
			}
		}
	}
	return refs, nil
}

// checkEntities validates entity ids: known, of an entity kind, no
// duplicates kept.
func (a *Analyzer) checkEntities(ctx context.Context, ids []string, min, max int) ([]string, error) {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) < min || len(out) > max {
		return nil, fmt.Errorf("%w: want %d to %d distinct entities, got %d", ErrInvalid, min, max, len(out))
	}
	nodes, errs := a.st.Nodes(ctx, out)
	for i, id := range out {
		if errs != nil && errs[i] != nil {
			return nil, errs[i]
		}
		if !nodes[i].Kind.IsEntity() {
			return nil, fmt.Errorf("%w: %s is a %s, not an entity", ErrInvalid, id, nodes[i].Kind)
		}
	}
	return out, nil
}

// onlyPlan returns the plan asked for, or the only plan.
func (a *Analyzer) onlyPlan(ctx context.Context, plan string) (string, error) {
	if plan != "" {
		return plan, nil
	}
	plans, err := a.st.Plans(ctx)
	if err != nil {
		return "", err
	}
	if len(plans) != 1 {
		return "", fmt.Errorf("%w: %d plans are loaded: say which", ErrInvalid, len(plans))
	}
	return plans[0].ID, nil
}

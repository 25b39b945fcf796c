package graph

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"plangraph/graph/store"
)

// loaders batch the reads of one operation. Every key a resolver asks for
// within the wait window goes to the store in one call.
type loaders struct {
	nodes        *dataloadgen.Loader[string, store.Node]
	planSections *dataloadgen.Loader[string, []store.Section]
	planMeasures *dataloadgen.Loader[string, []store.Measure]
	measures     *dataloadgen.Loader[string, store.Measure]
	mentionsIn   *dataloadgen.Loader[string, []store.Mention]
	mentionsOf   *dataloadgen.Loader[string, []store.Mention]
	statedBy     *dataloadgen.Loader[string, []store.Relation]
	relationsOf  *dataloadgen.Loader[string, relationsAt]
}

// relationsAt are the relations that start and end at one node.
type relationsAt struct{ out, in []store.Relation }

// loaderWait is how long a loader collects keys before it reads.
const loaderWait = 200 * time.Microsecond

func newLoaders(st Reader) *loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(loaderWait), dataloadgen.WithBatchCapacity(500)}
	return &loaders{
		nodes: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]store.Node, []error) {
			return st.Nodes(ctx, ids)
		}, opts...),
		planSections: dataloadgen.NewLoader(func(ctx context.Context, plans []string) ([][]store.Section, []error) {
			return perKey(plans, func(p string) ([]store.Section, error) { return st.Sections(ctx, p) })
		}, opts...),
		planMeasures: dataloadgen.NewLoader(func(ctx context.Context, plans []string) ([][]store.Measure, []error) {
			return perKey(plans, func(p string) ([]store.Measure, error) { return st.PlanMeasures(ctx, p) })
		}, opts...),
		measures: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]store.Measure, []error) {
			return batch(st.MeasuresByID(ctx, ids))
		}, opts...),
		mentionsIn: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]store.Mention, []error) {
			return batch(st.MentionsInMany(ctx, ids))
		}, opts...),
		mentionsOf: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]store.Mention, []error) {
			return batch(st.MentionsOfMany(ctx, ids))
		}, opts...),
		statedBy: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]store.Relation, []error) {
			return batch(st.RelationsByEvidence(ctx, ids))
		}, opts...),
		relationsOf: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]relationsAt, []error) {
			out, in, err := st.RelationsOfMany(ctx, ids, store.RelationFilter{IncludeMentions: true})
			if err != nil {
				return nil, []error{err}
			}
			res := make([]relationsAt, len(ids))
			for i := range ids {
				res[i] = relationsAt{out: out[i], in: in[i]}
			}
			return res, nil
		}, opts...),
	}
}

// batch adapts a batch read that fails as a whole to a loader's result.
func batch[V any](vs []V, err error) ([]V, []error) {
	if err != nil {
		return nil, []error{err}
	}
	return vs, nil
}

// perKey reads each key on its own: for loaders whose keys are few (plans).
func perKey[V any](keys []string, read func(string) (V, error)) ([]V, []error) {
	vs := make([]V, len(keys))
	var errs []error
	for i, k := range keys {
		v, err := read(k)
		if err != nil {
			if errs == nil {
				errs = make([]error, len(keys))
			}
			errs[i] = err
		}
		vs[i] = v
	}
	return vs, errs
}

type loadersKey struct{}

func withLoadersContext(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loadersFrom returns the operation's loaders.
func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	if l == nil {
		panic("graph: no dataloaders in context: use NewExecutableSchema")
	}
	return l
}

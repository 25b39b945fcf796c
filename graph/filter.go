package graph

import (
	"strings"

	"plangraph/graph/model"
	"plangraph/graph/store"
)

// maxNodes bounds the ids of one nodes query.
const maxNodes = 100

// measureFilter turns the GraphQL filter into the store's.
func measureFilter(f *model.MeasureFilter) store.MeasureFilter {
	if f == nil {
		return store.MeasureFilter{}
	}
	sf := store.MeasureFilter{MentionsAny: f.MentionsAny, MentionsAll: f.MentionsAll, Actions: f.Action}
	if f.Plan != nil {
		sf.Plan = *f.Plan
	}
	if f.SectionPrefix != nil {
		sf.SectionPrefix = *f.SectionPrefix
	}
	if f.TextContains != nil {
		sf.TextContains = *f.TextContains
	}
	for _, c := range f.Commitment {
		sf.Commitments = append(sf.Commitments, strings.ToLower(string(c)))
	}
	return sf
}

package graph

import (
	"plangraph/graph/generated"
	"plangraph/graph/model"
)

// setComplexity makes a connection cost its page size times its items'
// cost, so that the complexity limit bounds the work a query asks for.
func setComplexity(c *generated.ComplexityRoot) {
	per := func(child int, first *int) int {
		n := defaultFirst
		if first != nil && *first > 0 {
			n = *first
		}
		return 1 + n*child
	}
	c.Query.Measures = func(child int, _ *model.MeasureFilter, first *int, _ *string) int { return per(child, first) }
	c.Query.Entities = func(child int, _ []model.EntityKind, _ *string, first *int, _ *string) int { return per(child, first) }
	c.Section.Measures = func(child int, first *int, _ *string) int { return per(child, first) }
	mentioned := func(child int, first *int, _ *string, _ *string) int { return per(child, first) }
	c.Country.MentionedIn = mentioned
	c.CountryGroup.MentionedIn = mentioned
	c.Mechanism.MentionedIn = mentioned
	c.Initiative.MentionedIn = mentioned
	c.Organization.MentionedIn = mentioned
	c.Pillar.MentionedIn = mentioned
	c.PriorityArea.MentionedIn = mentioned
}

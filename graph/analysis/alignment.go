package analysis

import "context"

// Alignment finds the items that reference two or more entities.
func (a *Analyzer) Alignment(ctx context.Context, q AlignmentQuery) (Alignment, error) {
	return Alignment{}, errNotImplemented
}

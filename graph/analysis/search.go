package analysis

import "context"

// Search finds entities and measures by text.
func (a *Analyzer) Search(ctx context.Context, q SearchQuery) ([]SearchHit, error) {
	return nil, errNotImplemented
}

package analysis

import "context"

// AlignmentMatrix counts the measures per row entity and column.
func (a *Analyzer) AlignmentMatrix(ctx context.Context, q MatrixQuery) (Matrix, error) {
	return Matrix{}, errNotImplemented
}

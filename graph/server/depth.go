package server

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// DepthLimit is a gqlgen handler extension that refuses operations whose
// selection sets nest deeper than Max, with code DEPTH_LIMIT_EXCEEDED.
//
// Depth counts fields: { a } has depth 1 and { a { b { c } } } depth 3.
// Fragment spreads and inline fragments add no depth of their own; their
// fields count where they are spread. The subtrees of the introspection
// fields __schema and __type are not counted (GraphiQL's introspection query
// nests 13 deep; introspection has its own switch and gqlparser bounds it).
type DepthLimit struct {
	// Max is the deepest nesting allowed.
	Max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = DepthLimit{}

// ExtensionName names the extension for gqlgen.
func (DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate checks the limit when the extension is added to a server.
func (d DepthLimit) Validate(graphql.ExecutableSchema) error {
	if d.Max <= 0 {
		return errors.New("depth limit must be positive")
	}
	return nil
}

// MutateOperationContext refuses the operation when it is too deep.
func (d DepthLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	depth := OperationDepth(opCtx.Doc, opCtx.Operation)
	if depth <= d.Max {
		return nil
	}
	err := gqlerror.Errorf("operation has depth %d, which exceeds the limit of %d", depth, d.Max)
	errcode.Set(err, CodeDepthLimit)
	err.Extensions["depth"] = depth
	err.Extensions["limit"] = d.Max
	return err
}

// OperationDepth returns the selection depth of op in doc as DepthLimit
// counts it. Each fragment is measured once; a fragment that spreads itself
// (which validation refuses anyway) adds nothing the second time.
func OperationDepth(doc *ast.QueryDocument, op *ast.OperationDefinition) int {
	w := depthWalker{doc: doc, memo: map[string]int{}, active: map[string]bool{}}
	return w.selectionSet(op.SelectionSet)
}

type depthWalker struct {
	doc    *ast.QueryDocument
	memo   map[string]int  // depth of each fragment measured
	active map[string]bool // fragments being measured: a spread of one is a cycle
}

func (w depthWalker) selectionSet(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
			d = 1 + w.selectionSet(s.SelectionSet)
		case *ast.InlineFragment:
			d = w.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			d = w.fragment(s)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

func (w depthWalker) fragment(s *ast.FragmentSpread) int {
	if d, ok := w.memo[s.Name]; ok {
		return d
	}
	if w.active[s.Name] {
		return 0
	}
	def := s.Definition
	if def == nil && w.doc != nil {
		def = w.doc.Fragments.ForName(s.Name)
	}
	if def == nil {
		return 0
	}
	w.active[s.Name] = true
	d := w.selectionSet(def.SelectionSet)
	delete(w.active, s.Name)
	w.memo[s.Name] = d
	return d
}

// introspectionGuard refuses operations that select __schema or __type
// when introspection is off, before any field runs: a request error with
// code INTROSPECTION_DISABLED instead of gqlgen's field error.
type introspectionGuard struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = introspectionGuard{}

func (introspectionGuard) ExtensionName() string                   { return "IntrospectionGuard" }
func (introspectionGuard) Validate(graphql.ExecutableSchema) error { return nil }

func (introspectionGuard) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil || !opCtx.DisableIntrospection {
		return nil
	}
	if f := findIntrospection(opCtx.Doc, opCtx.Operation.SelectionSet, map[string]bool{}); f != nil {
		err := gqlerror.ErrorPosf(f.Position, "%s", errIntrospectionDisabled.Error())
		errcode.Set(err, CodeIntrospectionDisabled)
		return err
	}
	return nil
}

// findIntrospection returns the first __schema or __type field in set,
// looking through fragments (each once).
func findIntrospection(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) *ast.Field {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				return s
			}
			if f := findIntrospection(doc, s.SelectionSet, seen); f != nil {
				return f
			}
		case *ast.InlineFragment:
			if f := findIntrospection(doc, s.SelectionSet, seen); f != nil {
				return f
			}
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			def := s.Definition
			if def == nil && doc != nil {
				def = doc.Fragments.ForName(s.Name)
			}
			if def == nil {
				continue
			}
			if f := findIntrospection(doc, def.SelectionSet, seen); f != nil {
				return f
			}
		}
	}
	return nil
}

// Package testschema is a tiny gqlgen schema that the server tests run
// against: a node lookup that fails with NOT_FOUND, fields that are slow,
// stuck, panicking, broken or refused, and an endless recursive Tree for the
// depth and complexity limits. It imports nothing from the server, so the
// server's own tests can use it.
package testschema

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"plangraph/graph/store"
)

// ErrBroken is the internal error that Query.broken returns; the server must
// log it and show only "internal error".
var ErrBroken = errors.New("testschema: disk on fire at /var/secret/path")

// PanicValue is what Query.boom panics with.
const PanicValue = "testschema: boom"

// New returns the executable schema with its resolvers, and with Tree.children
// costing first times its child's complexity.
func New() graphql.ExecutableSchema {
	cfg := Config{Resolvers: &Resolver{}}
	cfg.Complexity.Tree.Children = func(childComplexity, first int) int {
		return first * childComplexity
	}
	return NewExecutableSchema(cfg)
}

// Resolver is the root resolver; it has no state.
type Resolver struct{}

// Query returns the query resolvers.
func (r *Resolver) Query() QueryResolver { return queryResolver{} }

// Mutation returns the mutation resolvers.
func (r *Resolver) Mutation() MutationResolver { return mutationResolver{} }

// Tree returns the Tree field resolvers.
func (r *Resolver) Tree() TreeResolver { return treeResolver{} }

type queryResolver struct{}

func (queryResolver) Hello(ctx context.Context, name string) (string, error) {
	return "hello " + name, nil
}

func (queryResolver) Node(ctx context.Context, id string) (Node, error) {
	return nil, &store.NotFoundError{Kind: "node", ID: id}
}

func (queryResolver) Slow(ctx context.Context, ms int) (*string, error) {
	t := time.NewTimer(time.Duration(ms) * time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
		s := "slept " + strconv.Itoa(ms) + "ms"
		return &s, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("slow: %w", ctx.Err())
	}
}

func (queryResolver) Stuck(ctx context.Context, ms int) (*string, error) {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	s := "slept " + strconv.Itoa(ms) + "ms"
	return &s, nil
}

func (queryResolver) Tree(ctx context.Context) (*Tree, error) { return &Tree{ID: "t"}, nil }

func (queryResolver) Boom(ctx context.Context) (*string, error) { panic(PanicValue) }

func (queryResolver) Broken(ctx context.Context) (*string, error) {
	return nil, fmt.Errorf("read sector: %w", ErrBroken)
}

func (queryResolver) Bad(ctx context.Context) (*string, error) {
	return nil, &codedError{code: "BAD_USER_INPUT", msg: "bad: this argument is never right"}
}

type mutationResolver struct{}

func (mutationResolver) Noop(ctx context.Context) (*bool, error) {
	t := true
	return &t, nil
}

type treeResolver struct{}

func (treeResolver) Child(ctx context.Context, obj *Tree) (*Tree, error) {
	return &Tree{ID: obj.ID + ".0"}, nil
}

func (treeResolver) Children(ctx context.Context, obj *Tree, first int) ([]*Tree, error) {
	if first < 0 || first > 100 {
		return nil, &codedError{code: "BAD_USER_INPUT", msg: "children: first must be between 0 and 100"}
	}
	out := make([]*Tree, first)
	for i := range out {
		out[i] = &Tree{ID: obj.ID + "." + strconv.Itoa(i)}
	}
	return out, nil
}

// codedError carries an extensions.code the way resolvers of the real schema
// do: by a Code method.
type codedError struct{ code, msg string }

func (e *codedError) Error() string { return e.msg }
func (e *codedError) Code() string  { return e.code }

// SDL is the schema text, as served at /schema.graphql in the tests.
//
//go:embed schema.graphqls
var SDL string

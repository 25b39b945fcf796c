package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/peterbourgon/ff/v3"

	"plangraph/graph/store"
)

// envPrefix names the environment variables that give flag defaults:
// --store is PLANGRAPH_STORE.
const envPrefix = "PLANGRAPH"

// defaultStore is where plangraph keeps its graph unless told otherwise.
const defaultStore = "bolt:plangraph.db"

// newFlagSet returns a flag set for a subcommand that prints to stderr.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("plangraph "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// envOptions reads PLANGRAPH_* variables for flags not given.
func envOptions() []ff.Option { return []ff.Option{ff.WithEnvVarPrefix(envPrefix)} }

// storeFlag declares --store on fs.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", defaultStore, "graph store: bolt:PATH, memory, or postgres:URL (env PLANGRAPH_STORE)")
}

// noArgs refuses positional arguments.
func noArgs(args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}

// errNoStore is returned when a command that reads a store finds none.
var errNoStore = errors.New("no graph there: run 'plangraph load' first")

// openGraph opens a store for a command that reads it: a bolt file that
// does not exist is not created, and an empty store is an error.
func openGraph(ctx context.Context, spec string) (*store.Store, error) {
	if err := checkExisting(spec); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, spec)
	if err != nil {
		return nil, err
	}
	empty, err := st.Empty(ctx)
	if err == nil && empty {
		err = fmt.Errorf("store %s: %w", spec, errNoStore)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// checkExisting refuses a bolt store that does not exist yet, so that
// reading commands do not create empty files.
func checkExisting(spec string) error {
	backend, path, _ := strings.Cut(spec, ":")
	if backend != "bolt" {
		return nil
	}
	if path == "" {
		path = store.DefaultBoltPath
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store %s: %w", spec, errNoStore)
	}
	return nil
}

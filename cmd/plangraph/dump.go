package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
	"github.com/peterbourgon/ff/v3/ffcli"

	"plangraph/schema"
)

func newDumpCmd(stdout, stderr io.Writer) *ffcli.Command {
	fs := newFlagSet("dump", stderr)
	spec := storeFlag(fs)
	format := fs.String("format", "nquads", "output format: nquads or jsonld")
	return &ffcli.Command{
		Name:       "dump",
		ShortUsage: "plangraph dump [--format nquads|jsonld] [--store SPEC]",
		ShortHelp:  "write every quad of the store to stdout, sorted",
		LongHelp: "dump writes the whole graph through the cayleygraph/quad writers. Quad labels carry\n" +
			"provenance: the measure that states a fact, the plan for its structure, the catalog\n" +
			"for entities.",
		FlagSet: fs,
		Options: envOptions(),
		Exec: func(ctx context.Context, args []string) error {
			if err := noArgs(args); err != nil {
				return err
			}
			w, err := quadWriter(*format, stdout)
			if err != nil {
				return err
			}
			return runDump(ctx, *spec, w)
		},
	}
}

// quadWriter returns the writer of a dump format.
func quadWriter(format string, out io.Writer) (quad.WriteCloser, error) {
	switch format {
	case "nquads", "nq":
		return nquads.NewWriter(out), nil
	case "jsonld", "json-ld":
		w := jsonld.NewWriter(out)
		w.SetLdContext(JSONLDContext())
		return w, nil
	}
	return nil, usagef("unknown format %q (want nquads or jsonld)", format)
}

// JSONLDContext maps the vocabularies plangraph uses to short prefixes.
func JSONLDContext() map[string]any {
	return map[string]any{
		"pg":      schema.NS,
		"pgid":    schema.NodeBase,
		"rdf":     schema.RDF,
		"rdfs":    schema.RDFS,
		"skos":    schema.SKOS,
		"dcterms": schema.DCTerms,
	}
}

func runDump(ctx context.Context, spec string, w quad.WriteCloser) error {
	st, err := openGraph(ctx, spec)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.Quads(ctx)
	if err != nil {
		return err
	}
	if _, err := w.WriteQuads(qs); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return nil
}

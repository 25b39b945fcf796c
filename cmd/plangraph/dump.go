package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/peterbourgon/ff/v3/ffcli"

	"plangraph/graph/analysis"
	"plangraph/graph/export"
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
			f, err := dumpFormat(*format)
			if err != nil {
				return err
			}
			return runDump(ctx, *spec, f, stdout)
		},
	}
}

// dumpFormat returns the export format of a dump format name.
func dumpFormat(name string) (export.Format, error) {
	switch name {
	case "nq":
		name = "nquads"
	case "json-ld":
		name = "jsonld"
	}
	if name != "nquads" && name != "jsonld" {
		return export.Format{}, usagef("unknown format %q (want nquads or jsonld)", name)
	}
	f, _ := export.Lookup(name)
	return f, nil
}

// runDump writes the whole graph: the export of no seeds, so that dump and
// `export --format nquads` give the same bytes.
func runDump(ctx context.Context, spec string, f export.Format, w io.Writer) error {
	st, err := openGraph(ctx, spec)
	if err != nil {
		return err
	}
	defer st.Close()
	bw := bufio.NewWriter(w)
	if _, err := export.Run(ctx, st, analysis.New(st), export.Selection{}, f, bw); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return nil
}

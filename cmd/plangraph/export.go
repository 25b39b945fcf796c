package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"

	"github.com/peterbourgon/ff/v3/ffcli"

	"plangraph/graph/analysis"
	"plangraph/graph/export"
)

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return fmt.Sprint([]string(*l)) }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func newExportCmd(stdout, stderr io.Writer) *ffcli.Command {
	fs := newFlagSet("export", stderr)
	spec := storeFlag(fs)
	var seeds, preds, kinds listFlag
	fs.Var(&seeds, "seed", "start node id (repeat for more; none: the whole graph)")
	fs.Var(&preds, "predicate", "only edges of this kind: MENTIONS, ALIGNS_WITH, PART_OF … (repeatable)")
	fs.Var(&kinds, "kind", "only nodes of this kind: COUNTRY, MEASURE … (repeatable)")
	depth := fs.Int("depth", export.DefaultDepth, "edges around each seed (0 to 3)")
	limit := fs.Int("limit", export.DefaultLimit, "most nodes around each seed")
	format := fs.String("format", "graphml", "graphml, gexf, cyjs, dot, csv (a zip), nquads or jsonld")
	out := fs.String("o", "", "write to this file instead of standard output")
	return &ffcli.Command{
		Name:       "export",
		ShortUsage: "plangraph export [--store SPEC] [--seed ID …] [--depth N] [--format F] [-o FILE]",
		ShortHelp:  "write a subgraph (or the whole graph) for Gephi, Cytoscape, Graphviz or RDF tools",
		LongHelp: "export writes the neighborhoods of the seeds (the whole graph without seeds) in a format\n" +
			"graph tools read. The bytes are the same as GET /export and the GraphQL export field give\n" +
			"for the same selection.",
		FlagSet: fs,
		Options: envOptions(),
		Exec: func(ctx context.Context, args []string) error {
			if err := noArgs(args); err != nil {
				return err
			}
			v := url.Values{"seed": seeds, "predicate": preds, "kind": kinds}
			v.Set("depth", strconv.Itoa(*depth))
			v.Set("limit", strconv.Itoa(*limit))
			v.Set("format", *format)
			sel, f, err := export.ParseQuery(v)
			if err != nil {
				return usagef("%v", err)
			}
			return runExport(ctx, *spec, sel, f, *out, stdout)
		},
	}
}

func runExport(ctx context.Context, spec string, sel export.Selection, f export.Format, out string, stdout io.Writer) error {
	st, err := openGraph(ctx, spec)
	if err != nil {
		return err
	}
	defer st.Close()
	w := stdout
	var file *os.File
	if out != "" {
		if file, err = os.Create(out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = file
	}
	bw := bufio.NewWriter(w)
	_, err = export.Run(ctx, st, analysis.New(st), sel, f, bw)
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out) // nothing half-written
		}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

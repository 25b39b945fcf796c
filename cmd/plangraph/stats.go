package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/peterbourgon/ff/v3/ffcli"

	"plangraph/schema"
)

func newStatsCmd(stdout, stderr io.Writer) *ffcli.Command {
	fs := newFlagSet("stats", stderr)
	spec := storeFlag(fs)
	return &ffcli.Command{
		Name:       "stats",
		ShortUsage: "plangraph stats [--store SPEC]",
		ShortHelp:  "count the quads, nodes by kind and edges by predicate in the store",
		FlagSet:    fs,
		Options:    envOptions(),
		Exec: func(ctx context.Context, args []string) error {
			if err := noArgs(args); err != nil {
				return err
			}
			return runStats(ctx, *spec, stdout)
		},
	}
}

func runStats(ctx context.Context, spec string, stdout io.Writer) error {
	st, err := openGraph(ctx, spec)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "store\t%s\n", spec)
	fmt.Fprintf(tw, "quads\t%d\n", s.Quads)
	fmt.Fprintln(tw, "\nnodes by kind")
	for _, k := range append([]schema.Kind{schema.KindPlan, schema.KindSection, schema.KindMeasure, schema.KindMention}, schema.EntityKinds...) {
		fmt.Fprintf(tw, "  %s\t%d\n", k, s.Nodes[k])
	}
	fmt.Fprintln(tw, "\nedges by predicate")
	counts := map[string]int{}
	for p, n := range s.Predicates {
		if iri, ok := schema.RelationByName(p); ok {
			p = string(iri)
		}
		counts[shortPredicate(p)] = n
	}
	names := make([]string, 0, len(counts))
	for p := range counts {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		fmt.Fprintf(tw, "  %s\t%d\n", p, counts[p])
	}
	return tw.Flush()
}

// shortPredicate writes a predicate IRI with its vocabulary's prefix.
func shortPredicate(p string) string {
	for _, ns := range []struct{ prefix, iri string }{
		{"pg:", schema.NS}, {"rdf:", schema.RDF}, {"rdfs:", schema.RDFS}, {"skos:", schema.SKOS}, {"dcterms:", schema.DCTerms},
	} {
		if strings.HasPrefix(p, ns.iri) {
			return ns.prefix + p[len(ns.iri):]
		}
	}
	return p
}

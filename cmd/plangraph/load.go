package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/peterbourgon/ff/v3/ffcli"

	"plangraph/data"
	"plangraph/graph/store"
	"plangraph/loader"
	"plangraph/schema"
)

// loadConfig holds the load subcommand's settings.
type loadConfig struct {
	store, plan, catalog, slug, title string
	verbose                           bool
}

func newLoadCmd(stdout, stderr io.Writer) *ffcli.Command {
	fs := newFlagSet("load", stderr)
	var c loadConfig
	fs.StringVar(&c.store, "store", defaultStore, "graph store: bolt:PATH, memory, or postgres:URL")
	fs.StringVar(&c.plan, "plan", "", "plan text to load (default: the embedded LMC plan 2023-2027)")
	fs.StringVar(&c.catalog, "catalog", "", "entity catalog YAML (default: the embedded catalog)")
	fs.StringVar(&c.slug, "slug", "", "plan id slug, plan:SLUG (default: from the plan file name)")
	fs.StringVar(&c.title, "title", "", "plan title (default: the text's own title line)")
	fs.BoolVar(&c.verbose, "v", false, "also print every section, measure, mention, relation and repair")
	return &ffcli.Command{
		Name:       "load",
		ShortUsage: "plangraph load [--plan FILE] [--catalog FILE] [--store SPEC] [-v]",
		ShortHelp:  "load a plan into the store, replacing the graph atomically",
		LongHelp: "load cleans the plan text, finds its sections and measures, links catalog entities,\n" +
			"derives relations and writes the graph into the store in one transaction: readers see\n" +
			"the old graph or the new one. It prints what it found.",
		FlagSet: fs,
		Options: envOptions(),
		Exec: func(ctx context.Context, args []string) error {
			if err := noArgs(args); err != nil {
				return err
			}
			return runLoad(ctx, c, stdout)
		},
	}
}

// readInputs returns the plan and catalog the flags name, or the embedded ones.
func readInputs(c loadConfig) (loader.Plan, *loader.Catalog, error) {
	catalogBytes, catalogName := data.Catalog(), data.CatalogFile
	if c.catalog != "" {
		b, err := os.ReadFile(c.catalog)
		if err != nil {
			return loader.Plan{}, nil, fmt.Errorf("read catalog: %w", err)
		}
		catalogBytes, catalogName = b, c.catalog
	}
	cat, err := loader.ParseCatalog(bytes.NewReader(catalogBytes), catalogName)
	if err != nil {
		return loader.Plan{}, nil, err
	}
	def := data.Plans()[0]
	p := loader.Plan{Slug: def.Slug, ZH: def.ZH, EN: def.EN, Source: def.File, Text: def.Text}
	if c.plan != "" {
		b, err := os.ReadFile(c.plan)
		if err != nil {
			return loader.Plan{}, nil, fmt.Errorf("read plan: %w", err)
		}
		slug := c.slug
		if slug == "" {
			slug = slugOf(c.plan)
		}
		p = loader.Plan{Slug: slug, Source: c.plan, Text: string(b)}
	}
	if c.slug != "" {
		p.Slug = c.slug
	}
	if c.title != "" {
		p.ZH = c.title
	}
	return p, cat, nil
}

// slugOf makes a plan slug from a file name: "plans/lmc-2018.zh.txt" → "lmc-2018".
func slugOf(path string) string {
	base := filepath.Base(path)
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

func runLoad(ctx context.Context, c loadConfig, stdout io.Writer) error {
	p, cat, err := readInputs(c)
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := loader.Load(p, cat)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, c.store)
	if err != nil {
		return err
	}
	defer st.Close()
	rs, err := st.Replace(ctx, res.Quads)
	if err != nil {
		return fmt.Errorf("load %s into %s: %w", p.Source, c.store, err)
	}
	if c.verbose {
		if err := res.WriteText(stdout); err != nil {
			return err
		}
		fmt.Fprintln(stdout)
	}
	n := res.Counts(cat)
	fmt.Fprintf(stdout, "loaded %s from %s into %s in %s (+%d -%d quads, %d in all)\n",
		schema.PlanID(p.Slug), p.Source, c.store, time.Since(start).Round(time.Millisecond), rs.Added, rs.Removed, rs.Total)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "sections\t%d\n", n.Sections)
	fmt.Fprintf(tw, "measures\t%d\n", n.Measures)
	fmt.Fprintf(tw, "entities\t%d\t%s\n", sum(kindCounts(n.Entities)), breakdown(kindCounts(n.Entities)))
	fmt.Fprintf(tw, "mentions\t%d\n", n.Mentions)
	fmt.Fprintf(tw, "relations\t%d\t%s\n", n.Relations, breakdown(n.RelationsBy))
	fmt.Fprintf(tw, "repairs\t%d\t%s\n", n.Repairs, breakdown(n.RepairsBy))
	for _, w := range res.Warnings {
		fmt.Fprintf(tw, "warning\t%s\n", w)
	}
	return tw.Flush()
}

func kindCounts(m map[schema.Kind]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// breakdown prints "a 1, b 2" sorted by name.
func breakdown(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

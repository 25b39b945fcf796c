package loader

import (
	"fmt"
	"io"
	"sort"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Counts summarises a load.
type Counts struct {
	Sections, Measures, Mentions, Relations, Repairs, Quads int
	// Entities by kind (catalog entities).
	Entities map[schema.Kind]int
	// RelationsBy counts relations by predicate short name.
	RelationsBy map[string]int
	// RepairsBy counts repairs by kind.
	RepairsBy map[string]int
}

// Counts returns the load's counts for c's catalog.
func (r *Result) Counts(c *Catalog) Counts {
	n := Counts{Entities: map[schema.Kind]int{}, RelationsBy: map[string]int{}, RepairsBy: map[string]int{},
		Sections: len(r.Sections), Repairs: len(r.Cleaned.Repairs), Quads: len(r.Quads)}
	for _, e := range c.Entities {
		n.Entities[e.Kind]++
	}
	for _, s := range r.Sections {
		n.Measures += len(s.Measures)
		for _, m := range s.Measures {
			n.Mentions += len(m.Mentions)
			for _, rel := range m.Relations {
				n.Relations++
				n.RelationsBy[schema.RelationName(rel.Predicate)]++
			}
		}
	}
	n.RelationsBy["memberOf"] = 0
	for _, e := range c.Entities {
		n.RelationsBy["memberOf"] += len(e.Members)
	}
	n.Relations += n.RelationsBy["memberOf"]
	if n.RelationsBy["memberOf"] == 0 {
		delete(n.RelationsBy, "memberOf")
	}
	for _, rp := range r.Cleaned.Repairs {
		n.RepairsBy[rp.Kind]++
	}
	return n
}

// WriteText writes the load as readable text: repairs, then every section
// with its measures, their mentions and relations. The golden tests compare
// it; people read it with `plangraph load -v`.
func (r *Result) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("plan %s: %s\n", schema.PlanID(r.Plan.Slug), r.Title)
	ew.printf("\nrepairs (%d):\n", len(r.Cleaned.Repairs))
	for _, rp := range r.Cleaned.Repairs {
		ew.printf("  line %d offset %d %s %q -> %q\n", rp.Line, rp.Offset, rp.Kind, rp.Before, rp.After)
	}
	for _, wn := range r.Warnings {
		ew.printf("warning: %s\n", wn)
	}
	for _, s := range r.Sections {
		ew.printf("\n§ %s %s [%d,%d)", s.Number, s.Title, s.TitleStart, s.TitleEnd)
		if s.Parent != "" {
			ew.printf(" parent=%s", s.Parent)
		}
		for _, p := range s.Pillars {
			ew.printf(" pillar=%s", p)
		}
		for _, a := range s.PriorityAreas {
			ew.printf(" area=%s", a)
		}
		if s.Truncated {
			ew.printf(" truncated")
		}
		ew.printf("\n")
		for _, m := range s.Measures {
			ew.printf("  %s/%d [%d,%d) %s %s", s.Number, m.Order, m.Start, m.End, m.Commitment, orDash(m.Action))
			if m.Truncated {
				ew.printf(" truncated")
			}
			ew.printf("\n    %s\n", m.Text)
			for _, mn := range m.Mentions {
				ew.printf("    @ %s %q [%d,%d)\n", mn.EntityID, mn.Surface, mn.Start, mn.End)
			}
			rels := append([]Relation(nil), m.Relations...)
			sort.SliceStable(rels, func(i, j int) bool { return relString(rels[i]) < relString(rels[j]) })
			for _, rel := range rels {
				ew.printf("    => %s   (%s)\n", relString(rel), rel.Cue)
			}
		}
	}
	return ew.err
}

func relString(r Relation) string {
	o := r.Object
	if o == "" {
		o = quad.StringOf(r.Literal)
	}
	return fmt.Sprintf("%s %s %s", r.Subject, schema.RelationName(r.Predicate), o)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

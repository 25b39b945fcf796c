package loader

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Plan is a plan text to load and what to call it.
type Plan struct {
	// Slug names the plan in ids: plan:SLUG, section:SLUG/4.2.1.
	Slug string
	// ZH and EN are the plan's titles; ZH defaults to the text's own title
	// (the line before the first heading).
	ZH, EN string
	// Source names the text in errors ("data/lmc-plan-2023-2027.zh.scraped.txt").
	Source string
	// Text is the plan as read, scraped or clean.
	Text string
}

// Result is a loaded plan: its structure, the quads that store it, and what
// the loader repaired or guessed.
type Result struct {
	Plan     Plan
	Cleaned  Cleaned
	Title    string
	Sections []Section
	// Quads of the plan and the catalog, sorted.
	Quads []quad.Quad
	// Warnings name what the loader had to guess.
	Warnings []string
}

// ErrNoHeadings is returned for a text without a single numbered heading.
var ErrNoHeadings = errors.New("loader: no numbered heading (一、 …) found")

// Load turns a plan text into sections, measures, mentions, relations and
// quads, linking entities from the catalog. It does no I/O.
func Load(p Plan, c *Catalog) (*Result, error) {
	if p.Slug == "" {
		return nil, fmt.Errorf("load %s: plan has no slug", p.Source)
	}
	if strings.TrimSpace(p.Text) == "" {
		return nil, fmt.Errorf("load %s: empty plan text", p.Source)
	}
	r := &Result{Plan: p, Cleaned: Clean(p.Text)}
	rs := []rune(r.Cleaned.Text)
	fs := foldRunes(rs)
	preamble, sections, warnings := parseSections(r.Cleaned.Text, r.Cleaned.Paged)
	if len(sections) == 0 {
		return nil, fmt.Errorf("load %s: %w", p.Source, ErrNoHeadings)
	}
	r.Warnings = warnings
	r.Title = p.ZH
	if r.Title == "" {
		r.Title = preamble
	}
	linker := NewLinker(c)
	planID := schema.PlanID(p.Slug)
	endsCut := !strings.ContainsRune(sentenceEnds, rs[len(rs)-1])
	for i := range sections {
		s := &sections[i]
		for _, mn := range linker.link(rs, fs, span{start: s.TitleStart, end: s.TitleEnd, heading: true}) {
			e, _ := c.Entity(mn.EntityID)
			switch e.Kind {
			case schema.KindPillar:
				s.Pillars = appendNew(s.Pillars, e.ID)
			case schema.KindPriorityArea:
				s.PriorityAreas = appendNew(s.PriorityAreas, e.ID)
			}
		}
		s.Measures = splitMeasures(rs, s.BodyStart, s.BodyEnd)
		for j := range s.Measures {
			m := &s.Measures[j]
			classify(m)
			m.Mentions = linker.link(rs, fs, span{start: m.Start, end: m.End})
			m.Relations = relate(m, planID)
		}
		if i == len(sections)-1 && endsCut && len(s.Measures) > 0 && s.Measures[len(s.Measures)-1].End == len(rs) {
			s.Truncated = true
			s.Measures[len(s.Measures)-1].Truncated = true
		}
	}
	r.Sections = sections
	var b quadBuilder
	b.addCatalog(c)
	b.addPlan(r)
	r.Quads = b.quads
	SortQuads(r.Quads)
	return r, nil
}

func appendNew(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

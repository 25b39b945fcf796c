package synth

import (
	"bytes"
	"fmt"
	"slices"
	"sync"

	"plangraph/data"
	"plangraph/loader"
	"plangraph/schema"
)

// Profile is what the generator learns from the seed plan: its outline,
// its measures as templates with their mention slots, and how often each
// entity is named.
type Profile struct {
	// Catalog is the real catalog; CatalogYAML its file.
	Catalog     *loader.Catalog
	CatalogYAML []byte
	// Sections are the seed's sections in reading order.
	Sections []TemplateSection
	// Measures, Mentions and Relations count the seed's (the truncated last
	// measure included).
	Measures, Mentions, Relations int
	// Slots counts the substitutable mentions (see Slot.Fixed), Singletons
	// those of entities named once that way.
	Slots, Singletons int
	// Counts are, per kind, how many substitutable mentions name each
	// entity.
	Counts map[schema.Kind]map[string]int
}

// TemplateSection is a seed section.
type TemplateSection struct {
	Number, Title string
	// Measures are the section's complete sentences (a truncated one is
	// left out); Size counts them with it.
	Measures []Template
	Size     int
}

// Template is a seed measure: its text and where it names entities.
type Template struct {
	// ID is the seed measure's id.
	ID   string
	Text []rune
	// Slots are its mentions, in text order.
	Slots []Slot
	// Relations counts the relations the seed states in it.
	Relations int
}

// Slot is a mention in a template.
type Slot struct {
	// Start and End are rune offsets in Template.Text.
	Start, End int
	Entity     string
	Kind       schema.Kind
	// Fixed is set when the mention stays as it is: an everyday word that
	// links by its context (六国, 互联互通), or a pillar or priority area.
	Fixed bool
}

// substitutable are the kinds whose mentions the generator redraws.
var substitutable = []schema.Kind{schema.KindCountry, schema.KindCountryGroup,
	schema.KindMechanism, schema.KindInitiative, schema.KindOrganization}

var seedProfile = sync.OnceValues(func() (*Profile, error) {
	c, err := loader.ParseCatalog(bytes.NewReader(data.Catalog()), data.CatalogFile)
	if err != nil {
		return nil, fmt.Errorf("synth: seed catalog: %w", err)
	}
	p := data.Plans()[0]
	r, err := loader.Load(loader.Plan{Slug: p.Slug, ZH: p.ZH, EN: p.EN, Source: p.File, Text: p.Text}, c)
	if err != nil {
		return nil, fmt.Errorf("synth: seed plan: %w", err)
	}
	return newProfile(r, c, data.Catalog())
})

// SeedProfile returns the profile of the embedded seed plan.
func SeedProfile() (*Profile, error) { return seedProfile() }

func newProfile(r *loader.Result, c *loader.Catalog, yaml []byte) (*Profile, error) {
	pr := &Profile{Catalog: c, CatalogYAML: yaml, Counts: map[schema.Kind]map[string]int{}}
	for _, s := range r.Sections {
		ts := TemplateSection{Number: s.Number, Title: s.Title, Size: len(s.Measures)}
		for _, m := range s.Measures {
			pr.Measures++
			pr.Mentions += len(m.Mentions)
			pr.Relations += len(m.Relations)
			if m.Truncated {
				continue
			}
			t := Template{ID: schema.MeasureID(r.Plan.Slug, s.Number, m.Order), Text: []rune(m.Text), Relations: len(m.Relations)}
			for _, mn := range m.Mentions {
				e, ok := c.Entity(mn.EntityID)
				if !ok {
					return nil, fmt.Errorf("synth: seed mention of unknown entity %s", mn.EntityID)
				}
				sl := Slot{Start: mn.Start - m.Start, End: mn.End - m.Start, Entity: e.ID, Kind: e.Kind}
				sl.Fixed = !slices.Contains(substitutable, e.Kind) || aliasGeneric(e, mn.Alias)
				if !sl.Fixed {
					if pr.Counts[e.Kind] == nil {
						pr.Counts[e.Kind] = map[string]int{}
					}
					pr.Counts[e.Kind][e.ID]++
					pr.Slots++
				}
				t.Slots = append(t.Slots, sl)
			}
			ts.Measures = append(ts.Measures, t)
		}
		pr.Sections = append(pr.Sections, ts)
	}
	for _, byEntity := range pr.Counts {
		for _, n := range byEntity {
			if n == 1 {
				pr.Singletons++
			}
		}
	}
	return pr, nil
}

func aliasGeneric(e *loader.Entity, alias string) bool {
	for _, a := range e.Aliases {
		if a.Text == alias {
			return a.Generic
		}
	}
	return false
}

// section returns the seed section numbered n.
func (p *Profile) section(n string) *TemplateSection {
	for i := range p.Sections {
		if p.Sections[i].Number == n {
			return &p.Sections[i]
		}
	}
	panic("synth: seed has no section " + n)
}

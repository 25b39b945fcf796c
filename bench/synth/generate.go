package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"plangraph/loader"
	"plangraph/schema"
)

// MaxScale is the largest scale the generator has names for.
const MaxScale = 1000

// Mix is the share of a unit's measure slots swapped with another slot of
// the unit, so sections borrow sentences from elsewhere in the plan.
const Mix = 0.25

// Synthetic is a generated plan, its catalog, and what the generator put
// into it.
type Synthetic struct {
	Plan    loader.Plan
	Catalog *loader.Catalog
	// CatalogYAML is the catalog as a file: the real one plus the
	// synthetic entities.
	CatalogYAML []byte
	// Synthetic counts the entities added to the real catalog.
	Synthetic int
	// Sections are the headings written, in reading order.
	Sections []string
	// Measures are the sentences written, in reading order.
	Measures []Measure
}

// Measure is one generated sentence.
type Measure struct {
	// ID is the id the loader gives it.
	ID string
	// Template is the seed measure it was made from.
	Template string
	// Entities are the entities its names stand for, in text order: the
	// mentions the loader should find.
	Entities []string
	// Relations counts the relations of the template.
	Relations int
}

// Generate returns a synthetic plan about scale times the size of the seed
// and a catalog that names its entities. The same seed and scale give the
// same text and catalog, byte for byte.
func Generate(seed uint64, scale int) (loader.Plan, *loader.Catalog, error) {
	s, err := Build(seed, scale)
	if err != nil {
		return loader.Plan{}, nil, err
	}
	return s.Plan, s.Catalog, nil
}

// Build generates a synthetic plan (see the package doc) and reports what
// it wrote.
func Build(seed uint64, scale int) (*Synthetic, error) {
	if scale < 1 || scale > MaxScale {
		return nil, fmt.Errorf("synth: scale %d is not between 1 and %d", scale, MaxScale)
	}
	pr, err := SeedProfile()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, uint64(scale)))
	es, err := synthEntities(rng, pr.Catalog, scale)
	if err != nil {
		return nil, err
	}
	out := &Synthetic{Synthetic: len(es), CatalogYAML: catalogYAML(pr.CatalogYAML, es)}
	out.Catalog, err = loader.ParseCatalog(bytes.NewReader(out.CatalogYAML), "synthetic catalog")
	if err != nil {
		return nil, fmt.Errorf("synth: catalog: %w", err)
	}
	slug := fmt.Sprintf("synth-x%d", scale)
	out.Plan = loader.Plan{
		Slug:   slug,
		ZH:     fmt.Sprintf("澜湄合作合成行动计划（种子%d，%d倍）", seed, scale),
		EN:     fmt.Sprintf("Synthetic Lancang-Mekong plan of action (seed %d, %d×)", seed, scale),
		Source: fmt.Sprintf("synth:%d:%d", seed, scale),
	}
	secs := outline(pr, scale)
	fill(rng, secs)
	d := newDrawer(pr, out.Catalog)
	var b strings.Builder
	b.WriteString(out.Plan.ZH)
	b.WriteByte('\n')
	for _, s := range secs {
		out.Sections = append(out.Sections, s.number)
		b.WriteString(s.heading)
		b.WriteByte('\n')
		if len(s.measures) == 0 {
			continue
		}
		for k, t := range s.measures {
			text, ents := d.instantiate(rng, t)
			b.WriteString(text)
			b.WriteString("。")
			out.Measures = append(out.Measures, Measure{ID: schema.MeasureID(slug, s.number, k+1),
				Template: t.ID, Entities: ents, Relations: t.Relations})
		}
		b.WriteByte('\n')
	}
	out.Plan.Text = b.String()
	return out, nil
}

// section is a heading to write and the templates of its measures.
type section struct {
	number, heading string
	tmpl            *TemplateSection
	unit            int
	measures        []*Template
}

// chapterNumerals are the labels of top-level headings.
var chapterNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"}

// outline lays out the sections of a plan scale times the seed, in
// reading order. The seed's chapters stay; a chapter without subsections
// (一、发展目标) gains scale−1 of them (1.1 发展目标（续1）…), each like the
// chapter; a chapter with subsections (四、务实合作) repeats them scale
// times (4.1 … 4.2 …, then 4.3 … 4.4 …), numbered on. Unit u is the u-th
// copy of everything, so every unit holds as many measures as the seed.
// Priority-area headings (4.2.1 互联互通) rotate through the catalog's
// areas from one unit to the next.
func outline(pr *Profile, scale int) []*section {
	areas, areaIndex := areaHeadings(pr.Catalog)
	var out []*section
	var chapters []int
	for i, t := range pr.Sections {
		if !strings.Contains(t.Number, ".") {
			chapters = append(chapters, i)
		}
	}
	for ci, i := range chapters {
		ch := &pr.Sections[i]
		end := len(pr.Sections)
		if ci+1 < len(chapters) {
			end = chapters[ci+1]
		}
		out = append(out, &section{number: ch.Number, heading: chapterNumerals[ci] + "、" + ch.Title, tmpl: ch, unit: 0})
		subs := pr.Sections[i+1 : end]
		if len(subs) == 0 {
			for u := 1; u < scale; u++ {
				n := ch.Number + "." + strconv.Itoa(u)
				out = append(out, &section{number: n, heading: n + " " + fmt.Sprintf("%s（续%d）", ch.Title, u), tmpl: ch, unit: u})
			}
			continue
		}
		// The second-level children of the chapter: 4.1, 4.2 → per unit.
		width := 0
		areaSections := 0
		for _, t := range subs {
			parts := strings.Split(t.Number, ".")
			w, _ := strconv.Atoi(parts[1])
			width = max(width, w)
			if _, ok := areaIndex[t.Title]; ok {
				areaSections++
			}
		}
		for u := range scale {
			for k := range subs {
				t := &subs[k]
				parts := strings.Split(t.Number, ".")
				w, _ := strconv.Atoi(parts[1])
				parts[1] = strconv.Itoa(width*u + w)
				n := strings.Join(parts, ".")
				title := t.Title
				if a, ok := areaIndex[title]; ok && u > 0 {
					title = areas[(a+u*areaSections)%len(areas)]
				}
				out = append(out, &section{number: n, heading: n + " " + title, tmpl: t, unit: u})
			}
		}
	}
	return out
}

// areaHeadings returns the names that link priority areas as whole
// headings, in catalog order, and each one's index.
func areaHeadings(c *loader.Catalog) ([]string, map[string]int) {
	var names []string
	idx := map[string]int{}
	for _, e := range c.Entities {
		if e.Kind != schema.KindPriorityArea {
			continue
		}
		for _, a := range e.Aliases {
			if a.Heading && a.Lang == "zh" {
				idx[a.Text] = len(names)
				names = append(names, a.Text)
				break
			}
		}
	}
	return names, idx
}

// fill gives every section as many measures as its seed section has: the
// seed section's sentences (a truncated one replaced by another of the
// section), swapped across the unit at rate Mix, then shuffled.
func fill(rng *rand.Rand, secs []*section) {
	type slot struct{ s, k int }
	units := map[int][]slot{}
	var order []int
	for i, s := range secs {
		if s.tmpl.Size == 0 {
			continue
		}
		s.measures = make([]*Template, s.tmpl.Size)
		for k := range s.measures {
			if k < len(s.tmpl.Measures) {
				s.measures[k] = &s.tmpl.Measures[k]
			} else {
				s.measures[k] = &s.tmpl.Measures[rng.IntN(len(s.tmpl.Measures))]
			}
			if _, ok := units[s.unit]; !ok {
				order = append(order, s.unit)
			}
			units[s.unit] = append(units[s.unit], slot{i, k})
		}
	}
	slices.Sort(order)
	for _, u := range order {
		sl := units[u]
		swaps := int(Mix*float64(len(sl)) + 0.5)
		for range swaps {
			a, b := sl[rng.IntN(len(sl))], sl[rng.IntN(len(sl))]
			secs[a.s].measures[a.k], secs[b.s].measures[b.k] = secs[b.s].measures[b.k], secs[a.s].measures[a.k]
		}
	}
	for _, s := range secs {
		rng.Shuffle(len(s.measures), func(i, j int) { s.measures[i], s.measures[j] = s.measures[j], s.measures[i] })
	}
}

// drawer draws the entity a mention slot names: per kind, a Pitman–Yor
// process with discount ½ and concentration 0, started from the seed's
// counts. An entity named c times so far is drawn with weight c−½, an
// entity not named yet with weight ½·K (K: the entities of the kind named
// so far), so the distinct entities named grow like the square root of
// the mentions (Heaps' law, exponent ½) while the seed's hubs keep their
// share.
type drawer struct {
	kinds map[schema.Kind]*restaurant
	// names are the plain names of each entity to write.
	names map[string][]string
}

// restaurant is the state of one kind's process.
type restaurant struct {
	// named are the entities named so far and how often; n their sum.
	named []table
	n     int
	// unnamed are the entities of the kind with a name to write that are
	// not named yet: the catalog's and the synthetic ones.
	unnamed []string
}

type table struct {
	id    string
	count int
}

func newDrawer(pr *Profile, c *loader.Catalog) *drawer {
	d := &drawer{kinds: map[schema.Kind]*restaurant{}, names: map[string][]string{}}
	for _, k := range substitutable {
		d.kinds[k] = &restaurant{}
	}
	for _, e := range c.Entities {
		for _, a := range e.Aliases {
			// Plain Simplified names only: no everyday word with a
			// context rule, no scraped spelling the cleaner would repair.
			if a.Generic || a.Lang != "zh" || len(loader.Clean(a.Text).Repairs) > 0 {
				continue
			}
			d.names[e.ID] = append(d.names[e.ID], a.Text)
		}
		r := d.kinds[e.Kind]
		if r == nil || len(d.names[e.ID]) == 0 {
			continue
		}
		if n := pr.Counts[e.Kind][e.ID]; n > 0 {
			r.named = append(r.named, table{e.ID, n})
			r.n += n
		} else {
			r.unnamed = append(r.unnamed, e.ID)
		}
	}
	return d
}

// draw picks an entity of kind k and counts the mention.
func (d *drawer) draw(rng *rand.Rand, k schema.Kind) string {
	r := d.kinds[k]
	// Weights doubled: 2c−1 for a named entity, K for a new one; they
	// sum to 2n.
	K := len(r.named)
	x := rng.IntN(max(2*r.n, 1))
	if (x < K || K == 0) && len(r.unnamed) > 0 {
		i := rng.IntN(len(r.unnamed))
		id := r.unnamed[i]
		r.unnamed[i] = r.unnamed[len(r.unnamed)-1]
		r.unnamed = r.unnamed[:len(r.unnamed)-1]
		r.named = append(r.named, table{id, 1})
		r.n++
		return id
	}
	if x < K { // no entity left to name first: draw among the named
		x = K + rng.IntN(2*r.n-K)
	}
	x -= K
	for i := range r.named {
		if x -= 2*r.named[i].count - 1; x < 0 {
			r.named[i].count++
			r.n++
			return r.named[i].id
		}
	}
	panic("synth: draw out of range")
}

// instantiate writes template t with its substitutable mentions redrawn:
// the same seed entity gets the same new one within the sentence, an
// entity drawn again keeps the seed's spelling, another one is written by
// one of its names. It returns the text and the entities named.
func (d *drawer) instantiate(rng *rand.Rand, t *Template) (string, []string) {
	var b strings.Builder
	ents := make([]string, 0, len(t.Slots))
	same := map[string]string{}
	at := 0
	for _, sl := range t.Slots {
		b.WriteString(string(t.Text[at:sl.Start]))
		at = sl.End
		surface := string(t.Text[sl.Start:sl.End])
		if sl.Fixed {
			b.WriteString(surface)
			ents = append(ents, sl.Entity)
			continue
		}
		e, ok := same[sl.Entity]
		if !ok {
			e = d.draw(rng, sl.Kind)
			same[sl.Entity] = e
		}
		if e != sl.Entity {
			names := d.names[e]
			surface = names[rng.IntN(len(names))]
		}
		b.WriteString(surface)
		ents = append(ents, e)
	}
	b.WriteString(string(t.Text[at:]))
	return b.String(), ents
}

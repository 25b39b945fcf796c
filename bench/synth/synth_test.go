package synth

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"plangraph/loader"
	"plangraph/schema"
)

func TestDeterministic(t *testing.T) {
	a, err := Build(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	if a.Plan.Text != b.Plan.Text {
		t.Error("same seed and scale: plan texts differ")
	}
	if !bytes.Equal(a.CatalogYAML, b.CatalogYAML) {
		t.Error("same seed and scale: catalogs differ")
	}
	c, err := Build(8, 3)
	if err != nil {
		t.Fatal(err)
	}
	if a.Plan.Text == c.Plan.Text {
		t.Error("seeds 7 and 8 give the same plan text")
	}
	p, cat, err := Generate(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	if p != a.Plan || len(cat.Entities) != len(a.Catalog.Entities) {
		t.Error("Generate and Build disagree")
	}
}

func TestScaleOutOfRange(t *testing.T) {
	for _, s := range []int{0, -1, MaxScale + 1} {
		if _, _, err := Generate(1, s); err == nil {
			t.Errorf("Generate(1, %d): no error", s)
		}
	}
}

// TestLoad loads the synthetic plan with the real loader: the outline and
// the sentences are the ones written, every name inserted links, and
// mentions and relations per measure are close to the seed's.
func TestLoad(t *testing.T) {
	pr, err := SeedProfile()
	if err != nil {
		t.Fatal(err)
	}
	seedMentions := float64(pr.Mentions) / float64(pr.Measures)
	seedRelations := float64(pr.Relations) / float64(pr.Measures)
	for _, tc := range []struct {
		name        string
		seed        uint64
		scale       int
		synthetic   int // entities added to the catalog
		maxLevel    int // deepest heading
		mentionsTol float64
		relTol      float64
	}{
		{"x1", 1, 1, 0, 4, 0.05, 0.15},
		{"x3", 1, 3, 43, 4, 0.05, 0.15},
		{"x3-seed2", 2, 3, 43, 4, 0.05, 0.15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Build(tc.seed, tc.scale)
			if err != nil {
				t.Fatal(err)
			}
			r, err := loader.Load(s.Plan, s.Catalog)
			if err != nil {
				t.Fatal(err)
			}
			if s.Synthetic != tc.synthetic || len(s.Catalog.Entities) != len(pr.Catalog.Entities)+tc.synthetic {
				t.Errorf("catalog: %d synthetic entities, %d in all; want %d, %d",
					s.Synthetic, len(s.Catalog.Entities), tc.synthetic, len(pr.Catalog.Entities)+tc.synthetic)
			}
			if len(r.Cleaned.Repairs) > 0 || len(r.Warnings) > 0 {
				t.Errorf("clean text needed %d repairs, %d warnings (first: %v %v)", len(r.Cleaned.Repairs), len(r.Warnings),
					first(r.Cleaned.Repairs), first(r.Warnings))
			}

			// Outline: 14s+1 sections as written, nested like the seed.
			var numbers []string
			levels := map[int]int{}
			for _, sec := range r.Sections {
				numbers = append(numbers, sec.Number)
				levels[sec.Level()]++
			}
			if want := 14*tc.scale + 1; len(r.Sections) != want {
				t.Errorf("%d sections, want %d", len(r.Sections), want)
			}
			if !slices.Equal(numbers, s.Sections) {
				t.Errorf("sections parsed differ from those written:\n got %v\nwant %v", numbers, s.Sections)
			}
			for l := 1; l <= tc.maxLevel; l++ {
				if levels[l] == 0 {
					t.Errorf("no heading of level %d (levels %v)", l, levels)
				}
			}

			// Measures: 86s, each naming exactly the entities inserted.
			byID := map[string]Measure{}
			for _, m := range s.Measures {
				byID[m.ID] = m
			}
			measures, mentions, relations, inserted, wrong := 0, 0, 0, 0, 0
			cues := map[string]int{}
			for _, sec := range r.Sections {
				for _, m := range sec.Measures {
					measures++
					mentions += len(m.Mentions)
					relations += len(m.Relations)
					for _, rel := range m.Relations {
						cues[rel.Cue]++
					}
					id := schema.MeasureID(s.Plan.Slug, sec.Number, m.Order)
					var got []string
					for _, mn := range m.Mentions {
						got = append(got, mn.EntityID)
					}
					if want := byID[id].Entities; !slices.Equal(got, want) {
						wrong++
						if wrong <= 5 {
							t.Errorf("%s %q: linked %v, inserted %v", id, m.Text, got, want)
						}
					}
				}
			}
			for _, m := range s.Measures {
				inserted += len(m.Entities)
			}
			if want := pr.Measures * tc.scale; measures != want || len(s.Measures) != want {
				t.Errorf("%d measures parsed, %d written; want %d", measures, len(s.Measures), want)
			}
			if mentions != inserted {
				t.Errorf("%d mentions linked, %d names inserted", mentions, inserted)
			}
			n := float64(measures)
			if got := float64(mentions) / n; !near(got, seedMentions, tc.mentionsTol) {
				t.Errorf("mentions per measure %.3f, seed %.3f", got, seedMentions)
			}
			if got := float64(relations) / n; !near(got, seedRelations, tc.relTol) {
				t.Errorf("relations per measure %.3f, seed %.3f", got, seedRelations)
			}
			for _, cue := range []string{"与…互补互促", "与…相辅相成", "与…对接", "落实…", "每…召开/举行一次…", "通过…向…提交"} {
				if cues[cue] == 0 {
					t.Errorf("no relation with cue %s (cues %v)", cue, cues)
				}
			}
			t.Logf("%d sections, %d measures, %d mentions (%.2f/measure, seed %.2f), %d relations (%.2f/measure, seed %.2f), %d quads",
				len(r.Sections), measures, mentions, float64(mentions)/n, seedMentions, relations, float64(relations)/n, seedRelations, len(r.Quads))
		})
	}
}

// TestHeavyTail checks that the hubs of the seed stay the hubs and most
// entities are named rarely.
func TestHeavyTail(t *testing.T) {
	s, err := Build(1, 3)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, m := range s.Measures {
		for _, e := range m.Entities {
			counts[e]++
		}
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return counts[b] - counts[a] })
	if top := ids[0]; top != "group:lmc-members" && top != "mechanism:lmc" {
		t.Errorf("most named entity %s (%d), want group:lmc-members or mechanism:lmc", top, counts[top])
	}
	rare, synthetic := 0, 0
	for _, id := range ids {
		if counts[id] <= 2 {
			rare++
		}
		if strings.Contains(id, ":syn-") {
			synthetic++
		}
	}
	if rare*2 < len(ids) {
		t.Errorf("%d of %d entities named at most twice, want at least half", rare, len(ids))
	}
	if synthetic == 0 {
		t.Error("no synthetic entity is named")
	}
	top := ids[:5]
	t.Logf("%d entities named, %d at most twice, %d synthetic; top %v", len(ids), rare, synthetic,
		fmt.Sprint(func() []string {
			var out []string
			for _, id := range top {
				out = append(out, fmt.Sprintf("%s:%d", id, counts[id]))
			}
			return out
		}()))
}

func TestSyntheticCount(t *testing.T) {
	for _, tc := range []struct{ n, scale, want int }{
		{29, 1, 0}, {29, 4, 29}, {29, 100, 261}, {6, 100, 54},
	} {
		if got := SyntheticCount(tc.n, tc.scale); got != tc.want {
			t.Errorf("SyntheticCount(%d, %d) = %d, want %d", tc.n, tc.scale, got, tc.want)
		}
	}
}

func near(got, want, tol float64) bool {
	return got >= want*(1-tol) && got <= want*(1+tol)
}

func first[T any](l []T) any {
	if len(l) == 0 {
		return nil
	}
	return l[0]
}

package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"plangraph/graph/store"
	"plangraph/schema"
)

// Limits of a search query.
const (
	// MaxSearchText is the longest SearchQuery.Text, in runes.
	MaxSearchText = 500
	// MaxSearchFirst is the largest SearchQuery.First.
	MaxSearchFirst = 100
)

// Search finds entities and measures by text.
//
// The text and every name are compared folded: full-width ASCII as
// half-width, Latin letters in lower case, dashes as '-', and Traditional
// characters as their Simplified forms (the map is learnt from the
// catalog's zh-Hant aliases; see learnHant for how and for its limits).
// Leading and trailing spaces of the text are ignored.
//
// An entity matches when the text occurs in its zh name (field NAME), its
// en name (EN_NAME), one of its aliases, zh-Hant forms included (ALIAS),
// or its abbreviation (ABBREVIATION); a measure matches when the text
// occurs in its sentence (TEXT), which covers Chinese, where words are not
// separated by spaces. Each node is returned once, with its best match:
// Value is the whole name, alias or sentence as stored, and Start and End
// are the rune offsets of the first occurrence in it.
//
// Hits are ranked by
//
//	Score = base + match + field + coverage/20
//
// where base is 4 for an entity and 0 for a measure (entities always come
// first), match is 2 when the text is the whole value, 1 when the value
// starts with it and 0 when it occurs inside it, field is 0.3 for NAME,
// 0.2 for EN_NAME, 0.1 for ABBREVIATION and 0 for ALIAS and TEXT, and
// coverage is the text's share of the value's runes (so shorter values
// win ties). Equal scores are ordered by id. An entity scores in (4, 6.35],
// a measure in (0, 2.05].
//
// Kinds limits the hits to entity kinds and schema.KindMeasure; a kind
// Search cannot return, an empty text, a text longer than MaxSearchText
// runes or First outside 1..MaxSearchFirst is an error matching ErrInvalid. Entities
// are the nodes whose id has an entity kind's prefix; measures are those of
// every plan. Each search reads the names and sentences it needs in one
// Store.Scan (one index look-up per predicate), so a Replace between two
// searches is always seen.
func (a *Analyzer) Search(ctx context.Context, q SearchQuery) ([]SearchHit, error) {
	text := strings.TrimSpace(q.Text)
	entityKinds, measures, err := checkSearch(q, text)
	if err != nil {
		return nil, err
	}
	preds := []quad.IRI{schema.Label, schema.AltLabel, schema.Abbreviation}
	if measures {
		preds = append(preds, schema.Text)
	}
	edges, err := a.st.Scan(ctx, preds...)
	if err != nil {
		return nil, fmt.Errorf("analysis: search %q: %w", q.Text, err)
	}
	entities, texts := searchData(edges)
	forms := make([]textForms, len(entities))
	for i, e := range entities {
		forms[i] = e.forms
	}
	f := newTextFolder(learnHant(forms))
	needle := f.fold(text)

	var hits []searchCandidate
	for _, e := range entities {
		if !entityKinds[e.kind] {
			continue
		}
		var best searchCandidate
		found := false
		for _, v := range e.values {
			c, ok := searchMatch(f, needle, v.text)
			if !ok {
				continue
			}
			c.id, c.kind, c.field, c.entity = e.id, e.kind, v.field, true
			if !found || c.better(best) {
				best, found = c, true
			}
		}
		if found {
			hits = append(hits, best)
		}
	}
	for _, t := range texts {
		if c, ok := searchMatch(f, needle, t.text); ok {
			c.id, c.kind, c.field = t.id, schema.KindMeasure, FieldText
			hits = append(hits, c)
		}
	}
	slices.SortFunc(hits, func(a, b searchCandidate) int {
		if a.better(b) {
			return -1
		}
		if b.better(a) {
			return 1
		}
		return cmp.Compare(a.id, b.id)
	})
	if len(hits) > q.First {
		hits = hits[:q.First]
	}
	out := make([]SearchHit, len(hits))
	for i, h := range hits {
		out[i] = SearchHit{ID: h.id, Kind: h.kind, Field: h.field, Value: h.value,
			Start: h.start, End: h.end, Score: h.score()}
	}
	return out, nil
}

// checkSearch validates a query and returns the entity kinds it wants and
// whether it wants measures.
func checkSearch(q SearchQuery, text string) (map[schema.Kind]bool, bool, error) {
	switch {
	case text == "":
		return nil, false, fmt.Errorf("%w: search text is empty", ErrInvalid)
	case utf8.RuneCountInString(text) > MaxSearchText:
		return nil, false, fmt.Errorf("%w: search text is longer than %d characters", ErrInvalid, MaxSearchText)
	case q.First < 1 || q.First > MaxSearchFirst:
		return nil, false, fmt.Errorf("%w: first is %d, want 1 to %d", ErrInvalid, q.First, MaxSearchFirst)
	}
	kinds := make(map[schema.Kind]bool)
	measures := len(q.Kinds) == 0
	if len(q.Kinds) == 0 {
		for _, k := range schema.EntityKinds {
			kinds[k] = true
		}
	}
	for _, k := range q.Kinds {
		switch {
		case k == schema.KindMeasure:
			measures = true
		case k.IsEntity():
			kinds[k] = true
		default:
			return nil, false, fmt.Errorf("%w: search cannot return nodes of kind %q (entity kinds and Measure only)", ErrInvalid, k)
		}
	}
	return kinds, measures, nil
}

// searchFieldRank ranks the fields of a match: the better, the higher.
var searchFieldRank = map[string]int{FieldName: 3, FieldENName: 2, FieldAbbreviation: 1, FieldAlias: 0, FieldText: 0}

// searchCandidate is a match of the text in one value of one node.
type searchCandidate struct {
	id         string
	kind       schema.Kind
	entity     bool
	field      string
	value      string
	length     int // of value, in runes
	match      int // matchSubstring, matchPrefix, matchExact
	start, end int
}

// better reports whether c ranks before d, ignoring ids: entity before
// measure, then match kind, field, shorter value, and for two values of one
// entity the smaller string.
func (c searchCandidate) better(d searchCandidate) bool {
	if c.entity != d.entity {
		return c.entity
	}
	if c.match != d.match {
		return c.match > d.match
	}
	if r, s := searchFieldRank[c.field], searchFieldRank[d.field]; r != s {
		return r > s
	}
	if c.length != d.length {
		return c.length < d.length
	}
	return c.id == d.id && c.value < d.value
}

// score is the documented Score of a hit.
func (c searchCandidate) score() float64 {
	s := float64(c.match) + float64(searchFieldRank[c.field])/10 + float64(c.end-c.start)/float64(c.length)/20
	if c.entity {
		s += 4
	}
	return s
}

// searchMatch matches needle (folded) in value.
func searchMatch(f textFolder, needle, value string) (searchCandidate, bool) {
	folded := f.fold(value)
	start, end, kind, ok := textMatch(folded, needle)
	if !ok {
		return searchCandidate{}, false
	}
	return searchCandidate{value: value, length: utf8.RuneCountInString(value), match: kind, start: start, end: end}, true
}

// searchEntity is what Search compares of one entity.
type searchEntity struct {
	id     string
	kind   schema.Kind
	values []searchValue
	forms  textForms
}

type searchValue struct {
	field, text string
}

// searchText is a measure's sentence.
type searchText struct {
	id, text string
}

// searchData sorts scanned quads (in Store.Scan order) into entities and
// measure texts, each by id. Labels tagged zh are names, labels tagged en
// English names, other labels and every altLabel aliases; the altLabels
// tagged zh-Hant are the Traditional forms learnHant pairs with the zh
// name and the other Chinese (or untagged) aliases.
func searchData(edges []store.Edge) ([]searchEntity, []searchText) {
	byID := make(map[string]*searchEntity)
	var ids []string
	var texts []searchText
	names := make(map[string]string)
	simplified := make(map[string][]string)
	for _, e := range edges {
		kind, _ := schema.KindOfID(e.Subject)
		text, lang, ok := searchLiteral(e.Object)
		if !ok || text == "" {
			continue
		}
		if e.Predicate == schema.Text {
			if kind == schema.KindMeasure {
				texts = append(texts, searchText{id: e.Subject, text: text})
			}
			continue
		}
		if !kind.IsEntity() {
			continue
		}
		se := byID[e.Subject]
		if se == nil {
			se = &searchEntity{id: e.Subject, kind: kind}
			byID[e.Subject] = se
			ids = append(ids, e.Subject)
		}
		field := FieldAlias
		switch {
		case e.Predicate == schema.Abbreviation:
			field = FieldAbbreviation
		case e.Predicate == schema.Label && lang == "zh":
			field = FieldName
			if n, seen := names[e.Subject]; !seen || text < n {
				names[e.Subject] = text
			}
		case e.Predicate == schema.Label && lang == "en":
			field = FieldENName
		case e.Predicate == schema.AltLabel && isHantTag(lang):
			se.forms.hant = append(se.forms.hant, text)
		case e.Predicate == schema.AltLabel && (lang == "" || lang == "zh" || strings.HasPrefix(lang, "zh-")):
			simplified[e.Subject] = append(simplified[e.Subject], text)
		}
		se.values = append(se.values, searchValue{field: field, text: text})
	}
	slices.Sort(ids)
	out := make([]searchEntity, len(ids))
	for i, id := range ids {
		se := byID[id]
		se.forms.simplified = sortedForms(names[id], simplified[id])
		se.forms.hant = sortedForms("", se.forms.hant)
		out[i] = *se
	}
	return out, texts
}

// searchLiteral returns the text and language tag of a literal.
func searchLiteral(v quad.Value) (text, lang string, ok bool) {
	switch v := v.(type) {
	case quad.String:
		return string(v), "", true
	case quad.LangString:
		return string(v.Value), v.Lang, true
	case quad.TypedString:
		return string(v.Value), "", true
	}
	return "", "", false
}

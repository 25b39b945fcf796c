package export

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/graph/analysis"
	"plangraph/schema"
)

// The names of edge and node kinds in URLs and on the command line are the
// GraphQL enum values: MENTIONS, ALIGNS_WITH, PART_OF …; COUNTRY,
// COUNTRY_GROUP, MEASURE …

// upperSnake turns alignsWith or CountryGroup into ALIGNS_WITH or COUNTRY_GROUP.
func upperSnake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// EdgeKindName returns the name of an edge predicate: MENTIONS, PART_OF …
func EdgeKindName(p quad.IRI) string {
	switch p {
	case analysis.PartOf:
		return "PART_OF"
	case analysis.InPillar:
		return "IN_PILLAR"
	case analysis.InPriorityArea:
		return "IN_PRIORITY_AREA"
	}
	return upperSnake(schema.RelationName(p))
}

// EdgeKindByName returns the predicate an edge kind name stands for.
func EdgeKindByName(name string) (quad.IRI, bool) {
	for _, p := range analysis.EdgePredicates() {
		if EdgeKindName(p) == strings.ToUpper(name) {
			return p, true
		}
	}
	return "", false
}

// NodeKindByName returns the kind a node kind name stands for (COUNTRY …).
func NodeKindByName(name string) (schema.Kind, bool) {
	for _, k := range append([]schema.Kind{schema.KindPlan, schema.KindSection, schema.KindMeasure}, schema.EntityKinds...) {
		if upperSnake(string(k)) == strings.ToUpper(name) {
			return k, true
		}
	}
	return "", false
}

// Default export settings.
const (
	DefaultDepth = 1
	DefaultLimit = 500
)

// ParseQuery reads a selection and a format from URL parameters:
// seed (repeated), depth, predicate (repeated), kind (repeated), limit,
// format. The format defaults to graphml.
func ParseQuery(v url.Values) (Selection, Format, error) {
	sel := Selection{Seeds: v["seed"], Depth: DefaultDepth, Limit: DefaultLimit}
	for _, f := range []struct {
		name string
		to   *int
	}{{"depth", &sel.Depth}, {"limit", &sel.Limit}} {
		if s := v.Get(f.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return Selection{}, Format{}, fmt.Errorf("%w: %s %q is not a number", ErrInvalid, f.name, s)
			}
			*f.to = n
		}
	}
	for _, name := range v["predicate"] {
		p, ok := EdgeKindByName(name)
		if !ok {
			return Selection{}, Format{}, fmt.Errorf("%w: unknown predicate %q", ErrInvalid, name)
		}
		sel.Predicates = append(sel.Predicates, p)
	}
	for _, name := range v["kind"] {
		k, ok := NodeKindByName(name)
		if !ok {
			return Selection{}, Format{}, fmt.Errorf("%w: unknown kind %q", ErrInvalid, name)
		}
		sel.Kinds = append(sel.Kinds, k)
	}
	name := v.Get("format")
	if name == "" {
		name = "graphml"
	}
	f, ok := Lookup(strings.ToLower(name))
	if !ok {
		return Selection{}, Format{}, fmt.Errorf("%w: unknown format %q (want one of %s)", ErrInvalid, name, strings.Join(Names(), ", "))
	}
	return sel, f, nil
}

// Query writes a selection and a format as URL parameters, the inverse of
// ParseQuery.
func (s Selection) Query(format string) url.Values {
	v := url.Values{}
	for _, seed := range s.Seeds {
		v.Add("seed", seed)
	}
	v.Set("depth", strconv.Itoa(s.Depth))
	for _, p := range s.Predicates {
		v.Add("predicate", EdgeKindName(p))
	}
	for _, k := range s.Kinds {
		v.Add("kind", upperSnake(string(k)))
	}
	if s.Limit != 0 {
		v.Set("limit", strconv.Itoa(s.Limit))
	}
	v.Set("format", format)
	return v
}

// FileName names an export: the first seed (or "plangraph") and the
// format's extension, safe in a Content-Disposition header.
func (s Selection) FileName(f Format) string {
	base := "plangraph"
	if len(s.Seeds) > 0 {
		base = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
				return r
			}
			return '_'
		}, s.Seeds[0])
		if len(s.Seeds) > 1 {
			base += fmt.Sprintf("+%d", len(s.Seeds)-1)
		}
	}
	return base + f.Ext
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

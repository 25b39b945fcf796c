package loader

import (
	"strings"
)

// Mention is one place where a measure names a catalog entity.
type Mention struct {
	// Order is the 1-based position among the measure's mentions.
	Order int
	// EntityID is the catalog id of the entity named.
	EntityID string
	// Surface is the text exactly as the plan writes it.
	Surface string
	// Start and End are rune offsets in the cleaned text.
	Start, End int
	// Alias is the catalog alias that matched.
	Alias string
}

// Linker finds catalog entities in text by the longest match over all
// aliases, compared after Fold.
type Linker struct {
	root *trieNode
}

type trieNode struct {
	next    map[rune]*trieNode
	entries []linkEntry // aliases that end here
}

type linkEntry struct {
	entity *Entity
	alias  Alias
}

// NewLinker indexes every alias of the catalog.
func NewLinker(c *Catalog) *Linker {
	l := &Linker{root: &trieNode{}}
	for i := range c.Entities {
		e := &c.Entities[i]
		for _, a := range e.Aliases {
			n := l.root
			for _, r := range Fold(a.Text) {
				if n.next == nil {
					n.next = map[rune]*trieNode{}
				}
				c := n.next[r]
				if c == nil {
					c = &trieNode{}
					n.next[r] = c
				}
				n = c
			}
			n.entries = append(n.entries, linkEntry{entity: e, alias: a})
		}
	}
	return l
}

// span is a region of the cleaned text the linker scans, with what it is.
type span struct {
	start, end int
	heading    bool // a section title: generic aliases with Heading link when they fill it
}

// Link returns the mentions in [sp.start, sp.end) of rs (folded in fs):
// leftmost, longest, never overlapping, each alias checked against its
// rule. Offsets are into rs.
func (l *Linker) link(rs, fs []rune, sp span) []Mention {
	var out []Mention
	for i := sp.start; i < sp.end; {
		best, bestEnd := linkEntry{}, -1
		n := l.root
		var cands []struct {
			e   linkEntry
			end int
		}
		for j := i; j < sp.end && n != nil; j++ {
			n = n.next[fs[j]]
			if n == nil {
				break
			}
			for _, e := range n.entries {
				cands = append(cands, struct {
					e   linkEntry
					end int
				}{e, j + 1})
			}
		}
		for k := len(cands) - 1; k >= 0; k-- {
			if allowed(rs, fs, i, cands[k].end, cands[k].e.alias, sp) {
				best, bestEnd = cands[k].e, cands[k].end
				break
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		out = append(out, Mention{Order: len(out) + 1, EntityID: best.entity.ID, Surface: string(rs[i:bestEnd]),
			Start: i, End: bestEnd, Alias: best.alias.Text})
		i = bestEnd
	}
	return out
}

// listBefore and listAfter delimit the items of an enumeration.
const (
	listBefore = "(、"
	listAfter  = "、)和"
)

// allowed reports whether alias a may link at [s, e): an ASCII name must
// not sit inside a longer ASCII word, and an everyday word must satisfy its
// rule.
func allowed(rs, fs []rune, s, e int, a Alias, sp span) bool {
	if isASCIIAlnum(fs[s]) && s > 0 && isASCIIAlnum(fs[s-1]) {
		return false
	}
	if isASCIIAlnum(fs[e-1]) && e < len(fs) && isASCIIAlnum(fs[e]) {
		return false
	}
	if !a.Generic {
		return true
	}
	if a.Heading && sp.heading && s == sp.start && e == sp.end {
		return true
	}
	if a.List && s > 0 && e < len(fs) && strings.ContainsRune(listBefore, fs[s-1]) && strings.ContainsRune(listAfter, fs[e]) {
		return true
	}
	before := string(rs[max(0, s-8):s])
	for _, w := range a.After {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	if len(a.NotAfter) > 0 {
		for _, w := range a.NotAfter {
			if strings.HasSuffix(before, w) {
				return false
			}
		}
		return true
	}
	return false
}

func isASCIIAlnum(r rune) bool {
	return r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

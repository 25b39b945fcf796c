package analysis

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"plangraph/loader"
)

// textFolder folds text for search: loader.FoldRune (full-width ASCII to
// half-width, Latin letters to lower case, dashes to '-'), then Traditional
// Chinese characters to Simplified ones through a map learnt from the
// catalog (see learnHant). Every step maps one rune to one rune, so a rune
// offset in folded text is the same offset in the original.
type textFolder struct {
	// hant maps a Traditional character to its Simplified form.
	hant map[rune]rune
	// bmp has bit r set for each key r of hant below 0x10000, so that most
	// runes need no map look-up.
	bmp *[0x10000 / 64]uint64
}

// newTextFolder returns a folder that applies the Traditional → Simplified
// map hant after loader.FoldRune.
func newTextFolder(hant map[rune]rune) textFolder {
	f := textFolder{hant: hant, bmp: new([0x10000 / 64]uint64)}
	for r := range hant {
		if r < 0x10000 {
			f.bmp[r/64] |= 1 << (r % 64)
		}
	}
	return f
}

// foldRune folds one rune.
func (f textFolder) foldRune(r rune) rune {
	r = loader.FoldRune(r)
	if r < 0x10000 && f.bmp[r/64]&(1<<(r%64)) == 0 {
		return r
	}
	if s, ok := f.hant[r]; ok {
		return s
	}
	return r
}

// fold folds s rune by rune; invalid UTF-8 becomes U+FFFD, as in
// loader.Fold. A string that folding leaves as it is is returned without a
// copy.
func (f textFolder) fold(s string) string {
	for i, r := range s {
		if fr := f.foldRune(r); fr != r || r == utf8.RuneError {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			for _, r := range s[i:] {
				b.WriteRune(f.foldRune(r))
			}
			return b.String()
		}
	}
	return s
}

// textForms are the names of one catalog entity that learnHant pairs: its
// Simplified (or untagged) names and aliases, and its zh-Hant aliases.
type textForms struct {
	simplified []string
	hant       []string
}

// learnHant builds the Traditional → Simplified character map from the
// catalog's own names. For each entity, each zh-Hant form is paired with
// the entity's Simplified form of the same rune length that agrees with it
// at the most positions (the first such form in the order given on ties);
// a form is a partner only if at every position where the two differ both
// runes are Han characters, and, when the two agree nowhere, only if it is
// the entity's sole form of that length. Each differing position votes for
// hant rune → simplified rune; a Traditional rune maps to the Simplified
// rune with the most votes (the smaller rune on ties), unless it occurs in
// a Simplified form of the catalog itself: 瀾湄友誼醫院網路 pairs with
// 澜湄友谊医院网络 and votes 路→络, but 路 is written in 一带一路倡议 too,
// so it stays 路.
//
// So 東盟 and 东盟 teach 東→东, 瀾湄國家 and 澜湄国家 teach 瀾→澜 and 國→国,
// while 瀾滄江—湄公河合作 pairs with 澜沧江—湄公河合作 rather than with the
// misspelt 澜沧江一湄公河合作 (— and 一 differ and are not both Han).
//
// Limits: the map knows only the characters the catalog writes both ways
// (88 on the seed catalog); any other Traditional character is left as
// typed, so a query using one finds nothing in Simplified text (傳統
// finds 传统, 一個 does not find 一个), and a store without zh-Hant forms
// folds no Traditional character at all. It maps characters, not words: regional
// vocabulary (網路 for 网络) is not translated. A Traditional character
// that is a Simplified character of another word too is left alone only
// when the catalog's Simplified names use it (路 above); otherwise it folds
// wherever it occurs, in queries and texts alike, so a query holding its
// Simplified use may match more than it should. Folding is applied to both
// sides, so the map never loses a match that plain folding finds.
func learnHant(entities []textForms) map[rune]rune {
	votes := make(map[rune]map[rune]int)
	for _, e := range entities {
		for _, h := range e.hant {
			hr := []rune(h)
			var best []rune
			bestSame, bestCount := -1, 0
			for _, s := range e.simplified {
				sr := []rune(s)
				if len(sr) != len(hr) {
					continue
				}
				same, ok := hanPartner(hr, sr)
				if !ok {
					continue
				}
				bestCount++
				if same > bestSame {
					best, bestSame = sr, same
				}
			}
			if best == nil || bestSame == 0 && bestCount > 1 {
				continue
			}
			for i, r := range hr {
				if r == best[i] {
					continue
				}
				if votes[r] == nil {
					votes[r] = make(map[rune]int)
				}
				votes[r][best[i]]++
			}
		}
	}
	simplified := make(map[rune]bool)
	for _, e := range entities {
		for _, s := range e.simplified {
			for _, r := range s {
				simplified[r] = true
			}
		}
	}
	out := make(map[rune]rune, len(votes))
	for h, vs := range votes {
		if simplified[h] {
			continue // a Simplified character too (路 of 网路 is 路 of 一带一路)
		}
		var pick rune
		n := 0
		for s, c := range vs {
			if c > n || c == n && s < pick {
				pick, n = s, c
			}
		}
		out[h] = pick
	}
	return out
}

// hanPartner counts the positions where h and s agree, and reports whether
// every position where they differ holds Han characters on both sides and
// at least one position differs.
func hanPartner(h, s []rune) (same int, ok bool) {
	diff := 0
	for i := range h {
		if h[i] == s[i] {
			same++
			continue
		}
		if !unicode.Is(unicode.Han, h[i]) || !unicode.Is(unicode.Han, s[i]) {
			return 0, false
		}
		diff++
	}
	return same, diff > 0
}

// isHantTag reports whether a language tag marks Traditional Chinese
// (zh-Hant, zh-Hant-TW …; tags compare case-insensitively).
func isHantTag(lang string) bool {
	l := strings.ToLower(lang)
	return l == "zh-hant" || strings.HasPrefix(l, "zh-hant-")
}

// Match kinds, weakest first.
const (
	matchSubstring = iota
	matchPrefix
	matchExact
)

// textMatch finds folded needle in folded haystack and returns the rune
// span of its first occurrence and how it matched; ok is false when it
// does not occur. Both strings must come from the same textFolder, whose
// one-rune-to-one-rune folding makes the span valid in the unfolded text.
func textMatch(haystack, needle string) (start, end, kind int, ok bool) {
	i := strings.Index(haystack, needle)
	if i < 0 {
		return 0, 0, 0, false
	}
	start = utf8.RuneCountInString(haystack[:i])
	end = start + utf8.RuneCountInString(needle)
	switch {
	case len(haystack) == len(needle):
		kind = matchExact
	case i == 0:
		kind = matchPrefix
	default:
		kind = matchSubstring
	}
	return start, end, kind, true
}

// sortedForms sorts and deduplicates forms, keeping first the one that
// must stay first (the zh name).
func sortedForms(first string, rest []string) []string {
	rest = slices.Clone(rest)
	slices.SortFunc(rest, func(a, b string) int { return cmp.Compare(a, b) })
	rest = slices.Compact(rest)
	out := make([]string, 0, len(rest)+1)
	if first != "" {
		out = append(out, first)
	}
	for _, s := range rest {
		if s != first {
			out = append(out, s)
		}
	}
	return out
}

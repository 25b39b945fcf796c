package loader

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Repair kinds the cleaner reports.
const (
	RepairBoilerplate = "boilerplate" // a line of the hosting site's text dropped
	RepairPageMarker  = "page-marker" // "N、" at a line start removed and the lines rejoined
	RepairDash        = "dash"        // 一 between two place names read as —
	RepairOCRLetter   = "ocr-letter"  // a lower-case l inside an upper-case acronym (IAl → IAI)
	RepairYearRange   = "year-range"  // a lost dash restored between two years (20212025 → 2021-2025)
)

// Repair is one change the cleaner made to its input.
type Repair struct {
	// Kind is one of the Repair* constants.
	Kind string
	// Line is the 1-based line of the input where the repair starts.
	Line int
	// Offset is the rune offset in the input where the repair starts.
	Offset int
	// Before is the input text replaced; After what replaced it.
	Before, After string
}

// Cleaned is the text the rest of the loader reads.
type Cleaned struct {
	// Text is the repaired text; every offset the loader reports is a rune
	// offset into it.
	Text string
	// Repairs in input order.
	Repairs []Repair
	// Paged is true when the input had page markers: its lines were pages
	// and are joined with nothing between them. Otherwise line breaks are
	// kept and end sentences and headings.
	Paged bool
}

// boilerplate marks lines of document-sharing sites around the plan text.
var boilerplate = []string{"由会员分享", "可在线阅读", "请在", "珍藏版"}

// Toponyms are the place names between which the cleaner reads 一 as —
// (澜沧江一湄公河, 中国一东盟).
var Toponyms = []string{"澜沧江", "湄公河", "中国", "东盟", "柬埔寨", "老挝", "缅甸", "泰国", "越南", "澜湄", "亚洲", "太平洋"}

// Clean repairs scraped plan text: it drops the hosting site's boilerplate,
// removes page markers and rejoins the words they split, reads 一 between
// place names as —, IAl as IAI, and restores dashes lost in year ranges. It
// reports every repair. Clean text (headings on their own lines, no page
// markers) passes through with its line breaks.
func Clean(raw string) Cleaned {
	raw = strings.TrimPrefix(raw, "\ufeff")
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	lines := strings.Split(raw, "\n")
	starts := make([]int, len(lines)) // rune offset of each line
	off := 0
	for i, l := range lines {
		starts[i] = off
		off += len([]rune(l)) + 1
	}
	var c Cleaned
	keep := make([]bool, len(lines))
	for i, l := range lines {
		keep[i] = true
		if isBoilerplate(l) {
			keep[i] = false
			c.Repairs = append(c.Repairs, Repair{Kind: RepairBoilerplate, Line: i + 1, Offset: starts[i], Before: l})
		}
	}
	c.Paged = countPageMarkers(lines, keep) >= 2

	var out []rune
	var src []int // src[i]: input rune offset of out[i]
	next := 1
	first := true
	for i, l := range lines {
		if !keep[i] {
			continue
		}
		rs := []rune(strings.TrimRightFunc(l, unicode.IsSpace))
		skip := 0
		if c.Paged {
			if n, w := pageMarker(rs); n == next {
				next++
				skip = w
				c.Repairs = append(c.Repairs, Repair{Kind: RepairPageMarker, Line: i + 1, Offset: starts[i], Before: string(rs[:w])})
			}
		} else if !first {
			out = append(out, '\n')
			src = append(src, starts[i]-1)
		}
		first = false
		for j := skip; j < len(rs); j++ {
			out = append(out, rs[j])
			src = append(src, starts[i]+j)
		}
	}
	if !c.Paged {
		// Blank lines at the end carry nothing.
		for len(out) > 0 && out[len(out)-1] == '\n' {
			out, src = out[:len(out)-1], src[:len(src)-1]
		}
	}

	var fixes []fix
	fixes = append(fixes, dashFixes(out)...)
	fixes = append(fixes, ocrFixes(out)...)
	fixes = append(fixes, yearFixes(out)...)
	sort.Slice(fixes, func(i, j int) bool { return fixes[i].at < fixes[j].at })
	out, src = applyFixes(out, src, fixes, func(f fix, input int) {
		c.Repairs = append(c.Repairs, Repair{Kind: f.kind, Line: lineOf(starts, input), Offset: input, Before: f.before, After: f.after})
	})
	sort.SliceStable(c.Repairs, func(i, j int) bool { return c.Repairs[i].Offset < c.Repairs[j].Offset })
	c.Text = string(out)
	return c
}

func isBoilerplate(l string) bool {
	n := 0
	for _, b := range boilerplate {
		if strings.Contains(l, b) {
			n++
		}
	}
	return n >= 2
}

// pageMarker returns the number of a "N、" page marker at the start of rs
// and its width in runes, or 0.
func pageMarker(rs []rune) (n, width int) {
	i := 0
	for i < len(rs) && i < 4 && rs[i] >= '0' && rs[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(rs) || rs[i] != '、' {
		return 0, 0
	}
	n, _ = strconv.Atoi(string(rs[:i]))
	return n, i + 1
}

// countPageMarkers counts the kept lines that start with consecutive page
// markers 1、 2、 3、 …
func countPageMarkers(lines []string, keep []bool) int {
	next := 1
	for i, l := range lines {
		if !keep[i] {
			continue
		}
		if n, _ := pageMarker([]rune(l)); n == next {
			next++
		}
	}
	return next - 1
}

func lineOf(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// fix replaces the runes [at, at+len(before)) of the joined text.
type fix struct {
	kind          string
	at            int
	before, after string
}

// applyFixes rewrites out with non-overlapping fixes sorted by position,
// keeping src pointing at input offsets.
func applyFixes(out []rune, src []int, fixes []fix, report func(fix, int)) ([]rune, []int) {
	if len(fixes) == 0 {
		return out, src
	}
	var o []rune
	var s []int
	pos := 0
	for _, f := range fixes {
		if f.at < pos {
			continue
		}
		o = append(o, out[pos:f.at]...)
		s = append(s, src[pos:f.at]...)
		input := src[f.at]
		for _, r := range f.after {
			o = append(o, r)
			s = append(s, input)
		}
		report(f, input)
		pos = f.at + len([]rune(f.before))
	}
	o = append(o, out[pos:]...)
	s = append(s, src[pos:]...)
	return o, s
}

// dashFixes finds 一 standing for — between two place names.
func dashFixes(rs []rune) []fix {
	var fs []fix
	for i, r := range rs {
		if r != '一' || i == 0 {
			continue
		}
		if endsWithAny(rs[:i], Toponyms) && startsWithAny(rs[i+1:], Toponyms) {
			fs = append(fs, fix{kind: RepairDash, at: i, before: "一", after: "—"})
		}
	}
	return fs
}

func endsWithAny(rs []rune, words []string) bool {
	for _, w := range words {
		wr := []rune(w)
		if len(rs) >= len(wr) && string(rs[len(rs)-len(wr):]) == w {
			return true
		}
	}
	return false
}

func startsWithAny(rs []rune, words []string) bool {
	for _, w := range words {
		wr := []rune(w)
		if len(rs) >= len(wr) && string(rs[:len(wr)]) == w {
			return true
		}
	}
	return false
}

func isASCIILetter(r rune) bool { return r < 128 && unicode.IsLetter(r) }

// ocrFixes finds a lower-case l inside an otherwise upper-case acronym of at
// least two capitals (IAl → IAI).
func ocrFixes(rs []rune) []fix {
	var fs []fix
	for i := 0; i < len(rs); {
		if !isASCIILetter(rs[i]) {
			i++
			continue
		}
		j := i
		upper, ells, other := 0, 0, 0
		for j < len(rs) && isASCIILetter(rs[j]) {
			switch {
			case rs[j] == 'l':
				ells++
			case unicode.IsUpper(rs[j]):
				upper++
			default:
				other++
			}
			j++
		}
		if ells > 0 && other == 0 && upper >= 2 {
			word := string(rs[i:j])
			fs = append(fs, fix{kind: RepairOCRLetter, at: i, before: word, after: strings.ReplaceAll(word, "l", "I")})
		}
		i = j
	}
	return fs
}

// yearFixes finds eight digits that are two years of a range whose dash was
// lost (20212025, (20182022)).
func yearFixes(rs []rune) []fix {
	var fs []fix
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
		if j-i == 8 {
			y1, _ := strconv.Atoi(string(rs[i : i+4]))
			y2, _ := strconv.Atoi(string(rs[i+4 : j]))
			if y1 >= 1900 && y1 < 2100 && y2 > y1 && y2-y1 <= 30 {
				fs = append(fs, fix{kind: RepairYearRange, at: i, before: string(rs[i:j]), after: string(rs[i:i+4]) + "-" + string(rs[i+4:j])})
			}
		}
		i = j
	}
	return fs
}

package loader

import (
	"strconv"
	"strings"
	"unicode"
)

// Section is a numbered heading of a plan and the text under it.
type Section struct {
	// Number is the heading's number: "4.2.1", or "1" … "4" for 一、… 四、.
	Number string
	// Label is the number as written: "四" or "4.2.1".
	Label string
	// Title is the heading's title, separated from the sentence it runs into.
	Title string
	// Parent is the parent section's Number, "" for a top-level section.
	Parent string
	// Order is the 1-based reading position among all sections.
	Order int
	// TitleStart and TitleEnd are the title's rune offsets in the cleaned text.
	TitleStart, TitleEnd int
	// BodyStart and BodyEnd delimit the section's own text (up to the next
	// heading) in the cleaned text.
	BodyStart, BodyEnd int
	// Truncated is set on the section the text stops in mid-sentence.
	Truncated bool
	// Pillars and PriorityAreas are the ids of the pillars and priority
	// areas the title names.
	Pillars, PriorityAreas []string
	// Measures are the sentences of the body.
	Measures []Measure
}

// Level is 1 for 一、… and one more for each dotted component below it.
func (s Section) Level() int {
	if !strings.Contains(s.Number, ".") {
		return 1
	}
	return strings.Count(s.Number, ".") + 1
}

var chineseNumerals = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"}

// sentenceStarts are words that open the first sentence of a section when
// the scraped text runs it into the heading: the title ends before them.
var sentenceStarts = []string{
	"本行动计划", "保持", "顺应", "推进", "加强", "探索", "充分发挥", "发挥", "加快", "完善",
	"积极", "鼓励", "支持", "深化", "开展", "建立", "举办", "推动", "促进", "继续", "进一步",
	"聚焦", "培育", "大力", "秉持", "每年", "每两年", "根据", "通过", "落实", "制定",
	"提升", "坚持", "持续优化", "加大", "共同", "打造", "构建", "旨在", "有效",
}

// maxTitle is the longest title the run-in separation accepts, in runes.
const maxTitle = 24

// headingParser finds numbered headings in cleaned text.
type headingParser struct {
	rs      []rune
	paged   bool
	chapter int   // number of the current 一、 heading
	path    []int // number path of the current heading, chapter first
}

// parseSections splits cleaned text into its preamble (the text before the
// first heading) and sections. Warnings name what it had to guess.
func parseSections(text string, paged bool) (preamble string, sections []Section, warnings []string) {
	p := &headingParser{rs: []rune(text), paged: paged}
	start, num, label, titleStart := p.next(0)
	if start < 0 {
		return strings.TrimSpace(text), nil, nil
	}
	preamble = strings.TrimSpace(string(p.rs[:start]))
	for start >= 0 {
		p.accept(num)
		nStart, nNum, nLabel, nTitleStart := p.next(titleStart)
		end := len(p.rs)
		if nStart >= 0 {
			end = nStart
		}
		titleEnd, guessed := p.titleEnd(titleStart, end)
		title := strings.TrimSpace(string(p.rs[titleStart:titleEnd]))
		if guessed {
			warnings = append(warnings, "section "+numberString(num)+": title end guessed: "+title)
		}
		s := Section{
			Number: numberString(num), Label: label, Title: title, Order: len(sections) + 1,
			TitleStart: titleStart, TitleEnd: titleEnd, BodyStart: titleEnd, BodyEnd: end,
		}
		if len(num) > 1 {
			s.Parent = numberString(num[:len(num)-1])
		}
		sections = append(sections, s)
		start, num, label, titleStart = nStart, nNum, nLabel, nTitleStart
	}
	return preamble, sections, warnings
}

func numberString(num []int) string {
	parts := make([]string, len(num))
	for i, n := range num {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ".")
}

// accept makes num the current heading.
func (p *headingParser) accept(num []int) {
	p.chapter = num[0]
	p.path = append(p.path[:0], num...)
}

// next finds the next heading at or after from that continues the current
// numbering; start is -1 when there is none.
func (p *headingParser) next(from int) (start int, num []int, label string, titleStart int) {
	for i := from; i < len(p.rs); i++ {
		if num, label, ts, ok := p.headingAt(i); ok {
			return i, num, label, ts
		}
	}
	return -1, nil, "", 0
}

// headingAt reports whether a heading that continues the numbering starts
// at i.
func (p *headingParser) headingAt(i int) (num []int, label string, titleStart int, ok bool) {
	rs := p.rs
	if !p.paged && i > 0 && rs[i-1] != '\n' {
		return nil, "", 0, false
	}
	// 一、 二、 …: only the next chapter's numeral counts.
	if p.chapter+1 < len(chineseNumerals) {
		want := []rune(chineseNumerals[p.chapter+1] + "、")
		if hasRunesAt(rs, i, want) && (i == 0 || !isNumeralContext(rs[i-1])) {
			return []int{p.chapter + 1}, chineseNumerals[p.chapter+1], skipSpaces(rs, i+len(want)), true
		}
	}
	// 4.1, 4.1.3.1: dotted numbers inside the current chapter.
	if p.chapter == 0 || !isDigit(rs[i]) || (i > 0 && (isDigit(rs[i-1]) || rs[i-1] == '.' || isASCIILetter(rs[i-1]))) {
		return nil, "", 0, false
	}
	j := i
	var parts []int
	for {
		k := j
		for k < len(rs) && isDigit(rs[k]) {
			k++
		}
		if k == j {
			return nil, "", 0, false
		}
		n, _ := strconv.Atoi(string(rs[j:k]))
		parts = append(parts, n)
		j = k
		if j+1 < len(rs) && rs[j] == '.' && isDigit(rs[j+1]) {
			j++
			continue
		}
		break
	}
	ts := skipSpaces(rs, j)
	if len(parts) < 2 || ts >= len(rs) || !unicode.Is(unicode.Han, rs[ts]) || !p.continues(parts) {
		return nil, "", 0, false
	}
	return parts, string(rs[i:j]), ts, true
}

// continues reports whether num is the first child of the current heading
// or the next sibling of it or of one of its ancestors within the chapter.
func (p *headingParser) continues(num []int) bool {
	cur := p.path
	if num[0] != p.chapter {
		return false
	}
	if len(num) == len(cur)+1 && equalInts(num[:len(cur)], cur) && num[len(cur)] == 1 {
		return true
	}
	for k := 1; k < len(cur); k++ {
		if len(num) == k+1 && equalInts(num[:k], cur[:k]) && num[k] == cur[k]+1 {
			return true
		}
	}
	return false
}

// titleEnd finds where a heading's title ends: at a line break, at the
// next heading (end), or where the first sentence starts when the scraped
// text runs it into the title. guessed is set when no such place was found
// within maxTitle runes.
func (p *headingParser) titleEnd(start, end int) (int, bool) {
	rs := p.rs
	lineEnd := end
	for i := start; i < end; i++ {
		if rs[i] == '\n' {
			lineEnd = i
			break
		}
	}
	// A clean heading line without sentence punctuation is all title.
	if !p.paged && !containsAny(rs[start:lineEnd], "。；;，,") {
		return lineEnd, false
	}
	for i := start + 2; i < lineEnd && i-start <= maxTitle; i++ {
		if strings.ContainsRune("。；;，,", rs[i]) {
			return i, false
		}
		for _, w := range sentenceStarts {
			if hasRunesAt(rs, i, []rune(w)) {
				return i, false
			}
		}
	}
	if lineEnd-start <= maxTitle {
		return lineEnd, false
	}
	return start + maxTitle, true
}

func isNumeralContext(r rune) bool {
	return r == '第' || strings.ContainsRune("一二三四五六七八九十百", r)
}

func hasRunesAt(rs []rune, i int, w []rune) bool {
	if i+len(w) > len(rs) {
		return false
	}
	for k, r := range w {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}

func skipSpaces(rs []rune, i int) int {
	for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t' || rs[i] == 0x3000) {
		i++
	}
	return i
}

func containsAny(rs []rune, chars string) bool {
	for _, r := range rs {
		if strings.ContainsRune(chars, r) {
			return true
		}
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

package loader

import (
	"strings"

	"plangraph/schema"
)

// Measure is one sentence of a section body.
type Measure struct {
	// Order is the 1-based position in the section.
	Order int
	// Text is the sentence without its final 。 or ；.
	Text string
	// Start and End are the sentence's rune offsets in the cleaned text.
	Start, End int
	// Action is the leading action verb, "" for a statement.
	Action string
	// Commitment is one of the schema.Commitment* levels.
	Commitment string
	// Truncated marks the fragment the text stops in.
	Truncated bool
	// Mentions are the catalog entities the sentence names, in text order.
	Mentions []Mention
	// Relations are the relations the sentence states.
	Relations []Relation
}

// sentenceEnds end a measure; a line break ends one too.
const sentenceEnds = "。；;！？!?\n"

// splitMeasures cuts [start, end) of rs into sentences.
func splitMeasures(rs []rune, start, end int) []Measure {
	var ms []Measure
	s := start
	for i := start; i <= end; i++ {
		if i < end && !strings.ContainsRune(sentenceEnds, rs[i]) {
			continue
		}
		a, b := trimSentence(rs, s, i)
		if a < b {
			ms = append(ms, Measure{Order: len(ms) + 1, Text: string(rs[a:b]), Start: a, End: b})
		}
		s = i + 1
	}
	return ms
}

// trimSentence drops spaces and stray commas at both ends of [a, b).
func trimSentence(rs []rune, a, b int) (int, int) {
	trim := func(r rune) bool { return strings.ContainsRune(" \t\u3000，,、", r) }
	for a < b && trim(rs[a]) {
		a++
	}
	for b > a && trim(rs[b-1]) {
		b--
	}
	return a, b
}

// actionVerbs open the clauses of a measure.
var actionVerbs = []string{
	"推进", "加强", "探索", "鼓励", "支持", "深化", "开展", "建立", "举办", "发挥", "完善", "加快",
	"推动", "促进", "落实", "召开", "举行", "保持", "提升", "加大", "整合", "打造", "培育", "聚焦",
	"制定", "编制", "建设", "优化", "提高", "维护", "研究", "探讨", "考虑", "设计", "设立", "构建",
	"拓展", "提交", "实施", "增强", "发展", "扩大", "降低", "简化", "更新", "完成", "交流", "分享",
	"共享", "确保", "搭建", "试点", "派遣", "编撰", "欢迎", "倡导", "应对", "打击", "提供",
}

// modifiers may stand before a clause's verb (积极推进, 每两年召开).
var modifiers = []string{
	"积极", "认真", "大力", "进一步", "继续", "共同", "稳步", "不断", "充分", "逐步", "持续", "有效",
	"全面", "切实", "抓紧", "每年", "每两年", "视情", "携手", "努力", "定期", "尽快", "和",
}

// verbClass gives the commitment a leading verb expresses; other verbs
// commit.
var verbClass = map[string]string{
	"探索": schema.CommitmentExploratory, "研究": schema.CommitmentExploratory,
	"探讨": schema.CommitmentExploratory, "考虑": schema.CommitmentExploratory,
	"鼓励": schema.CommitmentEncouraged, "支持": schema.CommitmentEncouraged,
	"欢迎": schema.CommitmentEncouraged, "倡导": schema.CommitmentEncouraged,
}

// scheduleCues in a measure's first clause make it scheduled.
var scheduleCues = []string{"每年", "每两年", "每三年", "每半年", "每季度", "年度", "定期"}

// statementOpeners open sentences that describe the plan rather than act.
var statementOpeners = []string{"本行动计划", "行动计划", "这些倡议"}

// classify sets a measure's Action and Commitment from its text.
func classify(m *Measure) {
	text := m.Text
	for _, s := range statementOpeners {
		if strings.HasPrefix(text, s) {
			m.Action, m.Commitment = "", schema.CommitmentStated
			return
		}
	}
	m.Action = leadingVerb(text)
	first := text
	if i := strings.IndexAny(text, "，,"); i >= 0 {
		first = text[:i]
	}
	switch {
	case containsAnyWord(first, scheduleCues):
		m.Commitment = schema.CommitmentScheduled
	case m.Action == "":
		m.Commitment = schema.CommitmentStated
	case verbClass[m.Action] != "":
		m.Commitment = verbClass[m.Action]
	default:
		m.Commitment = schema.CommitmentCommitted
	}
}

// clauseOnly are verbs that lead a measure only at the start of a clause;
// inside one they are usually nouns (发展, 交流 …).
var clauseOnly = map[string]bool{"发展": true, "交流": true, "分享": true, "共享": true, "建设": true,
	"应对": true, "提供": true, "打击": true, "实施": true, "完成": true}

// leadingVerb returns the verb of the first clause that has one: the verb
// that opens it (after modifiers such as 积极 or 每年), else its earliest
// verb. A statement without any verb has none.
func leadingVerb(text string) string {
	for _, clause := range strings.FieldsFunc(text, func(r rune) bool { return r == '，' || r == ',' }) {
		rest := clause
		for changed := true; changed; {
			changed = false
			for _, m := range modifiers {
				if strings.HasPrefix(rest, m) {
					rest, changed = rest[len(m):], true
				}
			}
		}
		for _, v := range actionVerbs {
			if strings.HasPrefix(rest, v) {
				return v
			}
		}
		best, at := "", len(clause)
		for _, v := range actionVerbs {
			if i := strings.Index(clause, v); i >= 0 && i < at && !clauseOnly[v] {
				best, at = v, i
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

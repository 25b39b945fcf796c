package loader

import (
	"regexp"
	"strings"

	"github.com/cayleygraph/quad"

	"plangraph/schema"
)

// Relation is a fact a measure states between two entities, or between the
// plan and an entity. Object is "" when Literal holds the value
// (convenesEvery's duration).
type Relation struct {
	Subject   string
	Predicate quad.IRI
	Object    string
	Literal   quad.Value
	// Cue is the pattern that found it ("与…互补互促").
	Cue string
}

// maskBase is the first private-use rune that stands for a mention in the
// text the patterns read: mention k of a measure becomes maskBase+k.
const maskBase = 0xE000

// Pattern pieces: M is one masked mention; C is anything inside a clause.
const (
	pm = `[\x{E000}-\x{F8FF}]`
	pc = `[^，,。；;]`
)

// relationPattern finds one kind of relation in a masked measure.
type relationPattern struct {
	cue       string
	predicate quad.IRI
	re        *regexp.Regexp
	// objects is the submatch holding the objects; subject the one holding
	// the subject, or 0 for the measure's topic.
	objects, subject int
	// duration gives a literal object from the match instead (convenesEvery).
	duration func(m []string) string
}

// relationPatterns are every cue the loader reads, in the order it tries them.
var relationPatterns = []relationPattern{
	{cue: "与…互补互促", predicate: schema.Complements, re: regexp.MustCompile(`与([^，,。；;与]*)互补互促`), objects: 1},
	{cue: "与…相辅相成", predicate: schema.Reinforces, re: regexp.MustCompile(`与([^，,。；;与]*)相辅相成`), objects: 1},
	{cue: "与…对接", predicate: schema.AlignsWith, re: regexp.MustCompile(`与([^，,。；;与]*?)(?:实现)?对接`), objects: 1},
	{cue: "落实…", predicate: schema.Implements, re: regexp.MustCompile(`(?:^|[^的功])落实(` + pc + `*(?:[，,]包括` + pc + `*)?)`), objects: 1},
	{cue: "推动…实施", predicate: schema.Implements, re: regexp.MustCompile(`推动(` + pc + `*?)(?:有效)?实施`), objects: 1},
	{cue: "基于…", predicate: schema.BuildsOn, re: regexp.MustCompile(`基于(` + pc + `*)`), objects: 1},
	{cue: "寻求…的合作", predicate: schema.CooperatesWith, re: regexp.MustCompile(`寻求([^。；;]*?)的合作`), objects: 1},
	{cue: "通过…向…提交", predicate: schema.ReportsTo, re: regexp.MustCompile(`通过(` + pm + `)向(` + pm + `)提交`), subject: 1, objects: 2},
	{cue: "编制/制定…", predicate: schema.Drafts, re: regexp.MustCompile(`(?:编制|制定)(` + pm + `)`), objects: 1},
	{cue: "…提交…审议", predicate: schema.SubmitsTo, re: regexp.MustCompile(`(` + pm + `)将?` + pc + `*?提交(` + pm + `)审议`), subject: 1, objects: 2},
	{cue: "在…举行的…", predicate: schema.HeldIn, re: regexp.MustCompile(`在(` + pm + `)举行的(` + pm + `)`), subject: 2, objects: 1},
	{cue: "…提出的…", predicate: schema.ProposedBy, re: regexp.MustCompile(`(` + pm + `)提出的(` + pc + `*)`), subject: 2, objects: 1},
	{cue: "每…召开/举行一次…", predicate: schema.ConvenesEvery,
		re:      regexp.MustCompile(`每(两|二|三|四|五|半)?(年|季度|月)(?:视情)?(?:召开|举行|举办)一?次?(` + pc + `*)`),
		subject: 3, duration: func(m []string) string { return isoDuration(m[1], m[2]) }},
	{cue: "举办年度…", predicate: schema.ConvenesEvery, re: regexp.MustCompile(`举办年度(` + pc + `*)`),
		subject: 1, duration: func([]string) string { return "P1Y" }},
}

// topicPatterns name the entity that acts in the clauses after them
// (发挥X作用，…; 每年举行一次X，…; 编制X，并与…对接).
var topicPatterns = []*regexp.Regexp{
	regexp.MustCompile(`发挥好?(` + pm + `)作用`),
	regexp.MustCompile(`(?:编制|制定)(` + pm + `)`),
	regexp.MustCompile(`每` + pc + `{0,4}(?:召开|举行)一?次(` + pm + `)`),
}

// isoDuration turns 每两年 into P2Y, 每季度 into P3M.
func isoDuration(count, unit string) string {
	n := map[string]string{"": "1", "两": "2", "二": "2", "三": "3", "四": "4", "五": "5"}[count]
	switch {
	case count == "半" && unit == "年":
		return "P6M"
	case unit == "季度":
		return "P3M"
	case unit == "月":
		return "P" + n + "M"
	}
	return "P" + n + "Y"
}

// relate finds the relations a measure states. plan is the plan's id,
// the subject when the sentence names no other.
func relate(m *Measure, plan string) []Relation {
	masked := mask(m)
	var out []Relation
	seen := map[string]bool{}
	add := func(r Relation) {
		key := r.Subject + "|" + string(r.Predicate) + "|" + r.Object + "|" + quad.StringOf(r.Literal)
		if r.Subject == "" || r.Subject == r.Object || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, r)
	}
	for _, p := range relationPatterns {
		for _, loc := range p.re.FindAllStringSubmatchIndex(masked, -1) {
			groups := make([]string, len(loc)/2)
			for g := range groups {
				if loc[2*g] >= 0 {
					groups[g] = masked[loc[2*g]:loc[2*g+1]]
				}
			}
			if p.duration != nil {
				for _, subj := range maskedMentions(m, groups[p.subject]) {
					add(Relation{Subject: subj, Predicate: p.predicate, Literal: quad.TypedString{Value: quad.String(p.duration(groups)), Type: quad.IRI(schema.XSD + "duration")}, Cue: p.cue})
				}
				continue
			}
			subjects := []string{topic(m, masked, loc[0], plan)}
			if p.subject > 0 {
				subjects = maskedMentions(m, groups[p.subject])
			}
			for _, obj := range objectMentions(m, groups[p.objects]) {
				for _, s := range subjects {
					add(Relation{Subject: s, Predicate: p.predicate, Object: obj, Cue: p.cue})
				}
			}
		}
	}
	return out
}

// mask replaces each mention of m by one private-use rune.
func mask(m *Measure) string {
	rs := []rune(m.Text)
	var b strings.Builder
	i := 0
	for k, mn := range m.Mentions {
		s, e := mn.Start-m.Start, mn.End-m.Start
		b.WriteString(string(rs[i:s]))
		b.WriteRune(rune(maskBase + k))
		i = e
	}
	b.WriteString(string(rs[i:]))
	return b.String()
}

// maskedMentions returns the entity ids of the masked mentions in s.
func maskedMentions(m *Measure, s string) []string {
	var ids []string
	for _, r := range s {
		if k := int(r - maskBase); k >= 0 && k < len(m.Mentions) {
			ids = append(ids, m.Mentions[k].EntityID)
		}
	}
	return ids
}

// objectMentions is maskedMentions without the mentions that are agents
// inside the object phrase (中方 in 与中方提出的一带一路倡议…).
func objectMentions(m *Measure, s string) []string {
	var ids []string
	rs := []rune(s)
	for i, r := range rs {
		k := int(r - maskBase)
		if k < 0 || k >= len(m.Mentions) {
			continue
		}
		if strings.HasPrefix(string(rs[i+1:]), "提出的") {
			continue
		}
		ids = append(ids, m.Mentions[k].EntityID)
	}
	return ids
}

// topic returns who acts at byte offset at of the masked measure: the last
// entity a topic pattern names before it, else the plan.
func topic(m *Measure, masked string, at int, plan string) string {
	who := plan
	best := -1
	for _, re := range topicPatterns {
		for _, loc := range re.FindAllStringSubmatchIndex(masked, -1) {
			if loc[1] <= at && loc[0] > best {
				if ids := maskedMentions(m, masked[loc[2]:loc[3]]); len(ids) == 1 {
					who, best = ids[0], loc[0]
				}
			}
		}
	}
	return who
}

package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"plangraph/loader"
	"plangraph/schema"
)

// word is a piece of a synthetic name in Chinese and English, with the
// slug its id uses.
type word struct{ zh, en, slug string }

// topics are the fields synthetic entities work in.
var topics = []word{
	{"水资源", "Water Resources", "water"}, {"农业", "Agriculture", "agri"}, {"减贫", "Poverty Reduction", "poverty"},
	{"海关", "Customs", "customs"}, {"数字经济", "Digital Economy", "digital"}, {"青年", "Youth", "youth"},
	{"媒体", "Media", "media"}, {"旅游", "Tourism", "tourism"}, {"能源", "Energy", "energy"},
	{"环境", "Environment", "env"}, {"卫生", "Health", "health"}, {"教育", "Education", "edu"},
	{"文化", "Culture", "culture"}, {"科技", "Science and Technology", "sci"}, {"金融", "Finance", "finance"},
	{"林业", "Forestry", "forestry"}, {"渔业", "Fisheries", "fisheries"}, {"航运", "Shipping", "shipping"},
	{"电力", "Power", "power"}, {"检验检疫", "Inspection and Quarantine", "sps"}, {"职业教育", "Vocational Education", "tvet"},
	{"妇女", "Women", "women"}, {"体育", "Sports", "sports"}, {"电子商务", "E-Commerce", "ecommerce"},
	{"物流", "Logistics", "logistics"}, {"铁路", "Railway", "rail"}, {"民航", "Civil Aviation", "aviation"},
	{"气候变化", "Climate Change", "climate"}, {"生物多样性", "Biodiversity", "biodiversity"}, {"灾害管理", "Disaster Management", "disaster"},
	{"执法安全", "Law Enforcement and Security", "law"}, {"禁毒", "Drug Control", "drugs"}, {"标准化", "Standardisation", "standards"},
	{"知识产权", "Intellectual Property", "ip"}, {"中小企业", "SME", "sme"}, {"供应链", "Supply Chain", "supply"},
	{"水文", "Hydrology", "hydrology"}, {"粮食安全", "Food Security", "food"}, {"传统医药", "Traditional Medicine", "medicine"},
	{"网络安全", "Cybersecurity", "cyber"}, {"乡村振兴", "Rural Revitalisation", "rural"}, {"地方政府", "Local Government", "local"},
}

// namePattern builds the names of one kind: prefix + topic + type.
type namePattern struct {
	kind     schema.Kind
	prefixes []word
	types    []word
}

var namePatterns = []namePattern{
	{schema.KindMechanism,
		[]word{{"澜湄", "Lancang-Mekong", "lm"}, {"湄公河", "Mekong", "mekong"}, {"澜湄区域", "Lancang-Mekong Regional", "lmr"}, {"次区域", "Subregional", "sub"}},
		[]word{{"合作中心", "Cooperation Centre", "centre"}, {"联合工作组", "Joint Working Group", "jwg"}, {"合作论坛", "Cooperation Forum", "forum"},
			{"部长级会议", "Ministerial Meeting", "ministerial"}, {"合作联盟", "Cooperation Alliance", "alliance"}, {"专项基金", "Special Fund", "fund"},
			{"合作平台", "Cooperation Platform", "platform"}, {"高级别对话", "High-Level Dialogue", "dialogue"}, {"研究中心", "Research Centre", "research"},
			{"培训基地", "Training Base", "training"}, {"协调机制", "Coordination Mechanism", "coordination"}, {"智库网络", "Think-Tank Network", "thinktanks"}}},
	{schema.KindInitiative,
		[]word{{"澜湄", "Lancang-Mekong", "lm"}, {"湄公河", "Mekong", "mekong"}, {"东盟", "ASEAN", "asean"}, {"区域", "Regional", "regional"}},
		[]word{{"合作规划", "Cooperation Plan", "plan"}, {"五年行动计划", "Five-Year Plan of Action", "poa"}, {"发展计划", "Development Plan", "devplan"},
			{"合作倡议", "Cooperation Initiative", "initiative"}, {"合作框架", "Cooperation Framework", "framework"}, {"合作战略", "Cooperation Strategy", "strategy"},
			{"合作路线图", "Cooperation Roadmap", "roadmap"}, {"合作谅解备忘录", "Cooperation MoU", "mou"}, {"合作联合声明", "Joint Statement on Cooperation", "statement"},
			{"合作实施方案", "Cooperation Implementation Programme", "programme"}}},
	{schema.KindOrganization,
		[]word{{"澜湄", "Lancang-Mekong", "lm"}, {"湄公河", "Mekong", "mekong"}, {"亚洲", "Asian", "asia"}, {"区域", "Regional", "regional"}},
		[]word{{"研究院", "Institute", "institute"}, {"协会", "Association", "association"}, {"委员会", "Commission", "commission"},
			{"基金会", "Foundation", "foundation"}, {"商会", "Chamber of Commerce", "chamber"}, {"大学联盟", "University Alliance", "universities"},
			{"联合会", "Federation", "federation"}, {"研究所", "Research Institute", "ri"}}},
}

// synthEntity is a catalog entry the generator adds.
type synthEntity struct {
	ID, ZH, EN     string
	Kind           schema.Kind
	PartOf, Status string
}

// Heaps is the exponent of the catalog's growth: a plan scale times the
// seed names about scale^Heaps times as many distinct entities of the
// open kinds (mechanisms, initiatives, organisations).
const Heaps = 0.5

// SyntheticCount is how many entities of a kind the catalog gains at a
// scale, for a kind the real catalog has n of: n·(scale^Heaps − 1).
func SyntheticCount(n, scale int) int {
	return int(math.Round(float64(n) * (math.Pow(float64(scale), Heaps) - 1)))
}

// synthEntities draws the synthetic entities of a scale: per open kind,
// SyntheticCount distinct prefix+topic+type names no catalog name uses.
// Mechanisms belong to another mechanism (dcterms:isPartOf) and are
// proposed as often as the catalog's are.
func synthEntities(rng *rand.Rand, c *loader.Catalog, scale int) ([]synthEntity, error) {
	used := map[string]bool{}
	n := map[schema.Kind]int{}
	var partOf, proposed int
	var parents []string // partOf targets, once per catalog entity naming them
	for _, e := range c.Entities {
		n[e.Kind]++
		for _, a := range e.Aliases {
			used[loader.Fold(a.Text)] = true
		}
		if e.Kind == schema.KindMechanism {
			if e.PartOf != "" {
				partOf++
				parents = append(parents, e.PartOf)
			}
			if e.Status != "" {
				proposed++
			}
		}
	}
	var out []synthEntity
	for _, np := range namePatterns {
		want := SyntheticCount(n[np.kind], scale)
		if want == 0 {
			continue
		}
		combos := len(np.prefixes) * len(topics) * len(np.types)
		perm := rng.Perm(combos)
		got := 0
		for _, i := range perm {
			if got == want {
				break
			}
			p, t, ty := np.prefixes[i%len(np.prefixes)], topics[i/len(np.prefixes)%len(topics)], np.types[i/len(np.prefixes)/len(topics)]
			zh := p.zh + t.zh + ty.zh
			if used[loader.Fold(zh)] {
				continue
			}
			used[loader.Fold(zh)] = true
			e := synthEntity{
				ID:   fmt.Sprintf("%s:syn-%s-%s-%s", schema.IDPrefix(np.kind), p.slug, t.slug, ty.slug),
				ZH:   zh,
				EN:   p.en + " " + t.en + " " + ty.en,
				Kind: np.kind,
			}
			if np.kind == schema.KindMechanism {
				mechs := n[schema.KindMechanism]
				if rng.IntN(mechs) < partOf {
					e.PartOf = parents[rng.IntN(len(parents))]
				}
				if rng.IntN(mechs) < proposed {
					e.Status = "proposed"
				}
			}
			out = append(out, e)
			got++
		}
		if got < want {
			return nil, fmt.Errorf("synth: scale %d needs %d %s names, the generator has %d", scale, want, np.kind, got)
		}
	}
	return out, nil
}

// catalogYAML appends the synthetic entities to the real catalog file.
func catalogYAML(real []byte, es []synthEntity) []byte {
	var b strings.Builder
	b.Write(real)
	if len(es) == 0 {
		return []byte(b.String())
	}
	if !strings.HasSuffix(b.String(), "\n") {
		b.WriteByte('\n')
	}
	b.WriteString("\n  # ------------------------------------------- synthetic (bench/synth)\n")
	for _, e := range es {
		fmt.Fprintf(&b, "\n  - id: %s\n    zh: %s\n    en: %s\n", e.ID, e.ZH, e.EN)
		if e.PartOf != "" {
			fmt.Fprintf(&b, "    partOf: %s\n", e.PartOf)
		}
		if e.Status != "" {
			fmt.Fprintf(&b, "    status: %s\n", e.Status)
		}
	}
	return []byte(b.String())
}

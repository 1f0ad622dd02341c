package classify

import (
	"errors"
	"fmt"
	"regexp"
	"slices"

	crawler "github.com/vnjp-monitor/crawler"
)

// entity is what a recognised name or cue stands for.
type entity uint8

const (
	entVN          entity = iota + 1 // Viet Nam, its people, cities and provinces
	entJP                            // Japan, its people, cities, prefectures, agencies
	entPair                          // both at once: 日越, Việt-Nhật, VJU
	entRegion                        // a regional grouping: Mekong, ASEAN
	entThird                         // another country
	entCue                           // a bilateral cue: "two countries", hai nước, 両国
	entNeutral                       // a longer name that hides a shorter one: South China Sea
	entReception                     // a leader receiving a visitor (rule cue, not a name)
	entWhole                         // the relationship as a whole is discussed (rule cue)
	entVisit                         // a top-level visit or summit (rule cue)
	entAnniversary                   // an anniversary of the ties (rule cue)
	entMarking                       // a word marking an event: "to celebrate", 記念 (rule cue)
	entCoop                          // cooperation is being described: lists of fields count (rule cue)
	entStudy                         // fields of study are listed: they stay education (rule cue)
	entEnvoy                         // a political visitor: an ambassador, a foreign minister, a lawmaker (rule cue)
	entSide                          // one side of the talks: "the Japanese side", phía Việt Nam, 日本側 (rule cue)
	entTie                           // a tie between localities: "sister city", kết nghĩa, 友好都市 (rule cue)
	entTalks                         // talks between the two are the story's event: "held talks", hội đàm, 会談 (rule cue)
	entOutcome                       // an outcome or stance of talks: "agreed", nhất trí, 一致 (rule cue)
	entLeader                        // a head of government or state: "prime minister", Thủ tướng, 首相 (rule cue)
)

// isCue reports entities that are rule cues rather than names: they do
// not hide or get hidden by names.
func (e entity) isCue() bool { return e >= entReception }

// nameGroup is a set of spellings with the same meaning.
type nameGroup struct {
	ent    entity
	weight float32  // 1 for a country name; less for a city, leader or agency
	third  string   // country code when ent is entThird
	langs  []string // article languages it is looked for in; nil for all
	kind   string   // gazetteer kind: country, city, locality, agency...
	local  bool     // a province, prefecture or city government (local cooperation)
	city   bool     // a big city: a locality in a tie, but often only a venue
	// caseSens names must appear with their capitals: "VN", "US", and the
	// Vietnamese "Nhật", which lowercase is part of "cập nhật" (update).
	caseSens bool
	// accentOnly names are skipped in Vietnamese typed without
	// diacritics, where they would collide with common words ("Lào" vs
	// "lao động", labour).
	accentOnly bool
	// foldOnly names are only looked for in text without diacritics.
	foldOnly bool
	// kanaBound katakana names must not touch other katakana, so タイ
	// (Thailand) is not read inside タイトル or ネクタイ.
	kanaBound bool
	// withJapan names also stand for Japan joined to the entity: 日韓
	// (Japan–Korea), 日ASEAN.
	withJapan bool
	names     []string
}

func (g *nameGroup) inScope(lang string) bool {
	return g.langs == nil || slices.Contains(g.langs, lang)
}

// standIn reports a name that stands for a country without being its
// name: a city, a locality, an agency, a company, an official.
func (g *nameGroup) standIn() bool {
	return (g.ent == entVN || g.ent == entJP) && g.kind != "" && g.kind != "country"
}

var countryCodeRe = regexp.MustCompile(`^[A-Z]{2}$`)

// gazetteerKinds are the kinds a gazetteer group may declare.
var gazetteerKinds = []string{"country", "capital", "city", "locality", "agency", "company", "official", "scheme", "institution"}

// gazetteerGroup converts one configured group.
func gazetteerGroup(g crawler.NameGroup, countries map[string]string) (*nameGroup, error) {
	ng := &nameGroup{weight: 1, langs: g.Lang, kind: g.Kind, names: g.Names}
	switch g.For {
	case "viet-nam":
		ng.ent = entVN
	case "japan":
		ng.ent = entJP
	case "both":
		ng.ent = entPair
	case "region":
		ng.ent = entRegion
	case "neutral":
		ng.ent = entNeutral
	default:
		if !countryCodeRe.MatchString(g.For) {
			return nil, fmt.Errorf("for: %q is not viet-nam, japan, both, region, neutral or a country code such as KR", g.For)
		}
		if _, ok := countries[g.For]; !ok {
			return nil, fmt.Errorf("for: country %q has no name under classifier.countries", g.For)
		}
		ng.ent, ng.third = entThird, g.For
	}
	if g.Kind != "" && !slices.Contains(gazetteerKinds, g.Kind) {
		return nil, fmt.Errorf("kind: unknown kind %q (use one of %v)", g.Kind, gazetteerKinds)
	}
	ng.local, ng.city = g.Kind == "locality", g.Kind == "city"
	if g.Weight < 0 || g.Weight > 1 {
		return nil, fmt.Errorf("weight: %g is not between 0 and 1", g.Weight)
	}
	if g.Weight > 0 {
		ng.weight = float32(g.Weight)
	}
	for _, f := range g.Match {
		switch f {
		case "case":
			ng.caseSens = true
		case "accented":
			ng.accentOnly = true
		case "unaccented":
			ng.foldOnly = true
		case "kana-bound":
			ng.kanaBound = true
		case "with-japan":
			ng.withJapan = true
		default:
			return nil, fmt.Errorf("match: unknown flag %q (use case, accented, unaccented, kana-bound or with-japan)", f)
		}
	}
	if len(g.Names) == 0 {
		return nil, errors.New("names: the group has no names")
	}
	return ng, nil
}

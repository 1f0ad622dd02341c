package classify

// entity is what a recognised name stands for.
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
	entEnvoy                         // a political visitor: an ambassador, a minister of foreign affairs, a lawmaker (rule cue)
	entSide                          // one side of the talks: "the Japanese side", phía Việt Nam, 日本側 (rule cue)
	entTie                           // a tie between localities: "sister city", kết nghĩa, 友好都市 (rule cue)
	entWorkforce                     // workers or manpower that fill jobs: "workers", nhân lực, 人手 (rule cue)
	entTalks                         // talks between the two are the story's event: "held talks", hội đàm, 会談 (rule cue)
	entOutcome                       // an outcome or stance of talks: "agreed", nhất trí, 一致 (rule cue)
	entLeader                        // a head of government or state: "prime minister", Thủ tướng, 首相 (rule cue)
)

// scope says which documents a name is looked for in.
type scope uint8

const (
	scopeAll scope = iota
	scopeEN        // English (and Japanese, whose pages quote English)
	scopeVI        // Vietnamese
	scopeJA        // Japanese
)

// nameGroup is a set of spellings with the same meaning.
type nameGroup struct {
	ent    entity
	weight float32 // 1 for a country name; less for a city, leader or agency
	third  string  // country code when ent is entThird
	scope  scope
	local  bool // a province, prefecture or city government (local cooperation)
	city   bool // a big city: a locality in a tie, but often only a venue
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

func (g nameGroup) inScope(lang string) bool {
	switch g.scope {
	case scopeEN:
		return lang != "vi"
	case scopeVI:
		return lang == "vi"
	case scopeJA:
		return lang == "ja"
	}
	return true
}

// regionMembers are the countries that take part in Mekong–Japan and
// ASEAN–Japan meetings; they are not third parties in those stories.
var regionMembers = map[string]bool{
	"TH": true, "LA": true, "KH": true, "MM": true, "PH": true, "ID": true,
	"MY": true, "SG": true, "BN": true,
}

// countryNames are the English names of third-country codes, for evidence.
var countryNames = map[string]string{
	"KR": "South Korea", "KP": "North Korea", "CN": "China", "PH": "the Philippines",
	"US": "the United States", "TH": "Thailand", "ID": "Indonesia", "IN": "India",
	"LA": "Laos", "KH": "Cambodia", "AU": "Australia", "MM": "Myanmar",
	"MY": "Malaysia", "SG": "Singapore", "TW": "Taiwan", "RU": "Russia",
	"EU": "the European Union", "UK": "the United Kingdom", "FR": "France",
	"DE": "Germany", "BN": "Brunei", "NZ": "New Zealand", "CA": "Canada",
	"MN": "Mongolia", "BD": "Bangladesh", "BR": "Brazil",
}

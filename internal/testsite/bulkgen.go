package testsite

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// bulkKind is what a generated story is about.
type bulkKind int

const (
	kindRelations bulkKind = iota // Viet Nam with a Japanese partner: relevant
	kindOther                     // Viet Nam with another partner: a hard negative
)

// bulkSections are the sections generated stories are filed under.
var bulkSections = map[string][]string{
	"en": {"world", "business"},
	"vi": {"thoi-su", "kinh-te"},
	"ja": {"kokusai", "keizai"},
}

// relevantShare is the share of generated stories about the relationship:
// about what a broad regional feed carries.
const relevantShare = 0.4

// generateStories writes n distinct stories in English, Vietnamese and
// Japanese from the phrase banks, the same ones for the same seed. Each
// story draws its own sentences, actors, places and figures, so that no
// two are near-duplicates of each other. The newest is published at latest,
// the others every 37 minutes before it.
func generateStories(n int, seed uint64, latest time.Time) []*Story {
	out := make([]*Story, n)
	for i := range n {
		st := GenerateStory(i, seed, latest.Add(-time.Duration(i)*37*time.Minute))
		out[i] = &st
	}
	return out
}

// GenerateStory writes story number i of the generated site with this seed
// (see StartBulk), published at the given time: a fictional news story in
// English, Vietnamese or Japanese, about Viet Nam and Japan in about 40% of
// cases, with its labels. Stories are independent of each other, so any
// number can be generated one at a time.
func GenerateStory(i int, seed uint64, published time.Time) Story {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	langs := []string{"en", "vi", "ja"}
	return *generateStory(r, i, langs[r.IntN(len(langs))], published)
}

// generateStory writes story number i in lang.
func generateStory(r *rand.Rand, i int, lang string, published time.Time) *Story {
	ph := bulkPhrases[lang]
	kind, pillar := kindOther, ""
	if r.Float64() < relevantShare {
		kind = kindRelations
		pillars := []string{crawler.PillarEconomy, crawler.PillarDevelopment, crawler.PillarGreen, crawler.PillarLabour, crawler.PillarHealth}
		pillar = pillars[r.IntN(len(pillars))]
	}
	// Story-wide slots stay the same in every sentence, as a reporter's
	// actors and places do; the others are drawn afresh each time.
	fixed := map[string]string{"B": pick(r, ph.partners[kind]), "T": pick(r, ph.topics[pillar])}
	for _, k := range []string{"A", "Person", "Person2", "role", "Vcity", "Vcity2", "Jcity"} {
		fixed[k] = pick(r, ph.pools[k])
	}
	st := &Story{
		Slug:      fmt.Sprintf("bulk-%05d", i),
		Lang:      lang,
		Title:     ph.fill(r, pick(r, ph.headlines), fixed),
		Section:   pick(r, bulkSections[lang]),
		Published: published,
		Author:    pick(r, ph.pools["Person2"]),
		Relevant:  kind == kindRelations,
		Body:      ph.body(r, 7+r.IntN(10), fixed),
	}
	if st.Relevant {
		st.Pillars, st.Primary = []string{pillar}, pillar
	}
	return st
}

// body draws n different sentence templates in random order and groups
// them in paragraphs of two to four sentences.
func (ph *phrases) body(r *rand.Rand, n int, fixed map[string]string) []string {
	order := r.Perm(len(ph.sentences))[:min(n, len(ph.sentences))]
	sep := " "
	if ph == jaPhrases {
		sep = ""
	}
	var paras []string
	for len(order) > 0 {
		k := min(2+r.IntN(3), len(order))
		sentences := make([]string, k)
		for j, at := range order[:k] {
			sentences[j] = ph.fill(r, ph.sentences[at], fixed)
		}
		paras = append(paras, strings.Join(sentences, sep))
		order = order[k:]
	}
	return paras
}

// fill replaces each {slot} of tmpl with its fixed value or a fresh draw
// from its pool; an unknown slot is left as written, which the tests catch.
func (ph *phrases) fill(r *rand.Rand, tmpl string, fixed map[string]string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(tmpl, '{')
		end := strings.IndexByte(tmpl, '}')
		if open < 0 || end < open {
			b.WriteString(tmpl)
			return capitalise(b.String())
		}
		b.WriteString(tmpl[:open])
		slot := tmpl[open+1 : end]
		switch v, ok := fixed[slot]; {
		case ok:
			b.WriteString(v)
		case len(ph.pools[slot]) > 0:
			b.WriteString(pick(r, ph.pools[slot]))
		default:
			b.WriteString(tmpl[open : end+1])
		}
		tmpl = tmpl[end+1:]
	}
}

// capitalise upper-cases a leading ASCII letter ("the Ministry ..." opening
// a sentence).
func capitalise(s string) string {
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

func pick(r *rand.Rand, from []string) string { return from[r.IntN(len(from))] }

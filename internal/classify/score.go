package classify

import (
	"bytes"
	"sort"

	crawler "github.com/vnjp-monitor/crawler"
)

// assignScore is the evidence a pillar needs: one strong phrase, a term in
// two sentences, or a term in the title.
const assignScore = 2

// unanchoredScore is the evidence needed when no phrase is tied to the
// relationship.
const unanchoredScore = 3

// weakCap is the most that weak phrases add to a pillar's score.
const weakCap = 1

// pillarScore is the evidence gathered for one pillar.
type pillarScore struct {
	total float64 // decides whether the pillar is assigned
	solid bool    // some evidence is a term or a strong phrase, not only weak ones
	weak  float64 // the part of total from weak phrases, capped at weakCap
	// anchored is set when a term or strong phrase sits in the headline or
	// in a sentence naming both countries (or "the two countries").
	anchored bool
	prim     float64 // decides the primary: title and lead count more
	title    float64 // weight found in the title or slug
	enum     bool    // named in an enumeration of fields
	// sents counts the sentences with a term or strong phrase for the
	// pillar; lead is set when one of them is the headline or the lead.
	sents     int
	lead      bool
	dominated bool // its only phrase in a sentence where another pillar has several
	hits      []scoredHit
}

// scoredHit is a sentence's best phrase for a pillar, kept for evidence.
type scoredHit struct {
	sent       int
	start, end int
	w          float64
}

// scorePillars sums each pillar's evidence over the sentences.
func (c *Classifier) scorePillars(d *document, v verdict) []pillarScore {
	scores := make([]pillarScore, len(c.pillars))
	hits := d.terms
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].sent != hits[j].sent {
			return hits[i].sent < hits[j].sent
		}
		return hits[i].start < hits[j].start
	})
	for lo := 0; lo < len(hits); {
		hi := lo
		for hi < len(hits) && hits[hi].sent == hits[lo].sent {
			hi++
		}
		c.scoreSentence(d, v, hits[lo:hi], scores)
		lo = hi
	}
	return scores
}

// scoreSentence adds one sentence's best phrase per pillar, and marks the
// pillars of an enumeration.
func (c *Classifier) scoreSentence(d *document, v verdict, hits []termHit, scores []pillarScore) {
	si := hits[0].sent
	// Only a list of fields of cooperation names each field on its own.
	listing := d.hasCue(si, entCoop) && !d.hasCue(si, entStudy)
	kept := c.subAreas(d, si, dropExcluded(hits), listing)
	best, dominated := bestPhrases(kept)
	wa, wp := sentWeights(d, si)
	ctx := v.ctx[si]
	for p, h := range best {
		s := &scores[p]
		w := float64(h.weight) * ctx
		if h.weight < weightTerm {
			// Weak phrases top up other evidence; many of them are
			// still not evidence of a pillar.
			add := min(wa*w, weakCap-s.weak)
			s.weak += add
			w = add / wa
		}
		s.total += wa * w
		s.prim += wp * w
		s.solid = s.solid || h.weight >= weightTerm
		if h.weight >= weightTerm && ctx >= aloneContext {
			s.sents++
			// Political trust is left to the conventions (keepPolitical).
			s.dominated = dominated[p] && !listing && c.pillars[p].ID != crawler.PillarPolitical
			s.lead = s.lead || d.sents[si].kind != segBody || si == d.lead
		}
		s.anchored = s.anchored || (h.weight >= weightTerm && ctx >= 1)
		if k := d.sents[si].kind; k == segTitle || k == segSlug {
			s.title += w
		}
		s.hits = append(s.hits, scoredHit{sent: si, start: h.start, end: h.end, w: wa * w})
	}
	if ctx >= aloneContext && listing {
		markEnumeration(d.buffer(si), si, kept, best, scores)
	}
}

// bestPhrases returns each pillar's heaviest phrase in a sentence, and
// which pillars have a single term there while another pillar has
// several: a stray word in a sentence about something else.
func bestPhrases(kept []termHit) (best map[int]termHit, dominated map[int]bool) {
	best = map[int]termHit{}
	count := map[int]int{}
	most := 0
	for _, h := range kept {
		if b, ok := best[h.pillar]; !ok || h.weight > b.weight {
			best[h.pillar] = h
		}
		if h.weight >= weightTerm {
			count[h.pillar]++
			most = max(most, count[h.pillar])
		}
	}
	dominated = map[int]bool{}
	for p, n := range count {
		dominated[p] = n == 1 && most >= 2
	}
	return best, dominated
}

// subAreas applies the sub-areas convention of the contract to one
// sentence: in a list of fields of study ("majoring in engineering,
// medicine and economics") only education phrases count, and outside a
// list of fields, the training and language classes of workers stay
// labour ("must pass a Japanese-language test before departure").
func (c *Classifier) subAreas(d *document, si int, kept []termHit, listing bool) []termHit {
	edu, ok := c.index[crawler.PillarEducation]
	if !ok {
		return kept
	}
	lab, hasLab := c.index[crawler.PillarLabour]
	study := d.hasCue(si, entStudy)
	workers := false
	for _, h := range kept {
		workers = workers || (hasLab && h.pillar == lab && h.weight >= weightTerm)
	}
	if !study && (listing || !workers) {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		if (study && h.pillar == edu) || (!study && h.pillar != edu) {
			out = append(out, h)
		}
	}
	return out
}

// markEnumeration gives each pillar named in a list of fields of
// cooperation ("in defence, labour and culture") enough evidence.
func markEnumeration(buf []byte, si int, kept []termHit, best map[int]termHit, scores []pillarScore) {
	var items []termHit
	for _, h := range kept {
		if h.weight >= weightTerm { // weak words are not fields of cooperation
			items = append(items, h)
		}
	}
	for _, p := range enumerated(buf, items) {
		if !scores[p].enum {
			scores[p].enum = true
			h := best[p]
			scores[p].hits = append(scores[p].hits, scoredHit{sent: si, start: h.start, end: h.end, w: assignScore})
		}
	}
}

// sentWeights returns the weights of a sentence for assignment and for
// the primary: the headline says what the story is mostly about.
func sentWeights(d *document, i int) (assign, primary float64) {
	switch {
	case d.sents[i].kind == segTitle:
		return 2, 3
	case d.sents[i].kind == segSlug:
		return 1, 1.5
	case i == d.lead:
		return 1, 1.5
	}
	return 1, 1
}

// dropExcluded removes the phrases that lie inside an exclusion of their
// pillar ("security" inside "food security") and the exclusions
// themselves.
func dropExcluded(hits []termHit) []termHit {
	out := make([]termHit, 0, len(hits))
	for _, h := range hits {
		if h.weight < 0 {
			continue
		}
		excluded := false
		for _, x := range hits {
			if x.weight < 0 && x.pillar == h.pillar && x.start <= h.start && h.end <= x.end {
				excluded = true
				break
			}
		}
		if !excluded {
			out = append(out, h)
		}
	}
	return out
}

// enumerated returns the pillars named in a list of at least three
// fields ("cooperation in defence, labour and culture"): each counts.
func enumerated(buf []byte, hits []termHit) []int {
	var out []int
	var run []termHit
	flush := func() {
		seen := map[int]bool{}
		for _, h := range run {
			seen[h.pillar] = true
		}
		if len(seen) >= 3 {
			for p := range seen {
				out = append(out, p)
			}
		}
		run = run[:0]
	}
	runEnd := 0
	for _, h := range hits {
		// Overlapping phrases ("digital" in "digital transformation") stay
		// in the run; a gap must look like a list separator.
		if len(run) > 0 && h.start >= runEnd && !listGap(buf[runEnd:h.start]) {
			flush()
		}
		if len(run) == 0 || h.end > runEnd {
			runEnd = h.end
		}
		run = append(run, h)
	}
	flush()
	sort.Ints(out)
	return out
}

// listSeparators mark a gap between two items of a list.
var listSeparators = [][]byte{
	[]byte(","), []byte("、"), []byte(";"), []byte("・"), []byte("や"), []byte(" and "),
	[]byte(" và "), []byte(" va "), []byte(" or "), []byte(" as well as "), []byte(" cũng như "),
	[]byte("及び"), []byte("および"), []byte("/"),
}

// listGap reports a short gap with a list separator ("defence, ", " and ",
// "や") or a list number ("(2)").
func listGap(gap []byte) bool {
	if len(gap) > 20 {
		return false
	}
	for _, s := range listSeparators {
		if bytes.Contains(gap, s) {
			return true
		}
	}
	return listNumber(bytes.TrimSpace(gap))
}

// listNumber reports "(2)", "2)" or "2." between two items.
func listNumber(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("("))
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	rest := string(b[n:])
	return n > 0 && (rest == ")" || rest == ".")
}

// hasCue reports whether sentence i holds a rule cue of kind ent.
func (d *document) hasCue(i int, ent entity) bool {
	for _, h := range d.cues {
		if h.sent == i && h.g.ent == ent {
			return true
		}
	}
	return false
}

// assigned reports whether a pillar's evidence is enough: an enumeration,
// or a score of assignScore that rests on more than weak phrases and is
// either tied to the relationship (headline, a sentence naming both
// countries) or repeated enough to be the story's subject.
func (s *pillarScore) assigned() bool {
	if s.enum {
		return true
	}
	if s.sents < 2 && !s.lead && s.dominated {
		// One word in one sentence about another pillar ("built the
		// bridge, the airport and a hospital") is not the story's subject.
		return false
	}
	return s.total >= assignScore && s.solid && (s.anchored || s.total >= unanchoredScore)
}

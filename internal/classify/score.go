package classify

import (
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
	phrase     string // the phrase as configured; "" for a rule's own evidence
	weak       bool   // a weak phrase, which only tops up other evidence
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
	// The agreement goes first: "under the partnership agreement, nurse
	// candidates..." is not a list of that agreement's sub-areas.
	kept := c.labourAgreement(d, dropExcluded(hits))
	kept = c.subAreas(d, si, d.dropSubAreaLists(si, kept), listing)
	kept = c.investedPlant(c.chipTechnology(c.workerTrades(d, si, kept)))
	kept = c.regionalBackground(d, si, kept)
	best, dominated := bestPhrases(kept)
	pairedTerms(d.buffer(si), kept, best)
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
		s.hits = append(s.hits, scoredHit{sent: si, start: h.start, end: h.end, w: wa * w, phrase: h.phrase, weak: h.weight < weightTerm})
	}
	if ctx >= aloneContext && listing {
		markEnumeration(d, si, kept, best, scores)
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

// pairedTerms raises to a strong phrase the pillars named by two
// different terms joined in a list ("trade and investment", "thương mại,
// đầu tư"): the pair says as much as one strong phrase.
func pairedTerms(buf []byte, kept []termHit, best map[int]termHit) {
	var items []termHit
	for _, h := range kept {
		if h.weight >= weightTerm {
			items = append(items, h)
		}
	}
	for _, run := range listRuns(buf, items) {
		for i, h := range run {
			b := best[h.pillar]
			if b.weight >= weightStrong {
				continue
			}
			for _, o := range run[i+1:] {
				if o.pillar == h.pillar && o.phrase != h.phrase && o.start >= h.end {
					b.weight = weightStrong
					best[h.pillar] = b
					break
				}
			}
		}
	}
}

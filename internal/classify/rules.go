package classify

import (
	"sort"

	crawler "github.com/vnjp-monitor/crawler"
)

// ruleDecision is the hand-set decision on the pillars: the evidence
// thresholds and the labelling conventions. The learned model takes it
// as one of its inputs, beside the evidence it rests on.
type ruleDecision struct {
	assigned []bool
	prim     []float64 // primary scores after the conventions' raises
	order    []int     // assigned pillars, strongest first
	// final is set by a convention that settles the whole decision.
	final bool
	// localHeadline is set when the headline pairs a province with a
	// prefecture: local cooperation stays the primary whatever else the
	// story covers.
	localHeadline bool
}

// convention applies one of the contract's labelling conventions to the
// hand-set decision.
type convention struct {
	name string
	run  func(c *Classifier, d *document, r *ruleDecision)
}

// conventions run in this order on the pillars the evidence thresholds
// assigned; each is described where it is defined. A Mekong–Japan or
// ASEAN–Japan meeting goes first, as it settles everything; local ties
// come before political trust, which is not kept when local cooperation
// leads.
var conventions = []convention{
	{"framework-meeting", (*Classifier).frameworkMeeting},
	{"local-ties", (*Classifier).localTies},
	{"local-pair", (*Classifier).localPair},
	{"political-trust", (*Classifier).keepPolitical},
}

// decideByRules runs the evidence thresholds and the conventions: the
// conventions stage.
func (c *Classifier) decideByRules(d *document) {
	r := ruleDecision{assigned: make([]bool, len(d.scores)), prim: make([]float64, len(d.scores))}
	for p := range d.scores {
		r.assigned[p] = d.scores[p].assigned()
		r.prim[p] = d.scores[p].prim
	}
	for _, cv := range conventions {
		if !c.skip[cv.name] && !r.final {
			cv.run(c, d, &r)
		}
	}
	if loc, ok := c.index[crawler.PillarLocal]; ok && r.localHeadline && !r.final {
		r.raiseAbove(loc)
	}
	r.order = c.rank(r)
	d.rule = r
}

// assigned reports whether a pillar's evidence is enough: an enumeration,
// or a score of assignScore that rests on more than weak phrases and is
// either tied to the relationship (headline, a sentence naming both
// countries) or repeated enough to be the story's subject.
func (s *pillarScore) assigned() bool {
	if s.enum {
		return true
	}
	return s.total >= assignScore && s.solid && (s.anchored || s.total >= unanchoredScore)
}

// rank orders the assigned pillars by primary score. A relevant story
// always gets a pillar: the best-scoring one, or political trust (the
// relationship in general) when no term matched.
func (c *Classifier) rank(r ruleDecision) []int {
	var order []int
	for p, a := range r.assigned {
		if a {
			order = append(order, p)
		}
	}
	if len(order) == 0 {
		return []int{c.fallbackPillar(r.prim)}
	}
	sort.SliceStable(order, func(i, j int) bool { return r.prim[order[i]] > r.prim[order[j]] })
	return order
}

// fallbackPillar is the pillar of a relevant story without enough
// evidence for any: the best-scoring one, or political trust (the
// relationship in general) when no term matched.
func (c *Classifier) fallbackPillar(prim []float64) int {
	best := 0
	for p := range prim {
		if prim[p] > prim[best] {
			best = p
		}
	}
	if prim[best] == 0 {
		if p, ok := c.index[crawler.PillarPolitical]; ok {
			return p
		}
	}
	return best
}

// raiseAbove makes p the pillar with the highest primary score.
func (r *ruleDecision) raiseAbove(p int) {
	if top := r.top(p); top >= 0 {
		r.prim[p] = max(r.prim[p], r.prim[top]+1)
	}
}

// top returns the assigned pillar with the highest primary score,
// skipping skip; -1 when none is assigned.
func (r *ruleDecision) top(skip int) int {
	best := -1
	for p := range r.assigned {
		if !r.assigned[p] || p == skip {
			continue
		}
		if best < 0 || r.prim[p] > r.prim[best] {
			best = p
		}
	}
	return best
}

// cueIn reports whether a rule cue of kind ent is in one of the first
// sentences (title, lead and the one after), where the story's event is
// told, or anywhere.
func (d *document) cueIn(ent entity, anywhere bool) bool {
	for i := range d.sents {
		if !anywhere && !d.opening(i) {
			continue
		}
		if d.hasCue(i, ent) {
			return true
		}
	}
	return false
}

// opening reports the headline, the slug, the lead and the sentence
// after it: where a story tells its event.
func (d *document) opening(i int) bool {
	return d.sents[i].kind != segBody || (d.lead >= 0 && i <= d.lead+1)
}

// markedAnniversary reports a sentence that names an anniversary of the
// ties and a word marking it ("to celebrate", "nhân dịp", "記念"), in the
// opening sentences unless anywhere is set.
func (d *document) markedAnniversary(anywhere bool) bool {
	for i := range d.sents {
		if (anywhere || d.opening(i)) && d.hasCue(i, entAnniversary) && d.hasCue(i, entMarking) {
			return true
		}
	}
	return false
}

// hasTitle reports whether the article came with a headline.
func (d *document) hasTitle() bool {
	return len(d.sents) > 0 && d.sents[0].kind == segTitle
}

// frameworkMeeting applies the regional convention: a Mekong–Japan or
// ASEAN–Japan meeting told in the headline (or, without one, the URL
// slug or the lead) has a region-wide agenda, so it is
// regional-multilateral only.
func (c *Classifier) frameworkMeeting(d *document, r *ruleDecision) {
	reg, ok := c.index[crawler.PillarRegional]
	if !ok || !d.v.framework || !d.frameworkEvent() {
		return
	}
	for p := range r.assigned {
		r.assigned[p] = p == reg
	}
	r.final = true
}

// frameworkEvent reports a Mekong–Japan or ASEAN–Japan meeting told in
// the headline (or, without one, the URL slug or the lead).
func (d *document) frameworkEvent() bool {
	for i, s := range d.sc {
		if s.framework && (d.sents[i].kind != segBody || (i == d.lead && !d.hasTitle())) {
			return true
		}
	}
	return false
}

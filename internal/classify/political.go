package classify

import crawler "github.com/vnjp-monitor/crawler"

// keepPolitical applies the conventions on political trust: defence talks,
// a leader receiving a sectoral visitor and local ties are not political
// trust unless the relationship as a whole, a top-level visit or a marked
// anniversary is part of the story.
func (c *Classifier) keepPolitical(d *document, r *ruleDecision) {
	pol, ok := c.index[crawler.PillarPolitical]
	if !ok || !r.assigned[pol] {
		return
	}
	top := r.top(-1)
	localTop := false
	if p, ok := c.index[crawler.PillarLocal]; ok && top == p {
		localTop = true // "political trust at the local level" is still local
	}
	if top == pol && d.cueIn(entReception, false) && !d.cueIn(entEnvoy, false) && !d.cueIn(entVisit, false) &&
		!d.cueIn(entWhole, true) && r.top(pol) >= 0 {
		// A leader meeting a company or an agency head: the story is
		// the sector, even when it reads like a meeting.
		r.assigned[pol] = false
		return
	}
	if top == pol || ((d.cueIn(entWhole, true) || c.isOverview(d, r)) && !localTop) {
		return
	}
	if c.defenceTalks(d, r) {
		r.assigned[pol] = false
		return
	}
	// Political trust beside another primary pillar needs a visit at the
	// top, a summit or a marked anniversary; when a leader receives a
	// sectoral visitor, or the story is about defence talks or local
	// ties, that event must be the story's own (headline or lead).
	sectoral := d.cueIn(entReception, false)
	for _, id := range []string{crawler.PillarDefence, crawler.PillarLocal} {
		if p, ok := c.index[id]; ok && top == p && d.scores[pol].title == 0 {
			sectoral = true
		}
	}
	if d.scores[pol].enum && !sectoral {
		return // "cooperation in politics, economy and culture"
	}
	if !d.cueIn(entVisit, !sectoral) && !d.markedAnniversary(!sectoral) {
		r.assigned[pol] = false
	}
}

// overviewPillars is how many pillars make a story a general overview.
const overviewPillars = 4

// isOverview reports a general overview of the relationship: political
// trust in the headline, a summit or visit, or the relationship as a
// whole, across many pillars without a headline about one of them.
func (c *Classifier) isOverview(d *document, r *ruleDecision) bool {
	pol, ok := c.index[crawler.PillarPolitical]
	if !ok || !r.assigned[pol] {
		return false
	}
	n, inTitle := 0, 0
	for p, a := range r.assigned {
		if a {
			n++
			if d.scores[p].title > 0 && p != pol {
				inTitle++
			}
		}
	}
	if n < overviewPillars || (inTitle > 0 && inTitle < 3) {
		return false
	}
	return d.scores[pol].title > 0 || d.cueIn(entVisit, false) || d.cueIn(entWhole, false)
}

// defenceTalks reports talks between defence ministers: every sentence
// that gives political trust its evidence (talks, an official visit) is
// one about defence without a head of government in it, and neither the
// relationship as a whole nor a marked anniversary is part of the story.
// By the contract's convention they are defence, not political trust.
func (c *Classifier) defenceTalks(d *document, r *ruleDecision) bool {
	pol := c.index[crawler.PillarPolitical]
	def, ok := c.index[crawler.PillarDefence]
	if !ok || !r.assigned[def] || d.scores[pol].enum || d.cueIn(entWhole, true) || d.markedAnniversary(true) {
		return false
	}
	for _, h := range d.scores[pol].hits {
		if !h.weak && (!d.scores[def].hitIn(h.sent) || d.hasCue(h.sent, entLeader)) {
			return false
		}
	}
	return true
}

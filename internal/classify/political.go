package classify

import crawler "github.com/vnjp-monitor/crawler"

// keepPolitical applies the conventions on political trust: defence talks,
// a leader receiving a sectoral visitor and local ties are not political
// trust unless the relationship as a whole, a top-level visit or a marked
// anniversary is part of the story.
func (c *Classifier) keepPolitical(d *document, scores []pillarScore, assigned []bool) {
	pol, ok := c.index[crawler.PillarPolitical]
	if !ok || !assigned[pol] {
		return
	}
	top := topPillar(scores, assigned, -1)
	localTop := false
	if p, ok := c.index[crawler.PillarLocal]; ok && top == p {
		localTop = true // "political trust at the local level" is still local
	}
	if top == pol && d.cueIn(entReception, false) && !d.cueIn(entEnvoy, false) && !d.cueIn(entVisit, false) &&
		!d.cueIn(entWhole, true) && topPillar(scores, assigned, pol) >= 0 {
		// A leader meeting a company or an agency head: the story is
		// the sector, even when it reads like a meeting.
		assigned[pol] = false
		return
	}
	if top == pol || ((d.cueIn(entWhole, true) || c.isOverview(d, scores, assigned)) && !localTop) {
		return
	}
	if c.defenceTalks(d, scores, assigned) {
		assigned[pol] = false
		return
	}
	// Political trust beside another primary pillar needs a visit at the
	// top, a summit or a marked anniversary; when a leader receives a
	// sectoral visitor, or the story is about defence talks or local
	// ties, that event must be the story's own (headline or lead).
	sectoral := d.cueIn(entReception, false)
	for _, id := range []string{crawler.PillarDefence, crawler.PillarLocal} {
		if p, ok := c.index[id]; ok && top == p && scores[pol].title == 0 {
			sectoral = true
		}
	}
	if scores[pol].enum && !sectoral {
		return // "cooperation in politics, economy and culture"
	}
	if !d.cueIn(entVisit, !sectoral) && !d.markedAnniversary(!sectoral) {
		assigned[pol] = false
	}
}

// overview applies the contract's rule for a general overview of the
// relationship: political trust is primary when the story is about a
// summit, a visit or the relationship as a whole and spans many pillars
// without a headline about one of them.
func (c *Classifier) overview(d *document, scores []pillarScore, assigned []bool) {
	if c.isOverview(d, scores, assigned) {
		raiseAbove(scores, assigned, c.index[crawler.PillarPolitical])
	}
}

// isOverview reports a general overview of the relationship: political
// trust in the headline, a summit or visit, or the relationship as a
// whole, across many pillars without a headline about one of them.
func (c *Classifier) isOverview(d *document, scores []pillarScore, assigned []bool) bool {
	pol, ok := c.index[crawler.PillarPolitical]
	if !ok || !assigned[pol] {
		return false
	}
	n, inTitle := 0, 0
	for p, a := range assigned {
		if a {
			n++
			if scores[p].title > 0 && p != pol {
				inTitle++
			}
		}
	}
	if n < overviewPillars || (inTitle > 0 && inTitle < 3) {
		return false
	}
	return scores[pol].title > 0 || d.cueIn(entVisit, false) || d.cueIn(entWhole, false)
}

// defenceTalks reports talks between defence ministers: every sentence
// that gives political trust its evidence (talks, an official visit) is
// one about defence without a head of government in it, and neither the
// relationship as a whole nor a marked anniversary is part of the story.
// By the contract's convention they are defence, not political trust.
func (c *Classifier) defenceTalks(d *document, scores []pillarScore, assigned []bool) bool {
	pol := c.index[crawler.PillarPolitical]
	def, ok := c.index[crawler.PillarDefence]
	if !ok || !assigned[def] || scores[pol].enum || d.cueIn(entWhole, true) || d.markedAnniversary(true) {
		return false
	}
	for _, h := range scores[pol].hits {
		if !h.weak && (!scores[def].hitIn(h.sent) || d.hasCue(h.sent, entLeader)) {
			return false
		}
	}
	return true
}

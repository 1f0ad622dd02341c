package classify

import crawler "github.com/vnjp-monitor/crawler"

// localTies applies the local-government convention: a Vietnamese
// province and a Japanese prefecture in one sentence are local
// cooperation, and when the headline (or the lead, without one) pairs
// them, that is the story's primary pillar even if it speaks of talks or
// trust.
func (c *Classifier) localTies(d *document, r *ruleDecision) {
	loc, ok := c.index[crawler.PillarLocal]
	if !ok {
		return
	}
	for i, s := range d.sc {
		if d.v.ctx[i] < 1 || !d.localTie(i, s, &d.scores[loc]) {
			continue
		}
		r.assigned[loc] = true
		r.prim[loc] += assignScore
		d.scores[loc].addHit(scoredHit{sent: i, start: d.sents[i].off, end: d.sents[i].off, w: assignScore})
		if d.sents[i].kind != segBody || (i == d.lead && !d.hasTitle()) {
			r.raiseAbove(loc)
			r.localHeadline = true
		}
	}
}

// localTie reports a sentence tying localities of the two countries:
// a province and a prefecture in a sentence about cooperation, or any
// two localities, big cities included, with a tie between them ("Hai
// Phong and Kitakyushu renewed their friendship agreement"). "Flights
// between Da Nang and Fukuoka" are not ties between them.
func (d *document) localTie(i int, s sentCountries, loc *pillarScore) bool {
	if s.placeVN && s.placeJP && (d.hasCue(i, entTie) || loc.hitIn(i)) {
		return true
	}
	if !s.localVN || !s.localJP {
		return false
	}
	return d.sents[i].kind != segBody || d.hasCue(i, entCoop)
}

// localPair applies the contract's local-government convention from the
// other end: local cooperation needs localities of the two countries
// named together ("Bac Ninh and Aichi signed..."), or a tie between
// localities (the locality-tie role: "sister city", kết nghĩa, 友好都市)
// in a story naming a locality or in a sentence about the two
// countries, or a list of fields naming local cooperation. A people's
// committee or "local authorities" alone are not a tie with the other
// country.
func (c *Classifier) localPair(d *document, r *ruleDecision) {
	loc, ok := c.index[crawler.PillarLocal]
	if !ok || !r.assigned[loc] || d.scores[loc].enum {
		return
	}
	if !d.localitiesTied() {
		r.assigned[loc] = false
	}
}

// localitiesTied reports localities of the two countries named together,
// or a tie between localities in a sentence about cooperation or an
// agreement (or the headline) in a story naming a locality, or such a tie
// in a sentence about the two countries.
func (d *document) localitiesTied() bool {
	place, tie := false, false
	for i, s := range d.sc {
		if d.v.ctx[i] < aloneContext {
			continue
		}
		if s.placeVN && s.placeJP {
			return true
		}
		place = place || s.placeVN || s.placeJP
		// "Booths from eight Japanese prefectures" names localities but
		// no tie: the sentence must speak of cooperation or an
		// agreement, or be the headline.
		if d.hasCue(i, entTie) && (d.sents[i].kind != segBody || d.hasCue(i, entCoop) || d.hasCue(i, entOutcome)) {
			tie = true
			if d.v.ctx[i] >= 1 {
				return true
			}
		}
	}
	return place && tie
}

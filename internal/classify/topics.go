package classify

import (
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
)

// chipTechnology applies the contract's note on semiconductors: a pure
// semiconductor story is not science and technology. In a sentence about
// chips, generic technology words describe the chips ("semiconductor
// R&D", "high-tech chip plants") and do not count; a field of its own
// named there ("semiconductors, AI and digital transformation") does.
//
// Likewise a transfer of technology in a sentence about health or
// defence (vaccine production, defence equipment) is that sector's
// sub-area.
func (c *Classifier) chipTechnology(kept []termHit) []termHit {
	sci, ok1 := c.index[crawler.PillarScience]
	chip, ok2 := c.index[crawler.PillarSemiconductors]
	if !ok1 || !ok2 {
		return kept
	}
	hasChip, sector := false, false
	for _, h := range kept {
		hasChip = hasChip || (h.pillar == chip && h.weight >= weightTerm)
		sector = sector || c.sectorTech(h)
	}
	if !hasChip && !sector {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		ph := strings.ToLower(h.phrase)
		drop := h.pillar == sci && ((hasChip && genericTech[ph]) || (sector && techTransfer[ph]))
		if !drop {
			out = append(out, h)
		}
	}
	return out
}

// techTransfer are the phrases for a transfer of technology.
var techTransfer = map[string]bool{
	"technology transfer": true, "chuyển giao công nghệ": true, "技術移転": true,
}

// sectorTech reports a strong phrase of health or defence, whose
// technology belongs to them.
func (c *Classifier) sectorTech(h termHit) bool {
	if h.weight < weightStrong {
		return false
	}
	id := c.pillars[h.pillar].ID
	return id == crawler.PillarHealth || id == crawler.PillarDefence
}

// genericTech are the science-and-technology phrases that say no more
// than "advanced": beside chips they describe the chip industry, so a
// story with semiconductors needs other evidence for science and
// technology (innovation, AI, digital transformation, space...).
var genericTech = map[string]bool{
	"high-tech": true, "hi-tech": true, "high technology": true, "technology": true,
	"technologies": true, "tech": true, "r&d": true, "research and development": true,
	"research*": true, "research": true, "công nghệ cao": true, "công nghệ": true, "nghiên cứu": true,
	"ハイテク": true, "先端技術": true, "技術": true, "研究開発": true, "研究": true,
}

// chipStory drops science and technology from a semiconductor story
// when all its evidence is generic technology words.
func (c *Classifier) chipStory(scores []pillarScore, assigned []bool) {
	sci, ok1 := c.index[crawler.PillarScience]
	chip, ok2 := c.index[crawler.PillarSemiconductors]
	if !ok1 || !ok2 || !assigned[sci] || !assigned[chip] {
		return
	}
	for _, h := range scores[sci].hits {
		if !genericTech[strings.ToLower(h.phrase)] {
			return
		}
	}
	assigned[sci] = false
}

// localPair applies the contract's local-government convention from the
// other end: local cooperation needs localities of the two countries
// named together ("Bac Ninh and Aichi signed..."), or a tie between
// localities ("sister city", kết nghĩa, 友好都市, "Japanese localities")
// in a story naming a locality or in a sentence about the two
// countries, or a list of fields naming local cooperation. A people's
// committee or "local authorities" alone are not a tie with the other
// country.
func (c *Classifier) localPair(d *document, v verdict, sc []sentCountries, scores []pillarScore, assigned []bool) {
	loc, ok := c.index[crawler.PillarLocal]
	if !ok || !assigned[loc] || scores[loc].enum {
		return
	}
	place, tie := false, false
	for i, s := range sc {
		if v.ctx[i] < aloneContext {
			continue
		}
		if s.placeVN && s.placeJP {
			return
		}
		place = place || s.placeVN || s.placeJP
		// "Booths from eight Japanese prefectures" names localities but
		// no tie: the sentence must speak of cooperation or an
		// agreement, or be the headline.
		if d.hasCue(i, entTie) && (d.sents[i].kind != segBody || d.hasCue(i, entCoop) || d.hasCue(i, entOutcome)) {
			tie = true
			if v.ctx[i] >= 1 {
				return
			}
		}
	}
	if !place || !tie {
		assigned[loc] = false
	}
}

// anniversaryEvent applies the anniversary convention to the primary:
// when political trust rests only on an anniversary that an event marks
// (a festival, a concert, a match "to celebrate 50 years of diplomatic
// relations"), the event is what the story is about, so its own pillar
// is primary and political trust second.
func (c *Classifier) anniversaryEvent(d *document, scores []pillarScore, assigned []bool) {
	pol, ok := c.index[crawler.PillarPolitical]
	if !ok || !assigned[pol] || topPillar(scores, assigned, -1) != pol || !d.markedAnniversary(true) {
		return
	}
	if d.cueIn(entVisit, true) || d.cueIn(entWhole, true) {
		return
	}
	for _, h := range scores[pol].hits {
		top := d.sents[h.sent].kind != segBody || h.sent == d.lead
		if top && !h.weak && !d.hasCue(h.sent, entAnniversary) && !d.hasCue(h.sent, entMarking) {
			return // the story opens on talks or ties: political trust stands on its own
		}
	}
	// The event must be told where the anniversary is: in the headline
	// or the lead.
	if ev := topPillar(scores, assigned, pol); ev >= 0 && scores[ev].lead {
		raiseAbove(scores, assigned, ev)
	}
}

// localTie reports a sentence tying localities of the two countries:
// a province and a prefecture in a sentence about cooperation, or any
// two localities, big cities included, with a tie between them ("Hai
// Phong and Kitakyushu renewed their friendship agreement"). "Flights
// between Da Nang and Fukuoka" are not ties between them.
func (c *Classifier) localTie(d *document, i int, s sentCountries, loc pillarScore) bool {
	if s.placeVN && s.placeJP && (d.hasCue(i, entTie) || loc.hitIn(i)) {
		return true
	}
	if !s.localVN || !s.localJP {
		return false
	}
	return d.sents[i].kind != segBody || d.hasCue(i, entCoop)
}

// labourAgreement applies the contract's labour convention to the
// economic partnership agreements under which Japan takes Vietnamese
// nurses and caregivers: in a story about workers (labour has a strong
// phrase), an agreement named in a sentence about the workers is the
// legal basis of their scheme, not a statement about trade.
func (c *Classifier) labourAgreement(d *document, kept []termHit) []termHit {
	lab, ok1 := c.index[crawler.PillarLabour]
	eco, ok2 := c.index[crawler.PillarEconomy]
	if !ok1 || !ok2 || !d.strongFor(lab) {
		return kept
	}
	workers := false
	for _, h := range kept {
		workers = workers || (h.pillar == lab && h.weight >= weightTerm)
	}
	if !workers {
		return kept
	}
	var spans [][2]int
	for _, h := range kept {
		if h.pillar == eco && partnershipAgreement[strings.ToLower(h.phrase)] {
			spans = append(spans, [2]int{h.start, h.end})
		}
	}
	if len(spans) == 0 {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		if h.pillar != eco || !inSpans(h, spans) {
			out = append(out, h)
		}
	}
	return out
}

// inSpans reports whether h lies inside one of spans: "economic" inside
// "economic partnership agreement" goes with it.
func inSpans(h termHit, spans [][2]int) bool {
	for _, s := range spans {
		if s[0] <= h.start && h.end <= s[1] {
			return true
		}
	}
	return false
}

// partnershipAgreement are the economy phrases that name the economic
// partnership agreements themselves.
var partnershipAgreement = map[string]bool{
	"economic partnership agreement": true, "vjepa": true, "jvepa": true, "ajcep": true,
	"hiệp định đối tác kinh tế": true, "経済連携": true,
}

// regionalBackground applies the contract's bar for regional and
// multilateral coordination: a regional body or framework named in a
// sentence that reports no coordination, cooperation or stance ("both
// countries have benefited from the CPTPP", "the highest share in
// ASEAN") is background, not a statement about coordinating there.
// Headlines are left alone.
func (c *Classifier) regionalBackground(d *document, si int, kept []termHit) []termHit {
	reg, ok := c.index[crawler.PillarRegional]
	if !ok || d.sents[si].kind != segBody || d.hasCue(si, entOutcome) || c.coopOutsideAgreement(d, si, kept) {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		if h.pillar != reg {
			out = append(out, h)
		}
	}
	return out
}

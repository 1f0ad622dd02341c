package classify

import crawler "github.com/vnjp-monitor/crawler"

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

// coopOutsideAgreement reports a cooperation cue in sentence si that is
// not part of an economic partnership agreement's name: "the economic
// partnership agreement and the CPTPP helped exports" describes no
// cooperation, so the regional framework there is background.
func (c *Classifier) coopOutsideAgreement(d *document, si int, kept []termHit) bool {
	eco := c.index[crawler.PillarEconomy]
	for _, h := range d.sentCues(si) {
		if h.g.ent != entCoop {
			continue
		}
		inside := false
		for _, t := range kept {
			if t.pillar == eco && c.vocab.isTagged(tagPartnershipAgreement, t.phrase) &&
				t.start <= h.start && h.end <= t.end {
				inside = true
				break
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

package classify

import (
	"strings"

	crawler "github.com/vnjp-monitor/crawler"
)

// investedPlant applies the contract's convention that foreign direct
// investment in the energy sector stays economy: a power plant named in a
// sentence about investors putting money into it ("a consortium will
// invest in a thermal power plant", 発電所に出資) is a business project,
// not development aid. When the plant is the sentence's only development
// phrase and the sentence carries economy evidence, the plant does not
// count for development; a loan, ODA or JICA beside it keeps it there.
func (c *Classifier) investedPlant(kept []termHit) []termHit {
	dev, ok1 := c.index[crawler.PillarDevelopment]
	eco, ok2 := c.index[crawler.PillarEconomy]
	if !ok1 || !ok2 {
		return kept
	}
	plant, other, business := false, false, false
	for _, h := range kept {
		switch {
		case h.pillar == dev && powerPlant[strings.ToLower(h.phrase)]:
			plant = true
		case h.pillar == dev && h.weight >= weightTerm:
			other = true
		case h.pillar == eco && h.weight >= weightTerm:
			business = true
		}
	}
	if !plant || other || !business {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		if h.pillar != dev || !powerPlant[strings.ToLower(h.phrase)] {
			out = append(out, h)
		}
	}
	return out
}

// powerPlant are the development phrases naming a power plant.
var powerPlant = map[string]bool{
	"power plant": true, "power plants": true, "nhà máy điện": true, "発電所": true,
}

// isListNumber reports whether a sentence is only the number of an item
// in a list ("3.", "4)"), which the splitter leaves on its own.
func isListNumber(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ".)")
	if s == "" || len(s) > 2 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// numberedOutcome reports whether sentence i is an item of a numbered
// list: press releases give the outcomes of talks as one, each item often
// naming one country only ("3. Japan will continue to provide ODA...").
func (d *document) numberedOutcome(i int) bool {
	return i > 0 && d.sents[i].kind == segBody && d.sents[i-1].para == d.sents[i].para &&
		isListNumber(d.sents[i-1].text)
}

// coopOutsideAgreement reports a cooperation cue in sentence si that is
// not part of an economic partnership agreement's name: "the economic
// partnership agreement and the CPTPP helped exports" describes no
// cooperation, so the regional framework there is background.
func (c *Classifier) coopOutsideAgreement(d *document, si int, kept []termHit) bool {
	eco := c.index[crawler.PillarEconomy]
	for _, h := range d.cues {
		if h.sent != si || h.g.ent != entCoop {
			continue
		}
		inside := false
		for _, t := range kept {
			if t.pillar == eco && partnershipAgreement[strings.ToLower(t.phrase)] &&
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

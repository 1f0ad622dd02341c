package classify

import "fmt"

// Relevance thresholds. A story is relevant when its pair score reaches
// relevantScore: one sentence naming both countries plus a couple of
// other mentions, or a headline naming both.
const (
	relevantScore = 1.5
	listPenalty   = 0.3  // a sentence listing several countries pairs them only weakly
	thirdRatio    = 0.5  // a third country pairing twice as strongly as Viet Nam–Japan takes the story
	otherContext  = 0.3  // weight of pillar evidence in a sentence about a third country only
	shortText     = 4    // sentences in a brief item
	aloneContext  = 0.75 // weight of pillar evidence in a sentence that does not name both countries
)

// verdict is the relevance decision with what the pillar stage needs.
type verdict struct {
	relevant  bool
	score     float64 // 0..1
	framework bool    // a Mekong–Japan or ASEAN–Japan story Viet Nam takes part in
	ctx       []float64
	evidence  []string
}

// segWeight is how much a sentence's names count: a headline says what
// the story is about.
func segWeight(k segKind) float64 {
	switch k {
	case segTitle:
		return 3
	case segSlug:
		return 1.5
	}
	return 1
}

// judge decides relevance from the sentence summaries.
func (d *document) judge(sc []sentCountries) verdict {
	v := verdict{}
	var vn, jp float64
	framework, vnActs := false, false
	for _, s := range sc {
		vn += float64(s.vn)
		jp += float64(s.jp)
		framework = framework || s.framework
		// Viet Nam takes part when it is named on its own, not as one of
		// a list of member countries.
		vnActs = vnActs || (s.vn > 0 && (s.framework || len(s.third) < 2))
	}
	v.framework = framework && vnActs
	v.ctx = d.contexts(sc, v.framework)
	if vn == 0 || jp == 0 {
		v.evidence = []string{absentReason(vn, jp)}
		return v
	}
	d.decide(&v, sc, vn, jp)
	return v
}

// decide scores the Viet Nam–Japan pair against the third countries and
// explains the outcome.
func (d *document) decide(v *verdict, sc []sentCountries, vn, jp float64) {
	vj, thirds := d.pairs(sc, v.framework)
	vj.count = min(vn, jp)
	score := vj.strength()
	code, top := strongestThird(thirds)
	if score >= top {
		score += 0.5 * min(float64(cueSentences(sc)), 4)
	}
	if top == 0 && d.bodySentences() <= shortText {
		// A brief item naming both countries together is about them.
		score += vj.co
	}
	switch {
	case vj.co > 0 && vj.listOnly && !v.framework:
		v.score = 0.2
		v.evidence = append([]string{"Viet Nam and Japan are named together only in a list of countries"}, d.quote(vj.best(), 2)...)
	case vj.co == 0 && !v.framework && min(vn, jp) < 2:
		v.score = 0.2
		v.evidence = append([]string{passingReason(vn, jp)}, d.quote(d.mentioning(sc, jp <= vn), 2)...)
	case !v.framework && d.tailMention(sc):
		v.score = 0.3
		v.evidence = append([]string{"one of the two countries is named in one sentence only"}, d.quote(vj.best(), 2)...)
	case top > 0 && score < thirdRatio*top:
		v.score = 0.49 * score / top
		reason := fmt.Sprintf("mainly about %s with %s", sideOf(sc, code), countryNames[code])
		v.evidence = append([]string{reason}, d.quote(thirds[code].best(), 2)...)
	default:
		v.score = score / (score + relevantScore)
		v.relevant = v.score >= 0.5
		v.evidence = d.quote(vj.best(), 3)
		if !v.relevant {
			v.evidence = append([]string{"Viet Nam and Japan rarely named together"}, v.evidence...)
		}
	}
}

// contexts weighs each sentence's pillar evidence: full in the headline
// and in sentences about the two countries, little in sentences about a
// third country, less in sentences naming only one of the two.
func (d *document) contexts(sc []sentCountries, framework bool) []float64 {
	ctx := make([]float64, len(sc))
	talks := d.cueIn(entTalks, false) || d.cueIn(entVisit, false)
	for i, s := range sc {
		switch {
		case (s.vn > 0 && s.jp > 0) || s.pair || s.cue || s.framework || d.sents[i].kind != segBody:
			ctx[i] = 1
		case d.hasCue(i, entSide) && countOutsiders(s, framework) == 0:
			// "The Japanese side will...": an outcome of the talks,
			// which press releases give one side at a time.
			ctx[i] = 1
		case talks && d.numberedOutcome(i) && countOutsiders(s, framework) == 0:
			// "3. Japan will continue to provide ODA...": a numbered
			// outcome of the talks names one side at a time.
			ctx[i] = 1
		case talks && d.hasCue(i, entOutcome) && (countOutsiders(s, framework) == 0 || s.vn+s.jp == 0):
			// "On defence, the leaders agreed...", "Thủ tướng đề nghị
			// Nhật...": an outcome of the talks the story reports, even
			// when it is about a third country ("they exchanged views on
			// North Korea and agreed...").
			ctx[i] = 1
		case countOutsiders(s, framework) > 0:
			ctx[i] = otherContext
		case s.vn == 0 && s.jp == 0 && i > 0 && d.sents[i-1].kind == segBody && d.sents[i-1].para == d.sents[i].para:
			// "They also agreed...": a sentence naming no one goes on
			// with the one before it.
			ctx[i] = ctx[i-1]
		default:
			ctx[i] = aloneContext
		}
	}
	return ctx
}

// cueSentences counts sentences with a bilateral cue ("the two
// countries") that are not lists of countries.
func cueSentences(sc []sentCountries) int {
	n := 0
	for _, s := range sc {
		if s.cue && len(s.third) < 2 {
			n++
		}
	}
	return n
}

// mentioning lists the sentences naming Japan (or Viet Nam).
func (d *document) mentioning(sc []sentCountries, japan bool) []int {
	var out []int
	for i, s := range sc {
		if (japan && s.jp > 0) || (!japan && s.vn > 0) {
			out = append(out, i)
		}
	}
	return out
}

func absentReason(vn, jp float64) string {
	switch {
	case vn == 0 && jp == 0:
		return "neither Viet Nam nor Japan is named"
	case jp == 0:
		return "Japan is not named"
	}
	return "Viet Nam is not named"
}

func passingReason(vn, jp float64) string {
	if vn < jp {
		return "Viet Nam is named only in passing"
	}
	return "Japan is named only in passing"
}

func (d *document) bodySentences() int {
	n := 0
	for _, s := range d.sents {
		if s.kind == segBody {
			n++
		}
	}
	return n
}

// tailMention reports a story that names one of the two countries in a
// single sentence after the lead ("no Japanese were hurt, the embassy
// said"): a passing mention even though that sentence names both.
func (d *document) tailMention(sc []sentCountries) bool {
	short := d.bodySentences() <= shortText
	var nvn, njp, atVN, atJP int
	for i, s := range sc {
		if s.vn > 0 || s.pair {
			nvn, atVN = nvn+1, i
		}
		if s.jp > 0 || s.pair {
			njp, atJP = njp+1, i
		}
	}
	// In a brief item only a closing aside is passing ("..., Vietnamese
	// workers included"): a middle sentence may be the point.
	late := func(i int) bool {
		return d.sents[i].kind == segBody && i > d.lead+1 && (!short || i == len(d.sents)-1)
	}
	return (njp == 1 && late(atJP)) || (nvn == 1 && late(atVN))
}

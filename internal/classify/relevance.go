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
	score     float64 // 0..1: the model's probability, or the rules' score without a model
	rule      float64 // the pairing rules' score, 0..1
	reason    string  // why the rules found the story not relevant; "" when they did
	framework bool    // a Mekong–Japan or ASEAN–Japan story Viet Nam takes part in
	ctx       []float64
	pair      pairStats // the Viet Nam–Japan pairing
	thirdTop  float64   // the strongest third country's pairing
	sents     []int     // the sentences that decided, strongest first
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

// judge decides relevance by the pairing rules from the sentence
// summaries.
func (d *document) judge(vocab *vocabulary) {
	regionMembers := vocab.regionMembers
	sc := d.sc
	v := &d.v
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
	v.ctx = d.contexts(v.framework, regionMembers)
	if vn == 0 || jp == 0 {
		v.reason = absentReason(vn, jp)
		return
	}
	d.decide(vn, jp, vocab)
}

// decide scores the Viet Nam–Japan pair against the third countries and
// explains the outcome.
func (d *document) decide(vn, jp float64, vocab *vocabulary) {
	sc, v, members := d.sc, &d.v, vocab.regionMembers
	vj, thirds := d.pairs(v.framework, members)
	vj.count = min(vn, jp)
	score := vj.strength()
	code, top := strongestThird(thirds)
	v.pair, v.thirdTop = *vj, top
	if score >= top {
		score += 0.5 * min(float64(cueSentences(sc)), 4)
	}
	if top == 0 && d.bodySentences() <= shortText {
		// A brief item naming both countries together is about them.
		score += vj.co
	}
	switch {
	case vj.co > 0 && vj.listOnly && !v.framework:
		v.rule = 0.2
		v.reason = "Viet Nam and Japan are named together only in a list of countries"
		v.sents = vj.best()
	case vj.co == 0 && !v.framework && min(vn, jp) < 2:
		v.rule = 0.2
		v.reason = passingReason(vn, jp)
		v.sents = d.mentioning(jp <= vn)
	case !v.framework && d.tailMention():
		v.rule = 0.3
		v.reason = "one of the two countries is named in one sentence only"
		v.sents = vj.best()
	case top > 0 && score < thirdRatio*top:
		v.rule = 0.49 * score / top
		v.reason = fmt.Sprintf("mainly about %s with %s", sideOf(sc, code), vocab.countryName(code))
		v.sents = thirds[code].best()
	default:
		v.rule = score / (score + relevantScore)
		v.sents = vj.best()
		if v.rule < 0.5 {
			v.reason = "Viet Nam and Japan rarely named together"
		}
	}
}

// contexts weighs each sentence's pillar evidence: full in the headline
// and in sentences about the two countries, little in sentences about a
// third country, less in sentences naming only one of the two.
func (d *document) contexts(framework bool, members map[string]bool) []float64 {
	sc := d.sc
	ctx := make([]float64, len(sc))
	talks := d.cueIn(entTalks, false) || d.cueIn(entVisit, false)
	for i, s := range sc {
		switch {
		case (s.vn > 0 && s.jp > 0) || s.pair || s.cue || s.framework || d.sents[i].kind != segBody:
			ctx[i] = 1
		case d.hasCue(i, entSide) && countOutsiders(s, framework, members) == 0:
			// "The Japanese side will...": an outcome of the talks,
			// which press releases give one side at a time.
			ctx[i] = 1
		case talks && d.hasCue(i, entOutcome) && (countOutsiders(s, framework, members) == 0 || s.vn+s.jp == 0):
			// "On defence, the leaders agreed...", "Thủ tướng đề nghị
			// Nhật...": an outcome of the talks the story reports, even
			// when it is about a third country ("they exchanged views on
			// North Korea and agreed...").
			ctx[i] = 1
		case countOutsiders(s, framework, members) > 0:
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
func (d *document) mentioning(japan bool) []int {
	var out []int
	for i, s := range d.sc {
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
func (d *document) tailMention() bool {
	sc := d.sc
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

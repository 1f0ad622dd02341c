package classify

import "math"

// The models' inputs, by name, in the order of their weights. A model
// file names the features it was trained on, so one written for other
// features is refused rather than misread.
var (
	// relevanceFeatures describe how the two countries are paired.
	relevanceFeatures = []string{
		"rule-score",        // the pairing rules' score, 0..1
		"pair-sentences",    // log(1 + sentences naming both, the headline weighing more)
		"headline-pair",     // the headline (or the URL slug) names both
		"joined",            // the two joined somewhere: "Viet Nam–Japan", 日越
		"bilateral-cues",    // log(1 + sentences with "the two countries")
		"weaker-side",       // log(1 + mentions of the less named of the two)
		"third-share",       // the strongest third country's share of the pairing
		"list-only",         // named together only in lists of countries
		"passing",           // never named together, one of them rarely
		"tail-mention",      // one of them named in a single late sentence
		"framework",         // a Mekong–Japan or ASEAN–Japan meeting Viet Nam takes part in
		"stand-ins",         // the share of mentions made through cities, agencies, companies, officials
		"cooperation-terms", // log(1 + taxonomy phrases in sentences naming both)
	}
	// pillarFeatures describe one pillar's evidence in one article.
	pillarFeatures = []string{
		"rule",        // the hand-set decision (thresholds and conventions) assigns it
		"evidence",    // log(1 + the hand-set evidence score)
		"both",        // log(1 + sentences about the two countries with one of its phrases)
		"strong-both", // log(1 + those whose phrase is a strong one)
		"one-side",    // log(1 + sentences naming one side only)
		"weak-only",   // only weak phrases
		"headline",    // a phrase in the headline
		"lead",        // a phrase in the lead
		"listed",      // named in a list of fields of cooperation
		"enumerated",  // named in a list of three fields or more
		"share",       // its share of all pillars' evidence
		"rule-top",    // the hand-set decision's primary
		"concrete",    // log(1 + sentences where it stands beside a word of cooperation or an outcome)
		"density",     // log(1 + the most distinct phrases it has in one sentence)
	}
	// primaryFeatures describe a candidate for the primary pillar.
	primaryFeatures = []string{
		"rule-top",        // the hand-set decision's primary
		"primary-share",   // its share of the candidates' evidence, headline and lead weighing more
		"headline",        // a phrase in the headline
		"lead",            // a phrase in the lead
		"first",           // the first of the candidates the story names
		"sentence-share",  // its share of the candidates' sentences
		"presence",        // the presence model's log-odds, clamped to ±4 and scaled to ±1
		"enumerated-only", // named only in a list of fields
		"overview",        // political trust in a story about a visit, a summit or the relationship across four pillars or more
	}
)

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func log1p(x float64) float64 { return math.Log1p(max(x, 0)) }

// relevanceVector computes the relevance features of a document.
func (d *document) relevanceVector() []float64 {
	v := &d.v
	var vn, jp, stand float64
	headline, joined := false, false
	coop := 0
	for i, s := range d.sc {
		vn += float64(s.vn)
		jp += float64(s.jp)
		stand += float64(s.standVN + s.standJP)
		both := (s.vn > 0 && s.jp > 0) || s.pair
		headline = headline || (both && d.sents[i].kind != segBody)
		joined = joined || s.pair
	}
	for _, h := range d.terms {
		s := d.sc[h.sent]
		if h.weight >= weightTerm && ((s.vn > 0 && s.jp > 0) || s.pair || s.cue) {
			coop++
		}
	}
	third := 0.0
	if st := v.pair.strength(); v.thirdTop > 0 {
		third = v.thirdTop / (v.thirdTop + st)
	}
	standShare := 0.0
	if vn+jp > 0 {
		standShare = stand / (vn + jp)
	}
	return []float64{
		v.rule,
		log1p(v.pair.co),
		b2f(headline),
		b2f(joined),
		log1p(float64(cueSentences(d.sc))),
		log1p(min(vn, jp)),
		third,
		b2f(v.pair.co > 0 && v.pair.listOnly),
		b2f(v.pair.co == 0 && min(vn, jp) < 2),
		b2f(!v.framework && d.tailMention()),
		b2f(v.framework),
		standShare,
		log1p(float64(coop)),
	}
}

// pillarVector computes pillar p's features.
func (d *document) pillarVector(p int) []float64 {
	s := &d.scores[p]
	sum := 0.0
	for q := range d.scores {
		sum += d.scores[q].total
	}
	share := 0.0
	if sum > 0 {
		share = s.total / sum
	}
	return []float64{
		b2f(d.rule.assigned[p]),
		log1p(s.total),
		log1p(float64(s.both)),
		log1p(float64(s.strongBoth)),
		log1p(float64(s.oneSide)),
		b2f(s.total > 0 && !s.solid),
		b2f(s.title > 0),
		b2f(s.lead),
		b2f(s.listed),
		b2f(s.enum),
		share,
		b2f(len(d.rule.order) > 0 && d.rule.order[0] == p && d.rule.assigned[p]),
		log1p(float64(s.concrete)),
		log1p(float64(s.density)),
	}
}

// primaryVectors computes the primary features of each candidate, given
// their presence log-odds; pol is the index of political trust, -1 when
// the taxonomy has none.
func (d *document) primaryVectors(cands []int, logit []float64, pol int) [][]float64 {
	overview := len(cands) >= overviewPillars && pol >= 0 &&
		(d.scores[pol].title > 0 || d.cueIn(entVisit, false) || d.cueIn(entWhole, false))
	var prim, sents float64
	first, firstAt := -1, math.MaxInt
	for _, p := range cands {
		s := &d.scores[p]
		prim += d.rule.prim[p]
		sents += float64(s.sents)
		if s.first >= 0 && s.first < firstAt {
			first, firstAt = p, s.first
		}
	}
	out := make([][]float64, len(cands))
	for k, p := range cands {
		s := &d.scores[p]
		ps, ss := 0.0, 0.0
		if prim > 0 {
			ps = d.rule.prim[p] / prim
		}
		if sents > 0 {
			ss = float64(s.sents) / sents
		}
		out[k] = []float64{
			b2f(len(d.rule.order) > 0 && d.rule.order[0] == p),
			ps,
			b2f(s.title > 0),
			b2f(s.lead),
			b2f(p == first),
			ss,
			clampLogit(logit[p]) / 4,
			b2f(s.enum && s.sents <= 1),
			b2f(overview && p == pol),
		}
	}
	return out
}

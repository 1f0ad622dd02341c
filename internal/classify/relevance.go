package classify

import (
	"fmt"
	"sort"
)

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

// pairStats accumulates the evidence for one pair of countries.
type pairStats struct {
	co    float64 // sentences naming both, joined names count again
	count float64 // mentions of the weaker side
	best  []int   // sentences, best first
	// listOnly is set when every sentence pairing them lists several
	// other countries too.
	listOnly bool
}

func (p *pairStats) strength() float64 { return p.co + 0.25*min(p.count, 8) }

// judge decides relevance from the sentence summaries.
func (d *document) judge(sc []sentCountries) verdict {
	v := verdict{ctx: make([]float64, len(sc))}
	var vn, jp float64
	for i, s := range sc {
		vn += float64(s.vn)
		jp += float64(s.jp)
		if s.framework && (s.vn > 0 || d.sents[i].kind == segTitle) {
			v.framework = true
		}
	}
	if vn == 0 || jp == 0 {
		v.evidence = []string{absentReason(vn, jp)}
		return v
	}
	vj, thirds := d.pairs(sc, v.framework)
	vj.count = min(vn, jp)
	score := vj.strength()
	code, top := strongestThird(thirds)
	if score >= top {
		score += 0.5 * min(float64(d.cueSentences(sc)), 4)
	}
	if top == 0 && d.bodySentences() <= shortText {
		// A brief item naming both countries together is about them.
		score += vj.co
	}
	switch {
	case vj.co > 0 && vj.listOnly && !v.framework:
		v.score = 0.2
		v.evidence = append([]string{"Viet Nam and Japan are named together only in a list of countries"}, d.quote(vj.best, 2)...)
	case vj.co == 0 && !v.framework && min(vn, jp) < 2:
		v.score = 0.2
		v.evidence = append([]string{passingReason(vn, jp)}, d.quote(d.mentioning(sc, jp <= vn), 2)...)
	case top > 0 && score < thirdRatio*top:
		v.score = 0.49 * score / top
		v.evidence = append([]string{fmt.Sprintf("mainly about %s with %s", d.sideOf(sc, code), countryNames[code])}, d.quote(thirds[code].best, 2)...)
	default:
		v.score = score / (score + relevantScore)
		v.relevant = v.score >= 0.5
		v.evidence = d.quote(vj.best, 3)
		if !v.relevant {
			v.evidence = append([]string{"Viet Nam and Japan rarely named together"}, v.evidence...)
		}
	}
	for i, s := range sc {
		switch {
		case (s.vn > 0 && s.jp > 0) || s.pair || s.cue || s.framework || d.sents[i].kind != segBody:
			v.ctx[i] = 1
		case hasOutsider(s, v.framework):
			v.ctx[i] = otherContext
		case s.vn == 0 && s.jp == 0 && i > 0 && d.sents[i-1].kind == segBody && d.sents[i-1].para == d.sents[i].para:
			// "They also agreed...": a sentence naming no one goes on
			// with the one before it.
			v.ctx[i] = v.ctx[i-1]
		default:
			v.ctx[i] = aloneContext
		}
	}
	return v
}

// pairs scores Viet Nam–Japan and each third country's pairing with
// either of them.
func (d *document) pairs(sc []sentCountries, framework bool) (pairStats, map[string]*pairStats) {
	vj := pairStats{listOnly: true}
	thirds := map[string]*pairStats{}
	type ranked struct {
		i int
		w float64
	}
	var vjRank []ranked
	thirdRank := map[string][]ranked{}
	for i, s := range sc {
		w := segWeight(d.sents[i].kind)
		outsiders := 0
		for code := range s.third {
			if !framework || !regionMembers[code] {
				outsiders++
			}
		}
		pw := w
		if outsiders >= 2 {
			pw *= listPenalty
		}
		got := 0.0
		if s.vn > 0 && s.jp > 0 {
			got += pw
		}
		if s.pair {
			got += w
		}
		if s.framework {
			got += 1.5 * w
		}
		if got > 0 {
			vj.co += got
			vjRank = append(vjRank, ranked{i, got})
			vj.listOnly = vj.listOnly && outsiders >= 2 && !s.pair
		}
		for code, n := range s.third {
			if framework && regionMembers[code] {
				continue
			}
			t := thirds[code]
			if t == nil {
				t = &pairStats{}
				thirds[code] = t
			}
			t.count += float64(n)
			g := 0.0
			if s.vn > 0 || s.jp > 0 {
				g += pw
			}
			if s.thirdPair[code] {
				g += w
			}
			t.co += g
			if g > 0 {
				thirdRank[code] = append(thirdRank[code], ranked{i, g})
			}
		}
	}
	order := func(r []ranked) []int {
		sort.SliceStable(r, func(a, b int) bool { return r[a].w > r[b].w })
		out := make([]int, len(r))
		for k, x := range r {
			out[k] = x.i
		}
		return out
	}
	vj.best = order(vjRank)
	for code, r := range thirdRank {
		thirds[code].best = order(r)
	}
	return vj, thirds
}

func strongestThird(thirds map[string]*pairStats) (string, float64) {
	code, top := "", 0.0
	for c, t := range thirds {
		if s := t.strength(); s > top || (s == top && c < code) {
			code, top = c, s
		}
	}
	return code, top
}

func hasOutsider(s sentCountries, framework bool) bool {
	for code := range s.third {
		if !framework || !regionMembers[code] {
			return true
		}
	}
	return false
}

func (d *document) cueSentences(sc []sentCountries) int {
	n := 0
	for _, s := range sc {
		if s.cue && len(s.third) < 2 {
			n++
		}
	}
	return n
}

// sideOf names which of the two countries a third country is paired with.
func (d *document) sideOf(sc []sentCountries, code string) string {
	var vn, jp float32
	for _, s := range sc {
		if s.third[code] > 0 {
			vn += s.vn
			jp += s.jp
		}
	}
	if vn > jp {
		return "Viet Nam"
	}
	return "Japan"
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

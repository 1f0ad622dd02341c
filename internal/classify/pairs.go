package classify

import "sort"

// pairStats accumulates the evidence for one pair of countries.
type pairStats struct {
	co    float64 // sentences naming both; joined names count again
	count float64 // mentions of the weaker side
	// listOnly is set when every sentence pairing them lists several
	// other countries too.
	listOnly bool
	ranked   []rankedSentence
}

type rankedSentence struct {
	i int
	w float64
}

func (p *pairStats) add(i int, w float64) {
	p.co += w
	p.ranked = append(p.ranked, rankedSentence{i, w})
}

func (p *pairStats) strength() float64 { return p.co + 0.25*min(p.count, 8) }

// best returns the sentences that paired them, strongest first.
func (p *pairStats) best() []int {
	sort.SliceStable(p.ranked, func(a, b int) bool { return p.ranked[a].w > p.ranked[b].w })
	out := make([]int, len(p.ranked))
	for k, x := range p.ranked {
		out[k] = x.i
	}
	return out
}

// pairs scores Viet Nam–Japan and each third country's pairing with
// either of them. In a Mekong–Japan or ASEAN–Japan story the member
// countries are not third parties.
func (d *document) pairs(framework bool, members map[string]bool) (*pairStats, map[string]*pairStats) {
	vj := &pairStats{listOnly: true}
	thirds := map[string]*pairStats{}
	for i, s := range d.sc {
		w := segWeight(d.sents[i].kind)
		pw := w // weight of a plain co-occurrence
		outsiders := countOutsiders(s, framework, members)
		if outsiders >= 2 {
			pw *= listPenalty
		}
		if got := vjContribution(s, w, pw, framework); got > 0 {
			vj.add(i, got)
			vj.listOnly = vj.listOnly && outsiders >= 2 && !s.pair
		}
		for code, n := range s.third {
			if framework && members[code] {
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
			if g > 0 {
				t.add(i, g)
			}
		}
	}
	return vj, thirds
}

// vjContribution is what one sentence adds to the Viet Nam–Japan pair:
// naming both, joining them ("Viet Nam–Japan"), or a Mekong–Japan or
// ASEAN–Japan meeting Viet Nam takes part in.
func vjContribution(s sentCountries, w, pw float64, framework bool) float64 {
	got := 0.0
	if s.vn > 0 && s.jp > 0 {
		got += pw
	}
	if s.pair {
		got += w
	}
	if s.framework && framework {
		got += 1.5 * w
	}
	return got
}

func countOutsiders(s sentCountries, framework bool, members map[string]bool) int {
	n := 0
	for code := range s.third {
		if !framework || !members[code] {
			n++
		}
	}
	return n
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

// sideOf names which of the two countries a third country is paired with.
func sideOf(sc []sentCountries, code string) string {
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

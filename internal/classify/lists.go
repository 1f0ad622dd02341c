package classify

import (
	"bytes"

	crawler "github.com/vnjp-monitor/crawler"
)

// subAreas applies the sub-areas convention of the contract to one
// sentence: in a list of fields of study ("majoring in engineering,
// medicine and economics") only education phrases count, and outside a
// list of fields, the training and language classes of workers stay
// labour ("must pass a Japanese-language test before departure").
func (c *Classifier) subAreas(d *document, si int, kept []termHit, listing bool) []termHit {
	edu, ok := c.index[crawler.PillarEducation]
	if !ok {
		return kept
	}
	lab, hasLab := c.index[crawler.PillarLabour]
	study := d.hasCue(si, entStudy)
	workers := false
	for _, h := range kept {
		workers = workers || (hasLab && h.pillar == lab && h.weight >= weightTerm)
	}
	if !study && (listing || !workers) {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		if (study && h.pillar == edu) || (!study && h.pillar != edu) {
			out = append(out, h)
		}
	}
	return out
}

// markEnumeration gives each pillar named in a list of fields of
// cooperation ("in defence, labour and culture") enough evidence.
func markEnumeration(d *document, si int, kept []termHit, best map[int]termHit, scores []pillarScore) {
	buf := d.buffer(si)
	var items []termHit
	for _, h := range kept {
		if h.weight >= weightTerm { // weak words are not fields of cooperation
			items = append(items, h)
		}
	}
	for _, run := range enumerated(buf, items) {
		for _, h := range run {
			p := h.pillar
			if !scores[p].enum {
				scores[p].enum = true
				b := best[p]
				scores[p].hits = append(scores[p].hits, scoredHit{sent: si, start: b.start, end: b.end, w: assignScore, phrase: b.phrase})
			}
		}
	}
}

// subAreaGap is how far after "healthcare cooperation" a list may start
// and still be its sub-areas ("in the fields of").
const subAreaGap = 40

// dropSubAreaLists applies the sub-areas convention to a list that
// follows one pillar's own cooperation ("healthcare cooperation in
// preventive medicine, human resource training and medical
// infrastructure", "hợp tác quốc phòng trong các lĩnh vực đào tạo, quân
// y", 医療協力): the list names that pillar's sub-areas, so the phrases of
// other pillars in it do not count.
func (d *document) dropSubAreaLists(si int, kept []termHit) []termHit {
	var items []termHit
	for _, h := range kept {
		if h.weight >= weightTerm {
			items = append(items, h)
		}
	}
	drop := map[[2]int]bool{}
	runs := listRuns(d.buffer(si), items)
	for r, run := range runs {
		owner, ok := d.cooperationOf(si, items, run[0].start)
		if !ok {
			continue
		}
		end := run[len(run)-1].end
		// "sustainable medical infrastructure": a compound ends the list.
		for _, next := range runs[r+1:] {
			if next[0].start-end > 1 {
				break
			}
			end = next[len(next)-1].end
		}
		for _, h := range kept {
			if h.pillar != owner && h.start >= run[0].start && h.end <= end {
				drop[[2]int{h.start, h.end}] = true
			}
		}
	}
	return withoutSpans(kept, drop)
}

// cooperationOf returns the pillar whose phrase is joined to a word of
// cooperation ("healthcare cooperation", "hợp tác y tế") just before a
// list starting at start.
func (d *document) cooperationOf(si int, items []termHit, start int) (int, bool) {
	for _, c := range d.cues {
		if c.sent != si || c.g.ent != entCoop {
			continue
		}
		for _, h := range items {
			joined := (h.end <= c.start && c.start-h.end <= 1) || (c.end <= h.start && h.start-c.end <= 1)
			end := max(h.end, c.end)
			if joined && start >= end && start-end <= subAreaGap {
				return h.pillar, true
			}
		}
	}
	return 0, false
}

// enumerated returns the lists of at least three fields ("cooperation
// in defence, labour and culture") among a sentence's phrases: each
// field counts.
func enumerated(buf []byte, hits []termHit) [][]termHit {
	var out [][]termHit
	for _, run := range listRuns(buf, hits) {
		seen := map[int]bool{}
		for _, h := range run {
			seen[h.pillar] = true
		}
		if len(seen) >= 3 {
			out = append(out, run)
		}
	}
	return out
}

// listRuns splits a sentence's phrases into runs joined by list
// separators ("defence, labour and culture").
func listRuns(buf []byte, hits []termHit) [][]termHit {
	var out [][]termHit
	var run []termHit
	runEnd := 0
	for _, h := range hits {
		// Overlapping phrases ("digital" in "digital transformation") stay
		// in the run; a gap must look like a list separator.
		if len(run) > 0 && h.start >= runEnd && !listGap(buf[runEnd:h.start]) {
			out = append(out, run)
			run = nil
		}
		if len(run) == 0 || h.end > runEnd {
			runEnd = h.end
		}
		run = append(run, h)
	}
	if len(run) > 0 {
		out = append(out, run)
	}
	return out
}

// listSeparators mark a gap between two items of a list.
var listSeparators = [][]byte{
	[]byte(","), []byte("、"), []byte(";"), []byte("・"), []byte("や"), []byte(" and "),
	[]byte(" và "), []byte(" va "), []byte(" or "), []byte(" as well as "), []byte(" cũng như "),
	[]byte("及び"), []byte("および"), []byte("/"),
}

// listGap reports a short gap with a list separator ("defence, ", " and ",
// "や") or a list number ("(2)").
func listGap(gap []byte) bool {
	if len(gap) > 20 {
		return false
	}
	for _, s := range listSeparators {
		if bytes.Contains(gap, s) {
			return true
		}
	}
	return listNumber(bytes.TrimSpace(gap))
}

// listNumber reports "(2)", "2)" or "2." between two items.
func listNumber(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("("))
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	rest := string(b[n:])
	return n > 0 && (rest == ")" || rest == ".")
}

// tradeListGap is how far after a word for workers a list of trades may
// start ("manpower for sectors such as").
const tradeListGap = 60

// workerTrades applies the sub-areas convention to the trades of
// workers: in a story about workers (labour has a strong phrase), a list
// of three fields or more after a word for workers ("manpower for
// agriculture, construction, food processing and nursing") says where
// they work, so only labour counts in it.
func (c *Classifier) workerTrades(d *document, si int, kept []termHit) []termHit {
	lab, ok := c.index[crawler.PillarLabour]
	if !ok || !d.strongFor(lab) {
		return kept
	}
	buf := d.buffer(si)
	end := d.sents[si].end
	drop := map[[2]int]bool{}
	for _, h := range kept {
		if h.pillar == lab || drop[[2]int{h.start, h.end}] || !d.cueBefore(si, entWorkforce, h.start, tradeListGap) {
			continue
		}
		// The rest of the sentence must read as a list of trades.
		if bytes.Count(buf[h.start:end], []byte(","))+bytes.Count(buf[h.start:end], []byte("、")) < 2 {
			continue
		}
		for _, o := range kept {
			if o.pillar != lab && o.start >= h.start {
				drop[[2]int{o.start, o.end}] = true
			}
		}
	}
	return withoutSpans(kept, drop)
}

// strongFor reports whether pillar p has a strong phrase anywhere.
func (d *document) strongFor(p int) bool {
	for _, h := range d.terms {
		if h.pillar == p && h.weight >= weightStrong {
			return true
		}
	}
	return false
}

// cueBefore reports a rule cue of kind ent in sentence si that ends at
// most gap bytes before pos.
func (d *document) cueBefore(si int, ent entity, pos, gap int) bool {
	for _, c := range d.cues {
		if c.sent == si && c.g.ent == ent && c.end <= pos && pos-c.end <= gap {
			return true
		}
	}
	return false
}

// withoutSpans filters kept in place, dropping the hits whose span is in
// drop.
func withoutSpans(kept []termHit, drop map[[2]int]bool) []termHit {
	if len(drop) == 0 {
		return kept
	}
	out := kept[:0]
	for _, h := range kept {
		if !drop[[2]int{h.start, h.end}] {
			out = append(out, h)
		}
	}
	return out
}

package classify

import (
	"bytes"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
)

// Distances within a sentence, in runes of the text as written.
const (
	// listGapRunes is the longest gap between two items of a list
	// ("defence, ", " as well as ").
	listGapRunes = 20
	// subAreaGap is how far after "healthcare cooperation" a list may
	// start and still be its sub-areas ("in the fields of").
	subAreaGap = 40
)

// gapRunes is the distance in runes between two byte offsets of sentence
// si's match buffer, from <= to.
func (d *document) gapRunes(si, from, to int) int {
	p := d.pos
	if d.sents[si].kind == segSlug {
		p = d.slugPos
	}
	return int(p[to] - p[from])
}

// subAreas applies the sub-areas convention of the contract to one
// sentence: in a list of fields of study ("majoring in engineering,
// medicine and economics") only education phrases count, and outside a
// list of fields, the training and language classes of workers stay
// labour ("must pass a Japanese-language test before departure").
func (c *Classifier) subAreas(d *document, si int, kept []termHit) []termHit {
	edu, ok := c.index[crawler.PillarEducation]
	if !ok {
		return kept
	}
	lab, hasLab := c.index[crawler.PillarLabour]
	study := d.hasCue(si, entStudy)
	listing := d.hasCue(si, entCoop) && !study
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
// cooperation ("in defence, labour and culture") enough evidence: runs
// are the sentence's lists of terms.
func (d *document) markEnumeration(si int, runs [][]termHit, best map[int]termHit) {
	for _, run := range runs {
		seen := map[int]bool{}
		for _, h := range run {
			seen[h.pillar] = true
		}
		if len(seen) < 2 {
			continue
		}
		for _, h := range run {
			s := &d.scores[h.pillar]
			s.listed = true
			// A list of three fields or more names each of them.
			if len(seen) >= 3 && !s.enum {
				s.enum = true
				b := best[h.pillar]
				s.hits = append(s.hits, scoredHit{sent: si, start: b.start, end: b.end, w: assignScore, phrase: b.phrase})
			}
		}
	}
}

// dropSubAreaLists applies the sub-areas convention to a list that
// follows one pillar's own cooperation ("healthcare cooperation in
// preventive medicine, human resource training and medical
// infrastructure", "hợp tác quốc phòng trong các lĩnh vực đào tạo, quân
// y", 医療協力): the list names that pillar's sub-areas, so the phrases of
// other pillars in it do not count.
func (c *Classifier) dropSubAreaLists(d *document, si int, kept []termHit) []termHit {
	items := solidHits(kept)
	drop := map[[2]int]bool{}
	runs := d.listRuns(si, items)
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
	for _, c := range d.sentCues(si) {
		if c.g.ent != entCoop {
			continue
		}
		for _, h := range items {
			joined := (h.end <= c.start && c.start-h.end <= 1) || (c.end <= h.start && h.start-c.end <= 1)
			end := max(h.end, c.end)
			if joined && start >= end && d.gapRunes(si, end, start) <= subAreaGap {
				return h.pillar, true
			}
		}
	}
	return 0, false
}

// listRuns splits a sentence's phrases into runs joined by list
// separators ("defence, labour and culture").
func (d *document) listRuns(si int, hits []termHit) [][]termHit {
	buf := d.buffer(si)
	m := d.matcherOf(si)
	var out [][]termHit
	var run []termHit
	runEnd := 0
	for _, h := range hits {
		// Overlapping phrases ("digital" in "digital transformation") stay
		// in the run; a gap must look like a list separator.
		if len(run) > 0 && h.start >= runEnd &&
			(d.gapRunes(si, runEnd, h.start) > listGapRunes || !m.listGap(buf[runEnd:h.start])) {
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

// listGap reports a gap holding a list separator (", ", " and ", "や")
// or a list number ("(2)").
func (m *matcher) listGap(gap []byte) bool {
	for _, s := range m.separators {
		if containsPhrase(gap, s) {
			return true
		}
	}
	return listNumber(bytes.TrimSpace(gap))
}

// containsPhrase reports whether b holds p, as whole words when p begins
// or ends with a letter.
func containsPhrase(b, p []byte) bool {
	for off := 0; off < len(b); {
		i := bytes.Index(b[off:], p)
		if i < 0 {
			return false
		}
		i += off
		first, _ := utf8.DecodeRune(p)
		last, _ := utf8.DecodeLastRune(p)
		before, _ := utf8.DecodeLastRune(b[:i])
		after, _ := utf8.DecodeRune(b[i+len(p):])
		leftOK := i == 0 || !isWordRune(first) || !isWordRune(before)
		rightOK := i+len(p) == len(b) || !isWordRune(last) || !isWordRune(after)
		if leftOK && rightOK {
			return true
		}
		off = i + 1
	}
	return false
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

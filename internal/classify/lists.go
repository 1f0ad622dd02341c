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
)

// gapRunes is the distance in runes between two byte offsets of sentence
// si's match buffer, from <= to.
func (d *document) gapRunes(si, from, to int) int {
	p := d.positions(si)
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
				s.addHit(scoredHit{sent: si, start: b.start, end: b.end, w: assignScore, phrase: b.phrase})
			}
		}
	}
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

package classify

import (
	"sort"

	crawler "github.com/vnjp-monitor/crawler"
)

// Evidence limits: at most maxEvidence sentences per key, each trimmed to
// about maxEvidenceRunes around the phrase that counted; a span's
// sentence is cut to about maxSpanRunes around its marks.
const (
	maxEvidence      = 3
	maxEvidenceRunes = 200
	maxSpanRunes     = 400
)

// verdict builds the classification from the decisions and their
// evidence: the last stage.
func (c *Classifier) verdict(d *document) {
	v := &d.v
	out := crawler.Classification{
		Relevant:  v.relevant,
		Relevance: round2(v.score),
		Pillars:   []string{},
		Evidence:  map[string][]string{},
		Spans:     map[string][]crawler.EvidenceSpan{},
	}
	rel := d.firstSentences(v.sents, maxEvidence)
	relEvidence := d.quotes(rel, nil)
	if !v.relevant {
		out.Relevance = min(out.Relevance, 0.49)
		reason := v.reason
		if reason == "" {
			reason = "Viet Nam and Japan are rarely named together"
		}
		relEvidence = append([]string{reason}, d.quotes(d.firstSentences(v.sents, maxEvidence-1), nil)...)
		rel = d.firstSentences(v.sents, maxEvidence-1)
	} else {
		out.Relevance = max(out.Relevance, 0.5)
	}
	out.Evidence[crawler.EvidenceRelevance] = relEvidence
	out.Spans[crawler.EvidenceRelevance] = d.spans(rel, d.nameMarks)
	if !v.relevant {
		d.out = out
		return
	}
	for _, p := range d.chosen {
		id := c.pillars[p].ID
		out.Pillars = append(out.Pillars, id)
		sents := d.pillarSentences(p)
		if len(sents) == 0 {
			sents = rel // a pillar given for want of any other
		}
		out.Evidence[id] = d.quotes(sents, func(i int) [][2]int { return d.termMarks(p, i) })
		out.Spans[id] = d.spans(sents, func(i int) [][2]int { return d.termMarks(p, i) })
	}
	out.Primary = out.Pillars[0]
	d.out = out
}

// firstSentences returns up to n distinct sentence indices from idx.
func (d *document) firstSentences(idx []int, n int) []int {
	var out []int
	seen := map[int]bool{}
	for _, i := range idx {
		if len(out) == n {
			break
		}
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// pillarSentences returns the sentences that weighed most for pillar p.
func (d *document) pillarSentences(p int) []int {
	hits := d.scores[p].hits
	sorted := append([]scoredHit(nil), hits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].w > sorted[j].w })
	idx := make([]int, len(sorted))
	for k, h := range sorted {
		idx[k] = h.sent
	}
	return d.firstSentences(idx, maxEvidence)
}

// nameMarks returns the names of the two countries (and of the regional
// frameworks) in sentence i, as byte spans of its match buffer.
func (d *document) nameMarks(i int) [][2]int {
	var out [][2]int
	for _, h := range d.names {
		if h.sent == i && h.g.ent != entThird {
			out = append(out, [2]int{h.start, h.end})
		}
	}
	return out
}

// termMarks returns pillar p's phrases in sentence i that counted.
func (d *document) termMarks(p, i int) [][2]int {
	var out [][2]int
	for _, h := range d.scores[p].marks {
		if h.sent == i {
			out = append(out, [2]int{h.start, h.end})
		}
	}
	for _, h := range d.scores[p].hits {
		if h.sent == i && h.end > h.start && h.phrase != "" {
			out = append(out, [2]int{h.start, h.end})
		}
	}
	return out
}

// quotes returns sentences trimmed around their first mark.
func (d *document) quotes(idx []int, marks func(int) [][2]int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		at := 0
		if marks != nil {
			if m := marks(i); len(m) > 0 {
				at, _ = d.runes(i, m[0][0], m[0][1])
			}
		}
		out = append(out, trimAround(d.sents[i].text, at, maxEvidenceRunes))
	}
	return out
}

// spans returns the evidence sentences with their marks in runes.
func (d *document) spans(idx []int, marks func(int) [][2]int) []crawler.EvidenceSpan {
	out := make([]crawler.EvidenceSpan, 0, len(idx))
	for _, i := range idx {
		s := d.sents[i]
		var rs []crawler.Mark
		for _, m := range marks(i) {
			a, b := d.runes(i, m[0], m[1])
			rs = append(rs, crawler.Mark{Start: a, End: b})
		}
		rs = mergeMarks(rs)
		at := 0
		if len(rs) > 0 {
			at = rs[0].Start
		}
		text, from := cutRunes(s.text, at, maxSpanRunes)
		span := crawler.EvidenceSpan{Sentence: text, Offset: -1}
		if s.kind == segBody && d.verbatim {
			span.Offset = s.runeOff + from
		}
		n := runeLen(text)
		for _, m := range rs {
			m.Start, m.End = m.Start-from, min(m.End-from, n)
			if m.Start >= 0 && m.End > m.Start {
				span.Marks = append(span.Marks, m)
			}
		}
		out = append(out, span)
	}
	return out
}

// mergeMarks sorts marks and joins overlapping ones.
func mergeMarks(ms []crawler.Mark) []crawler.Mark {
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	var out []crawler.Mark
	for _, m := range ms {
		if n := len(out); n > 0 && m.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, m.End)
			continue
		}
		out = append(out, m)
	}
	return out
}

package classify

import (
	"sort"
	"strings"
	"unicode"
)

// Evidence limits: at most maxEvidence sentences per key, each trimmed to
// about maxEvidenceRunes around the phrase that counted.
const (
	maxEvidence      = 3
	maxEvidenceRunes = 200
)

// quote returns up to n trimmed sentences, by index.
func (d *document) quote(idx []int, n int) []string {
	var out []string
	seen := map[int]bool{}
	for _, i := range idx {
		if len(out) == n {
			break
		}
		if seen[i] {
			continue
		}
		seen[i] = true
		out = append(out, d.trimmed(i, 0))
	}
	return out
}

// pillarEvidence returns the sentences that weighed most for a pillar,
// trimmed around the phrase that counted; fallback is used when the
// pillar was given for want of any other.
func (d *document) pillarEvidence(hits []scoredHit, fallback []string) []string {
	if len(hits) == 0 {
		return fallback
	}
	sorted := append([]scoredHit(nil), hits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].w > sorted[j].w })
	var out []string
	seen := map[int]bool{}
	for _, h := range sorted {
		if len(out) == maxEvidence {
			break
		}
		if seen[h.sent] {
			continue
		}
		seen[h.sent] = true
		s := d.sents[h.sent]
		frac := 0.0
		if n := s.end - s.off; n > 0 {
			frac = float64(h.start-s.off) / float64(n)
		}
		out = append(out, d.trimmed(h.sent, frac))
	}
	return out
}

// trimmed returns sentence i cut to about maxEvidenceRunes around the
// point at fraction frac of its length, with "…" where it was cut.
func (d *document) trimmed(i int, frac float64) string {
	r := []rune(d.sents[i].text)
	if len(r) <= maxEvidenceRunes {
		return string(r)
	}
	at := int(frac * float64(len(r)))
	start := max(0, at-maxEvidenceRunes/3)
	end := min(len(r), start+maxEvidenceRunes)
	start = max(0, end-maxEvidenceRunes)
	start = wordStart(r, start)
	end = wordEnd(r, end)
	s := strings.TrimSpace(string(r[start:end]))
	if start > 0 {
		s = "…" + s
	}
	if end < len(r) {
		s += "…"
	}
	return s
}

// wordStart moves i forward to the start of a word, at most 15 runes, so
// a cut does not split a word (scripts without spaces cut anywhere).
func wordStart(r []rune, i int) int {
	for k := i; k < len(r) && k < i+15; k++ {
		if k == 0 || unicode.IsSpace(r[k-1]) {
			return k
		}
	}
	return i
}

// wordEnd moves i back to the end of a word, at most 15 runes.
func wordEnd(r []rune, i int) int {
	for k := i; k > 0 && k > i-15; k-- {
		if k == len(r) || unicode.IsSpace(r[k]) {
			return k
		}
	}
	return i
}

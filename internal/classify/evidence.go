package classify

import (
	"sort"
	"strings"
	"unicode/utf8"
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
// point at fraction frac of its length, with "…" where it was cut. It
// walks the string rather than converting it to runes: evidence is built
// for every pillar of every article.
func (d *document) trimmed(i int, frac float64) string {
	text := d.sents[i].text
	if len(text) <= maxEvidenceRunes || utf8.RuneCountInString(text) <= maxEvidenceRunes {
		return text
	}
	at := int(frac * float64(len(text)))
	for at > 0 && !utf8.RuneStart(text[at]) {
		at--
	}
	start := back(text, at, maxEvidenceRunes/3)
	end := forward(text, start, maxEvidenceRunes)
	if end == len(text) {
		start = back(text, end, maxEvidenceRunes)
	}
	start, end = wordStart(text, start), wordEnd(text, end)
	out := strings.TrimSpace(text[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}

// back returns the offset n runes before i.
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forward returns the offset n runes after i.
func forward(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// wordStart moves i forward to the start of a word, at most 15 runes, so
// a cut does not split a word (scripts without spaces cut anywhere).
func wordStart(s string, i int) int {
	for k, j := 0, i; k < 15 && j < len(s); k++ {
		if j == 0 || s[j-1] == ' ' {
			return j
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return i
}

// wordEnd moves i back to the end of a word, at most 15 runes.
func wordEnd(s string, i int) int {
	for k, j := 0, i; k < 15 && j > 0; k++ {
		if j == len(s) || s[j] == ' ' {
			return j
		}
		_, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
	}
	return i
}

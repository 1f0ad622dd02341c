package server

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fold"
)

// segment is a run of text, marked with a pillar's class when Class is set.
type segment struct {
	Text, Class, Title string
}

// span is a marked range of rune offsets, with the pillar it stands for.
type span struct {
	start, end int
	pillar     string
}

// sentenceMarks returns the phrases to mark in one evidence sentence of
// pillar id: the classifier's marks when it recorded spans, else the
// taxonomy's phrases found in the sentence.
func (st *site) sentenceMarks(id, sentence string, marks []crawler.Mark, fromSpans bool) []span {
	n := utf8.RuneCountInString(sentence)
	var out []span
	if fromSpans {
		for _, m := range marks {
			if m.Start >= 0 && m.End <= n && m.Start < m.End {
				out = append(out, span{m.Start, m.End, id})
			}
		}
		return out
	}
	if id == crawler.EvidenceRelevance {
		return nil
	}
	return findPhrases(sentence, st.phrases(id), id)
}

// phrases returns every phrase of a pillar's taxonomy, all languages.
func (st *site) phrases(id string) []string {
	p := st.pillar(id)
	var out []string
	for _, set := range []map[string][]string{p.Strong, p.Terms, p.Weak} {
		for _, list := range set {
			out = append(out, list...)
		}
	}
	return out
}

// findPhrases marks where phrases occur in text, comparing folded text
// (case and Vietnamese diacritics ignored). Latin phrases match whole
// words, or word starts when they end in "*"; phrases in a script written
// without spaces match anywhere. Longer phrases win overlaps.
func findPhrases(text string, phrases []string, id string) []span {
	hay := make([]rune, 0, len(text))
	for _, r := range text {
		hay = append(hay, fold.Rune(r))
	}
	var out []span
	for _, ph := range phrases {
		prefix := strings.HasSuffix(ph, "*")
		needle := []rune(fold.String(strings.TrimSuffix(ph, "*")))
		if len(needle) == 0 {
			continue
		}
		spaced := !isCJK(needle[0])
		for i := 0; i+len(needle) <= len(hay); i++ {
			if !slices.Equal(hay[i:i+len(needle)], needle) {
				continue
			}
			end := i + len(needle)
			if spaced && (i > 0 && isWord(hay[i-1]) || !prefix && end < len(hay) && isWord(hay[end])) {
				continue
			}
			if prefix {
				for end < len(hay) && isWord(hay[end]) {
					end++
				}
			}
			out = append(out, span{i, end, id})
		}
	}
	return dropOverlaps(out)
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isCJK(r rune) bool {
	return r >= 0x3040 && r <= 0x30FF || unicode.Is(unicode.Han, r)
}

// dropOverlaps sorts spans by start and keeps, of overlapping ones, the
// one starting first (the longest when they start together).
func dropOverlaps(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	out := spans[:0]
	last := -1
	for _, s := range spans {
		if s.start >= last {
			out = append(out, s)
			last = s.end
		}
	}
	return out
}

// segments cuts text (n runes from rune offset base of a longer text) at
// the spans that fall inside it.
func (st *site) segments(text string, base int, spans []span) []segment {
	rs := []rune(text)
	var out []segment
	pos := 0
	for _, s := range spans {
		start, end := s.start-base, s.end-base
		if start < pos || end > len(rs) {
			continue
		}
		if start > pos {
			out = append(out, segment{Text: string(rs[pos:start])})
		}
		p := st.pillar(s.pillar)
		out = append(out, segment{Text: string(rs[start:end]), Class: st.pillarClass(s.pillar), Title: p.Name})
		pos = end
	}
	if pos < len(rs) {
		out = append(out, segment{Text: string(rs[pos:])})
	}
	return out
}

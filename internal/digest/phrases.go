package digest

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fold"
)

// When a record has no evidence spans (it was classified before the
// classifier recorded them), the digest marks in the evidence sentence the
// taxonomy phrases of the pillar it is listed under. Matching follows the
// taxonomy's documented rules closely enough to find the phrase a reader
// should see: Latin phrases match whole words ignoring case and
// diacritics, a trailing "*" matches any ending, an all-capital acronym
// matches only in capitals, and phrases in scripts written without spaces
// match anywhere.

// phrase is one taxonomy phrase, folded for matching.
type phrase struct {
	runes   []rune
	prefix  bool // ends in "*": any word ending may follow
	acronym bool // all capitals: matched case-sensitively
	cjk     bool // no word boundaries
	weight  int  // strong 3, term 2, weak 1; exclusions 0
}

// pillarPhrases holds the phrases of one pillar, every language together:
// the evidence sentence of a Japanese article may quote an English name.
type pillarPhrases struct {
	marks   []phrase
	exclude []phrase
}

func newPillarPhrases(p crawler.Pillar) pillarPhrases {
	var pp pillarPhrases
	for weight, set := range map[int]map[string][]string{3: p.Strong, 2: p.Terms, 1: p.Weak, 0: p.Exclude} {
		for _, lang := range sortedKeys(set) {
			for _, s := range set[lang] {
				ph, ok := newPhrase(s, weight)
				if !ok {
					continue
				}
				if weight == 0 {
					pp.exclude = append(pp.exclude, ph)
				} else {
					pp.marks = append(pp.marks, ph)
				}
			}
		}
	}
	return pp
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func newPhrase(s string, weight int) (phrase, bool) {
	s = strings.TrimSpace(norm.NFC.String(s))
	ph := phrase{weight: weight}
	if strings.HasSuffix(s, "*") {
		ph.prefix, s = true, strings.TrimSuffix(s, "*")
	}
	if s == "" {
		return ph, false
	}
	ph.acronym = isAcronym(s)
	for _, r := range s {
		if isCJK(r) {
			ph.cjk = true
		}
	}
	if ph.acronym {
		ph.runes = []rune(s)
	} else {
		ph.runes = foldRunes(s)
	}
	return ph, true
}

// isAcronym reports a phrase of capitals and digits with at least two
// capitals ("ODA", "5G" is not: it has one).
func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r) || r == '-' || r == '&':
		default:
			return false
		}
	}
	return upper >= 2
}

// foldRunes folds s rune by rune (fold.Rune: case, diacritics), keeping
// one rune per rune of the (NFC) input, so offsets into the folded text
// are offsets into the original.
func foldRunes(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, fold.Rune(r))
	}
	return out
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー'
}

// isWordRune reports a rune that continues a Latin word; CJK characters
// do not, so "AZEC" matches in "AZEC枠組み".
func isWordRune(r rune) bool {
	return !isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// find returns the marks of pp's phrases in sentence, as rune ranges:
// the strongest phrases first, longest on ties, never overlapping one
// another or an exclusion; weak phrases only when nothing stronger is found.
func (pp pillarPhrases) find(sentence string) []crawler.Mark {
	orig := []rune(norm.NFC.String(sentence))
	folded := make([]rune, len(orig))
	for i, r := range orig {
		folded[i] = fold.Rune(r)
	}
	var excluded []crawler.Mark
	for _, ph := range pp.exclude {
		excluded = append(excluded, ph.occurrences(orig, folded)...)
	}
	type hit struct {
		crawler.Mark
		weight int
	}
	var hits []hit
	for _, ph := range pp.marks {
		for _, m := range ph.occurrences(orig, folded) {
			if !overlapsAny(m, excluded) {
				hits = append(hits, hit{m, ph.weight})
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.weight != b.weight {
			return b.weight - a.weight
		}
		if la, lb := a.End-a.Start, b.End-b.Start; la != lb {
			return lb - la
		}
		return a.Start - b.Start
	})
	var marks []crawler.Mark
	for _, h := range hits {
		if h.weight == 1 && len(marks) > 0 {
			break // sorted by weight: only weak phrases remain
		}
		if !overlapsAny(h.Mark, marks) {
			marks = append(marks, h.Mark)
		}
	}
	slices.SortFunc(marks, func(a, b crawler.Mark) int { return a.Start - b.Start })
	return marks
}

func overlapsAny(m crawler.Mark, list []crawler.Mark) bool {
	for _, o := range list {
		if m.Start < o.End && o.Start < m.End {
			return true
		}
	}
	return false
}

// occurrences finds ph in the text, given as original and folded runes of
// equal length.
func (ph phrase) occurrences(orig, folded []rune) []crawler.Mark {
	hay := folded
	if ph.acronym {
		hay = orig
	}
	var out []crawler.Mark
	n := len(ph.runes)
	for i := 0; i+n <= len(hay); i++ {
		if !slices.Equal(hay[i:i+n], ph.runes) {
			continue
		}
		end := i + n
		if !ph.cjk {
			if i > 0 && isWordRune(hay[i-1]) {
				continue
			}
			if ph.prefix {
				for end < len(hay) && isWordRune(hay[end]) {
					end++
				}
			} else if end < len(hay) && isWordRune(hay[end]) {
				continue
			}
		}
		out = append(out, crawler.Mark{Start: i, End: end})
	}
	return out
}

package extract

import (
	"strings"
	"unicode/utf8"
)

// dropPullQuotes drops a pull quote: a sentence printed large beside the
// text, repeating words of a paragraph a few places before or after it.
// Headings, which often reuse a paragraph's words, do not end a sentence
// and stay.
func dropPullQuotes(paras []string, _ *textContext) []string {
	keys := make([]string, len(paras)) // squashed paragraphs, made when needed
	key := func(i int) string {
		if keys[i] == "" {
			keys[i] = squash(paras[i])
		}
		return keys[i]
	}
	out := paras[:0:0]
	for i, p := range paras {
		if !pullQuote(paras, i, key) {
			out = append(out, p)
		}
	}
	return out
}

// pullQuoteReach is how many paragraphs away a pull quote's source may be.
const pullQuoteReach = 6

// pullQuote reports whether paras[i] repeats part of a paragraph near it.
// A few runes from its middle, which a pull quote prints as its source
// does, rule out most paragraphs before the costlier squashed comparison.
func pullQuote(paras []string, i int, key func(int) string) bool {
	p := paras[i]
	if n := utf8.RuneCountInString(p); n < 15 || n > 400 || !endsSentence(p) {
		return false
	}
	probe := middle(p, 10)
	for j := max(0, i-pullQuoteReach); j < len(paras) && j <= i+pullQuoteReach; j++ {
		if j == i || len(paras[j]) <= len(p) || !strings.Contains(paras[j], probe) {
			continue
		}
		if k := key(i); utf8.RuneCountInString(k) >= 15 && strings.Contains(key(j), k) {
			return true
		}
	}
	return false
}

// middle returns n runes from about the middle of s.
func middle(s string, n int) string {
	i := len(s) / 2
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	j := i
	for ; n > 0 && j < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return s[i:j]
}

// endsSentence reports whether p ends a sentence, or is one Japanese
// quotation (「...」), which needs no full stop. An English quotation
// without one is a subheading ("\"We write with urgency\"").
func endsSentence(p string) bool {
	p = strings.TrimSpace(p)
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune("「『", first) && strings.ContainsRune("」』", last) {
		return true
	}
	p = strings.TrimRight(p, " \"'”’」』)）")
	r, _ := utf8.DecodeLastRuneInString(p)
	return strings.ContainsRune(".!?。！？", r)
}

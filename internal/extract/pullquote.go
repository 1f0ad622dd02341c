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
	keys := make([]string, len(paras))
	for i, p := range paras {
		keys[i] = squash(p)
	}
	out := paras[:0:0]
	for i, p := range paras {
		if !pullQuote(p, keys, i) {
			out = append(out, p)
		}
	}
	return out
}

// pullQuoteReach is how many paragraphs away a pull quote's source may be.
const pullQuoteReach = 6

func pullQuote(p string, keys []string, i int) bool {
	k := keys[i]
	if n := utf8.RuneCountInString(k); n < 15 || n > 300 || !endsSentence(p) {
		return false
	}
	for j := max(0, i-pullQuoteReach); j < len(keys) && j <= i+pullQuoteReach; j++ {
		if j != i && len(keys[j]) > len(k) && strings.Contains(keys[j], k) {
			return true
		}
	}
	return false
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

package store

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vnjp-monitor/crawler/internal/fold"
)

// Search terms. Text is normalised (NFKC) and folded (lower case, Latin
// without diacritics, so "Việt Nam" and "Viet Nam" are the same words);
// Latin, Cyrillic and other spaced scripts give one term per word; Japanese
// and Chinese, written without spaces, give one term per character and per
// pair of adjacent characters, so that a query of any length can be
// matched by its character pairs.
const (
	// maxTermBytes drops longer "words" (URLs run together, base64 junk)
	// that nobody searches for and that would bloat the index.
	maxTermBytes = 48
	// maxQueryTerms bounds the work one search can ask for.
	maxQueryTerms = 12
)

// scanSearch calls word for each folded word and run for each maximal run
// of CJK characters, in text order. The slices are only valid during the
// call.
func scanSearch(text string, word func([]byte), run func([]rune)) {
	text = norm.NFKC.String(text)
	var w []byte
	var cjk []rune
	flushWord := func() {
		if len(w) > 0 && len(w) <= maxTermBytes {
			word(w)
		}
		w = w[:0]
	}
	flushRun := func() {
		if len(cjk) > 0 {
			run(cjk)
		}
		cjk = cjk[:0]
	}
	for _, r := range text {
		switch {
		case isCJK(r):
			flushWord()
			cjk = append(cjk, r)
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)),
			r >= 'A' && r <= 'Z':
			flushRun()
			w = utf8.AppendRune(w, fold.Rune(r))
		case unicode.Is(unicode.Mn, r):
			// a mark left on a letter: folding drops it
		default:
			flushWord()
			flushRun()
		}
	}
	flushWord()
	flushRun()
}

// indexTerms returns the distinct terms of an article's title and text:
// every word, every CJK character and every adjacent CJK pair.
func indexTerms(title, text string) map[string]struct{} {
	terms := make(map[string]struct{}, 512)
	add := func(b []byte) {
		if _, ok := terms[string(b)]; !ok { // no allocation for a known term
			terms[string(b)] = struct{}{}
		}
	}
	var buf []byte
	run := func(rs []rune) {
		for i, r := range rs {
			buf = utf8.AppendRune(buf[:0], r)
			add(buf)
			if i+1 < len(rs) {
				add(utf8.AppendRune(buf, rs[i+1]))
			}
		}
	}
	scanSearch(title, add, run)
	scanSearch(text, add, run)
	return terms
}

// queryTerms returns the terms an article must all contain to match the
// search q: its words, and the adjacent pairs of its CJK runs (a lone CJK
// character stands for itself). Duplicates are dropped and at most
// maxQueryTerms are kept.
func queryTerms(q string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] && len(out) < maxQueryTerms {
			seen[s] = true
			out = append(out, s)
		}
	}
	scanSearch(q, func(b []byte) { add(string(b)) }, func(rs []rune) {
		if len(rs) == 1 {
			add(string(rs))
		}
		for i := 0; i+1 < len(rs); i++ {
			add(string(rs[i : i+2]))
		}
	})
	return out
}

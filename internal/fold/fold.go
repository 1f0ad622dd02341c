// Package fold maps text to the form in which search and highlighting
// compare it: lower case, Latin letters without their diacritics
// ("Việt" → "viet", "Đà Nẵng" → "da nang"), full-width ASCII as ASCII, and
// every other script as it is. Kana keep their voicing marks: が is not か.
//
// [Rune] maps one rune to one rune, so offsets in a folded string are the
// offsets in the original; [String] also drops stray combining marks left
// on Latin letters by text that arrives decomposed (NFD).
package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinLo and latinHi bound the precomputed table: Latin-1 Supplement to
// Latin Extended-B, then Latin Extended Additional (Vietnamese vowels with
// two marks live there).
const (
	latinLo, latinHi       = 0x00C0, 0x024F
	extraLo, extraHi       = 0x1E00, 0x1EFF
	fullwidthLo, fullwidth = 0xFF01, 0xFF5E
)

var (
	tableOnce sync.Once
	latin     [latinHi - latinLo + 1]rune
	extra     [extraHi - extraLo + 1]rune
)

// buildTables folds each Latin letter of the two blocks by decomposing it
// (NFD) and keeping its base letter.
func buildTables() {
	base := func(r rune) rune {
		r = unicode.ToLower(r)
		switch r {
		case 'đ', 'ð':
			return 'd'
		}
		b, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r)))
		return b
	}
	for i := range latin {
		latin[i] = base(rune(latinLo + i))
	}
	for i := range extra {
		extra[i] = base(rune(extraLo + i))
	}
}

// Rune returns r folded: lower case, Latin without diacritics.
func Rune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= latinLo && r <= latinHi:
		tableOnce.Do(buildTables)
		return latin[r-latinLo]
	case r >= extraLo && r <= extraHi:
		tableOnce.Do(buildTables)
		return extra[r-extraLo]
	case r >= fullwidthLo && r <= fullwidth:
		return Rune(r - 0xFEE0)
	}
	return unicode.ToLower(r)
}

// String returns s in NFC with every rune folded and the combining marks
// that followed a Latin letter removed.
func String(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	prevLatin := false
	for _, r := range s {
		if prevLatin && unicode.Is(unicode.Mn, r) {
			continue
		}
		prevLatin = r < utf8.RuneSelf || unicode.Is(unicode.Latin, r)
		b.WriteRune(Rune(r))
	}
	return b.String()
}

package store

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// scanTokens normalises text (NFKC, so full-width digits and half-width
// kana match their usual forms; lower case; diacritics kept, since they tell
// Vietnamese words apart) and calls emit with each word, except that each
// Han or kana character is a token of its own (isCJK). tok is only valid
// during the call.
func scanTokens(text string, emit func(tok []byte, isCJK bool)) {
	text = norm.NFKC.String(text)
	word := make([]byte, 0, 64)
	flush := func() {
		if len(word) > 0 {
			emit(word, false)
			word = word[:0]
		}
	}
	var one [utf8.UTFMax]byte
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf: // ASCII fast path
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				word = append(word, byte(r))
			case 'A' <= r && r <= 'Z':
				word = append(word, byte(r)+'a'-'A')
			default:
				flush()
			}
		case isCJK(r):
			flush()
			emit(one[:utf8.EncodeRune(one[:], r)], true)
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.Mn, r):
			word = utf8.AppendRune(word, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
}

// tokenize returns the tokens scanTokens finds.
func tokenize(text string) []string {
	var toks []string
	scanTokens(text, func(tok []byte, _ bool) { toks = append(toks, string(tok)) })
	return toks
}

// isCJK reports whether r is written without spaces between words: Han
// ideographs, hiragana, katakana (with the prolonged sound mark).
func isCJK(r rune) bool {
	if r < 0x2E80 { // below every CJK block: skip the table lookup
		return false
	}
	return r >= 0x3040 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF ||
		unicode.Is(unicode.Han, r)
}

// cjkMajority reports whether most tokens are single Han or kana
// characters, that is whether the text is Japanese or Chinese.
func cjkMajority(toks []string) bool {
	n := 0
	for _, t := range toks {
		if r := []rune(t); len(r) == 1 && isCJK(r[0]) {
			n++
		}
	}
	return n*2 > len(toks)
}

// FNV-1a constants (hash/fnv), inlined to hash tokens without allocating.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashBytes is FNV-1a followed by mix64.
func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return mix64(h)
}

// mix64 is the splitmix64 finaliser: FNV alone spreads short inputs poorly
// over the high bits, and SimHash needs every bit to be a fair coin.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

package classify

import (
	"strings"
	"unicode/utf8"
)

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// cutRunes returns the part of s of at most n runes that starts about a
// third of n before rune at (never a word cut in two where words are
// separated by spaces), and its rune offset in s.
func cutRunes(s string, at, n int) (string, int) {
	if len(s) <= n || runeLen(s) <= n {
		return s, 0
	}
	startRune := max(0, at-n/3)
	start := byteAt(s, startRune)
	end := forward(s, start, n)
	if end == len(s) {
		start = back(s, end, n)
	}
	ws, we := wordStart(s, start), wordEnd(s, end)
	if we <= ws {
		ws, we = start, end
	}
	return s[ws:we], runeLen(s[:ws])
}

// trimAround returns s cut to about n runes around rune at, with "…"
// where it was cut.
func trimAround(s string, at, n int) string {
	cut, from := cutRunes(s, at, n)
	if cut == s {
		return s
	}
	out := strings.TrimSpace(cut)
	if from > 0 {
		out = "…" + out
	}
	if from+runeLen(cut) < runeLen(s) {
		out += "…"
	}
	return out
}

// byteAt returns the byte offset of rune n of s.
func byteAt(s string, n int) int {
	return forward(s, 0, n)
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

// Package lang guesses the language of a text among those the monitor reads
// (English, Vietnamese, Japanese) and names a few others by script. It is
// pure and fast: a script census plus Vietnamese-specific letters and
// function words, enough to route text to the right term lists.
package lang

import (
	"strings"
	"unicode"
)

// Detect returns an ISO 639-1 code for text: "ja", "vi", "en", "ko", "zh",
// "ru", "th", or "" when the text has too few letters to tell. Latin text
// that is not Vietnamese is reported as "en"; the monitor's term lists are
// English there.
func Detect(text string) string {
	var latin, viLetters, kana, han, hangul, cyrillic, thai, letters int
	n := 0
	for _, r := range text {
		if n > 20000 { // the first 20k runes decide; keeps long pages cheap
			break
		}
		n++
		switch {
		case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9D:
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.IsLetter(r) && r < 0x2000:
			latin++
			if isVietnameseLetter(r) {
				viLetters++
			}
		default:
			continue
		}
		letters++
	}
	if letters < 2 {
		return ""
	}
	switch {
	case kana > 0 && kana*20 >= letters/5: // any real amount of kana means Japanese
		return "ja"
	case hangul*2 > letters:
		return "ko"
	case han*2 > letters:
		if kana > 0 {
			return "ja"
		}
		return "zh"
	case cyrillic*2 > letters:
		return "ru"
	case thai*2 > letters:
		return "th"
	}
	if latin == 0 {
		return ""
	}
	// Vietnamese letters carry stacked diacritics that other Latin languages
	// lack; 1 in 40 letters is typical of running Vietnamese (far more in
	// practice). Text without diacritics falls back to function words.
	if viLetters*40 >= latin || vietnameseWords(text) {
		return "vi"
	}
	return "en"
}

// isVietnameseLetter reports letters that appear in Vietnamese and rarely in
// other Latin-script languages: đ, ơ, ư, ă and the vowels with hook above,
// dot below and tilde.
func isVietnameseLetter(r rune) bool {
	r = unicode.ToLower(r)
	switch {
	case r == 'đ' || r == 'ơ' || r == 'ư' || r == 'ă':
		return true
	case r >= 0x1EA0 && r <= 0x1EF9: // Latin Extended Additional: ạ ả ấ ... ỹ
		return true
	case r == 0x0323 || r == 0x0309 || r == 0x031B: // combining dot below, hook above, horn (NFD)
		return true
	}
	return false
}

var viFunctionWords = map[string]bool{
	"cua": true, "va": true, "cac": true, "nhung": true, "duoc": true,
	"trong": true, "voi": true, "nguoi": true, "khong": true, "nay": true,
	"cho": true, "mot": true, "da": true, "hop": true, "tac": true,
}

// vietnameseWords spots Vietnamese written without diacritics by its very
// frequent function words.
func vietnameseWords(text string) bool {
	if len(text) > 4000 {
		text = text[:4000]
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) < 5 {
		return false
	}
	hits := 0
	for _, w := range words {
		if viFunctionWords[w] {
			hits++
		}
	}
	return hits*8 >= len(words)
}

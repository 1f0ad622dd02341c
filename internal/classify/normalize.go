package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// form is how text is prepared before matching.
type form uint8

const (
	// formFold lowercases and strips diacritics, so "Việt Nam", "Viet Nam"
	// and NFD input all read "viet nam". English, Japanese and Vietnamese
	// written without diacritics are matched in this form.
	formFold form = iota
	// formLow lowercases but keeps diacritics. Vietnamese written with
	// diacritics is matched in this form, where "nhật" (Japan) and "nhất"
	// (most) stay apart.
	formLow
)

// foldTable maps Latin letters with diacritics (U+00C0–U+1EFF) to their
// ASCII base letter; zero means no mapping.
var foldTable = buildFoldTable()

func buildFoldTable() []byte {
	t := make([]byte, 0x1F00)
	for r := rune(0xC0); r < 0x1F00; r++ {
		if !unicode.IsLetter(r) {
			continue
		}
		d := norm.NFD.String(string(r))
		base, _ := utf8.DecodeRuneInString(d)
		if base < 0x80 && len(d) > 1 {
			t[r] = byte(base)
		}
	}
	t['đ'], t['Đ'] = 'd', 'D'
	t['ø'], t['Ø'] = 'o', 'O'
	t['ß'] = 's'
	return t
}

// lowerTable lowercases runes below U+1F00 (Latin, Greek, Cyrillic and
// the Vietnamese letters), keeping a rune whose lowercase form would
// change its UTF-8 length.
var lowerTable = buildLowerTable()

func buildLowerTable() []rune {
	t := make([]rune, 0x1F00)
	for r := range t {
		l := unicode.ToLower(rune(r))
		if utf8.RuneLen(l) != utf8.RuneLen(rune(r)) {
			l = rune(r)
		}
		t[r] = l
	}
	return t
}

// normWriter appends normalised text to two byte-aligned buffers: cased
// keeps letter case (for acronyms and "Nhật"), low is its lowercase twin.
// Whitespace runs collapse to one space, typographic dashes become "-" and
// the spaces around a dash are dropped, so "Việt Nam – Nhật Bản" and
// "Việt Nam-Nhật Bản" read the same.
//
// pos keeps, for every byte of the buffers, the rune offset in its
// segment of the character it came from, so a match can be marked in the
// text as written.
type normWriter struct {
	f         form
	cased     []byte
	low       []byte
	pos       []int32
	start     int   // where the current segment began
	ri        int32 // rune offset in the segment of the rune being written
	afterDash bool  // drop spaces that follow a dash
}

// begin starts a new segment (a sentence) at the end of the buffers.
func (w *normWriter) begin() {
	w.start = len(w.cased)
	w.ri = 0
	w.afterDash = false
}

// end closes a segment with a newline, which no pattern contains, so no
// match crosses two segments.
func (w *normWriter) end() {
	w.trimSpace()
	if w.f == formLow {
		fixTonePlacement(w.cased[w.start:])
		fixTonePlacement(w.low[w.start:])
	}
	w.cased = append(w.cased, '\n')
	w.low = append(w.low, '\n')
	w.pos = append(w.pos, w.ri)
}

func (w *normWriter) trimSpace() {
	for len(w.cased) > w.start && w.cased[len(w.cased)-1] == ' ' {
		w.cased = w.cased[:len(w.cased)-1]
		w.low = w.low[:len(w.low)-1]
		w.pos = w.pos[:len(w.pos)-1]
	}
}

// writeString appends s, which must already be NFC.
func (w *normWriter) writeString(s string) {
	for i := 0; i < len(s); {
		b := s[i]
		switch {
		case b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '.' || b == ',':
			// Most of a page is plain lowercase ASCII: copy it as is.
			w.cased = append(w.cased, b)
			w.low = append(w.low, b)
			w.pos = append(w.pos, w.ri)
			w.afterDash = false
			i++
			w.ri++
			continue
		case b >= 'A' && b <= 'Z':
			w.cased = append(w.cased, b)
			w.low = append(w.low, b+'a'-'A')
			w.pos = append(w.pos, w.ri)
			w.afterDash = false
			i++
			w.ri++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x3040 && r <= 0x9FFF {
			// Kana and CJK ideographs have no case and no marks.
			w.cased = append(w.cased, s[i:i+size]...)
			w.low = append(w.low, s[i:i+size]...)
			for range size {
				w.pos = append(w.pos, w.ri)
			}
			w.afterDash = false
		} else {
			w.writeRune(r)
		}
		i += size
		w.ri++
	}
}

func (w *normWriter) writeRune(r rune) {
	switch r = mapRune(r); {
	case r < 0:
		return
	case r == ' ':
		if w.afterDash || len(w.cased) == w.start || w.cased[len(w.cased)-1] == ' ' {
			return
		}
	case r == '-':
		w.trimSpace()
		w.afterDash = true
		w.put('-', '-')
		return
	}
	w.afterDash = false
	if r < utf8.RuneSelf {
		lr := r
		if 'A' <= r && r <= 'Z' {
			lr = r + 'a' - 'A'
		}
		w.put(r, lr)
		return
	}
	if w.f == formFold && r < 0x1F00 && foldTable[r] != 0 {
		b := rune(foldTable[r])
		w.put(b, unicode.ToLower(b))
		return
	}
	if w.f == formFold && r >= 0x0300 && r < 0x0370 {
		return // a combining mark left over from NFD input
	}
	if r < 0x1F00 {
		w.put(r, lowerTable[r])
		return
	}
	lr := unicode.ToLower(r)
	if utf8.RuneLen(lr) != utf8.RuneLen(r) {
		lr = r // keep the buffers byte-aligned
	}
	w.put(r, lr)
}

func (w *normWriter) put(c, l rune) {
	w.cased = utf8.AppendRune(w.cased, c)
	w.low = utf8.AppendRune(w.low, l)
	for len(w.pos) < len(w.low) {
		w.pos = append(w.pos, w.ri)
	}
}

// mapRune unifies look-alike characters: fullwidth ASCII, dashes, quotes
// and the many spaces. It returns -1 for characters to drop.
func mapRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if r == '\t' || r == '\r' || r == '\n' || r == '\f' || r == '\v' {
			return ' '
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // fullwidth ASCII: ＪＩＣＡ, ２０２５
		return mapRune(r - 0xFEE0)
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE58, r == 0xFE63:
		return '-'
	case r == 0x2018 || r == 0x2019 || r == 0x201A || r == 0x201B:
		return '\''
	case r == 0x201C || r == 0x201D || r == 0x201E:
		return '"'
	case r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF || r == 0x00AD:
		return -1
	case r == 0x3000 || r == 0x00A0 || r == 0x202F || r == 0x205F, r >= 0x2000 && r <= 0x200A:
		return ' '
	}
	return r
}

// normalizeTerm prepares a taxonomy phrase in form f and returns its cased
// and lowercase keys, trimmed.
func normalizeTerm(s string, f form) (cased, low string) {
	w := normWriter{f: f}
	w.writeString(norm.NFC.String(s))
	w.end()
	return string(w.cased[:len(w.cased)-1]), string(w.low[:len(w.low)-1])
}

// hasVietnameseMarks reports whether Vietnamese text carries its
// diacritics; text typed without them is matched in formFold.
func hasVietnameseMarks(s string) bool {
	latin, marked := 0, 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0xC0 && r < 0x250, r >= 0x1E00 && r < 0x1F00:
			latin++
			marked++
		case r >= 0x0300 && r < 0x0370:
			marked++ // NFD input
		}
	}
	// In running Vietnamese a quarter or more of the letters are marked;
	// one in twenty is far below that and above a few marked names
	// ("Hà Nội") in text typed without diacritics.
	return marked*20 >= latin && marked > 0
}

// toneMoves maps "oà"-style spellings (tone on the second vowel, the
// newer convention) to "òa" ("hoà" → "hòa", "khoẻ" → "khỏe", "thuỷ" →
// "thủy"), so both conventions match. Pairs whose UTF-8 lengths differ are
// left out to keep the buffers byte-aligned; they are rare.
var toneMoves = buildToneMoves()

type tonePair struct{ first, second rune }

func buildToneMoves() map[tonePair]tonePair {
	out := map[tonePair]tonePair{}
	marks := []rune{0x0300, 0x0301, 0x0309, 0x0303, 0x0323} // grave, acute, hook, tilde, dot below
	for _, pair := range []struct{ first, second rune }{{'o', 'a'}, {'o', 'e'}, {'u', 'y'}, {'O', 'A'}, {'O', 'E'}, {'U', 'Y'}} {
		for _, m := range marks {
			from := tonePair{pair.first, []rune(norm.NFC.String(string([]rune{pair.second, m})))[0]}
			to := tonePair{[]rune(norm.NFC.String(string([]rune{pair.first, m})))[0], pair.second}
			if utf8.RuneLen(from.second) == utf8.RuneLen(to.first) {
				out[from] = to
			}
		}
	}
	return out
}

// fixTonePlacement rewrites b in place, at the end of open syllables only
// ("hoàn" keeps its spelling).
func fixTonePlacement(b []byte) {
	prev, prevAt := rune(0), 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x80 && (prev == 'o' || prev == 'u' || prev == 'O' || prev == 'U') {
			next, _ := utf8.DecodeRune(b[i+size:])
			if to, ok := toneMoves[tonePair{prev, r}]; ok && !unicode.IsLetter(next) && i+size <= len(b) {
				n := utf8.EncodeRune(b[prevAt:], to.first)
				utf8.EncodeRune(b[prevAt+n:], to.second)
			}
		}
		prev, prevAt = r, i
		i += size
	}
}

// toNFC returns s in NFC. Text without combining marks (whose UTF-8 lead
// bytes are 0xCC and 0xCD) is almost always NFC already and is returned
// as is, which spares the normaliser's lookups on every page.
func toNFC(s string) string {
	if strings.IndexByte(s, 0xCC) < 0 && strings.IndexByte(s, 0xCD) < 0 {
		return s
	}
	return norm.NFC.String(s)
}

// prefix returns at most n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

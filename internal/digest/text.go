package digest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Text is measured in display columns, as a monospace terminal or a
// plain-text mail client shows it: a kanji takes two, a Latin letter with
// its diacritics one. Breaks fall where Unicode line breaking allows them
// (between words, and between most CJK characters).

// segment is a piece of text that a line break may follow.
type segment struct {
	text      string
	mustBreak bool // a line break must follow (a newline in the text)
}

// segments splits s where a line may break: where Unicode line breaking
// allows it, except inside a Latin word or a URL (after "/" or "-"), which
// stay whole so that they can be read and followed.
func segments(s string) []segment {
	var out []segment
	state := -1
	for len(s) > 0 {
		seg, rest, mustBreak, next := uniseg.FirstLineSegmentInString(s, state)
		for !mustBreak && rest != "" && !strings.HasSuffix(seg, " ") && !wideBoundary(seg, rest) {
			more, r, mb, n := uniseg.FirstLineSegmentInString(rest, next)
			seg, rest, mustBreak, next = seg+more, r, mb, n
		}
		out = append(out, segment{seg, mustBreak})
		s, state = rest, next
	}
	return out
}

// wideBoundary reports a break between before and after that touches a
// CJK character or punctuation, where lines break without spaces.
func wideBoundary(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	return isWide(last) || isWide(first)
}

// isWide reports CJK characters and their punctuation and full-width forms.
func isWide(r rune) bool {
	return isCJK(r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// wrap splits s into lines of at most width columns. A word wider than
// width (a long URL) gets a line of its own rather than being cut.
func wrap(s string, width int) []string {
	var lines []string
	var line strings.Builder
	col := 0
	flush := func() {
		if t := strings.TrimRight(line.String(), " "); t != "" {
			lines = append(lines, t)
		}
		line.Reset()
		col = 0
	}
	for _, seg := range segments(s) {
		text := seg.text
		if w := uniseg.StringWidth(strings.TrimRight(text, " ")); col > 0 && col+w > width {
			flush()
		}
		if col == 0 {
			text = strings.TrimLeft(text, " ")
		}
		line.WriteString(text)
		col += uniseg.StringWidth(text)
		if seg.mustBreak {
			flush()
		}
	}
	flush()
	return lines
}

// clip shortens s to at most width columns at a line-break opportunity,
// ending it with "…" when something was cut.
func clip(s string, width int) string {
	if uniseg.StringWidth(s) <= width {
		return s
	}
	var b strings.Builder
	col := 0
	for _, seg := range segments(s) {
		if col+uniseg.StringWidth(strings.TrimRight(seg.text, " ")) > width-1 {
			break
		}
		b.WriteString(seg.text)
		col += uniseg.StringWidth(seg.text)
	}
	out := strings.TrimRightFunc(b.String(), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '」' && r != '）'
	})
	if out == "" { // one unbreakable word wider than width
		for _, r := range s {
			if uniseg.StringWidth(out+string(r)) > width-1 {
				break
			}
			out += string(r)
		}
	}
	return out + "…"
}

// collapse replaces runs of white space, line breaks included, by one
// space, so text from a page can go into a header or a single line.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

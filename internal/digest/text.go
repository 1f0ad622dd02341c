package digest

import (
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

// Text is measured in display columns, as a monospace terminal or a
// plain-text mail client shows it: a kanji takes two, a Latin letter with
// its diacritics one. Breaks fall where Unicode line breaking allows them
// (between words, and between most CJK characters).

// wrap splits s into lines of at most width columns. A word wider than
// width (a long URL) gets a line of its own rather than being cut.
func wrap(s string, width int) []string {
	var lines []string
	var line strings.Builder
	col, state := 0, -1
	flush := func() {
		if t := strings.TrimRight(line.String(), " "); t != "" {
			lines = append(lines, t)
		}
		line.Reset()
		col = 0
	}
	for len(s) > 0 {
		seg, rest, mustBreak, next := uniseg.FirstLineSegmentInString(s, state)
		if w := uniseg.StringWidth(strings.TrimRight(seg, " ")); col > 0 && col+w > width {
			flush()
		}
		if col == 0 {
			seg = strings.TrimLeft(seg, " ")
		}
		line.WriteString(seg)
		col += uniseg.StringWidth(seg)
		if mustBreak {
			flush()
		}
		s, state = rest, next
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
	col, state := 0, -1
	for len(s) > 0 {
		seg, rest, _, next := uniseg.FirstLineSegmentInString(s, state)
		w := uniseg.StringWidth(strings.TrimRight(seg, " "))
		if col+w > width-1 {
			break
		}
		b.WriteString(seg)
		col += uniseg.StringWidth(seg)
		s, state = rest, next
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

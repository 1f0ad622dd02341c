package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lines about the page rather than the story that dropPageLines
// recognises: copyright and source lines, staff credits, photo captions.

// creditLine reports a copyright, reproduction or source line. Those
// that start like a sentence ("Theo Bộ Tài chính, ...") are kept.
func creditLine(p string) bool {
	if !creditLines.MatchString(p) {
		return false
	}
	if strings.HasPrefix(p, "©") || strings.HasPrefix(strings.ToLower(p), "copyright") {
		return true
	}
	body := strings.TrimRight(p, ".。 ")
	return len(strings.Fields(body)) <= 10 && !strings.ContainsAny(body, ",，、")
}

// maxCaption is the longest paragraph, in runes, read as a photo caption.
const maxCaption = 300

// captionLine reports a photo caption (see captionCredits). The words
// test first is a cheap filter: most paragraphs have none of them near
// their end, and the expression is costly on every paragraph of a page.
func captionLine(p string) bool {
	if utf8.RuneCountInString(p) > maxCaption {
		return false
	}
	return containsAny(p[max(0, len(p)-160):], captionWords) && captionCredits.MatchString(p)
}

// pageNotice reports a notice about the page (see pageNotices), with the
// same kind of filter as captionLine.
func pageNotice(p string) bool {
	return containsAny(strings.ToLower(p), noticeWords) && pageNotices.MatchString(p)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// staffCredit reports a line made only of credit labels and names
// (see staffLabels).
func staffCredit(p string) bool {
	if !strings.ContainsAny(p, ":：") {
		return false
	}
	locs := staffLabels.FindAllStringIndex(p, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return false
	}
	for i, l := range locs {
		end := len(p)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if !namesOnly(strings.Trim(p[l[1]:end], "-–|/／　 ")) {
			return false
		}
	}
	return true
}

// namesOnly reports whether s is one or a few short names: no sentence
// punctuation, and every word of a cased script capitalised.
func namesOnly(s string) bool {
	if n := utf8.RuneCountInString(s); n == 0 || n > 40 || strings.ContainsAny(s, ".!?。:：") {
		return false
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '、' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

var (
	rxByline     = regexp.MustCompile(`(?i)^(by|from|written by|posted by|analysis by|opinion by|bởi|theo|文|記者)[\s:：]+`)
	rxBadAuthor  = regexp.MustCompile(`(?i)https?://|www\.|@|\.com\b|^\d+$|\bcomment`)
	rxCredential = regexp.MustCompile(`^(?:[A-Z]{1,4}|Ph\.?D\.?)$`)
	rxAuthorDate = regexp.MustCompile(`(?i)(^|\s+)(on\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day\b.*$|(^|\s+)(january|february|march|april|may|june|july|august|september|october|november|december)\b.*$|\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}.*$`)
)

// authorKeys are <meta> names that hold a byline.
var authorKeys = []string{"author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "cxenseparse:author"}

// chooseAuthor prefers JSON-LD author names, then <meta> bylines, then
// trafilatura's byline search. URLs and handles are rejected: article:author
// often holds a profile link.
func chooseAuthor(m *pageMeta, ld *ldInfo, fallback string) string {
	if names := cleanAuthors(ld.authors); len(names) > 0 {
		return strings.Join(names, ", ")
	}
	for _, k := range authorKeys {
		if names := cleanAuthors([]string{m.meta[k]}); len(names) > 0 {
			return strings.Join(names, ", ")
		}
	}
	return strings.Join(cleanAuthors([]string{fallback}), ", ")
}

// cleanAuthors splits "A; B" lists, strips "By" labels and dates glued to
// bylines, and drops credentials ("MS", "RD"), URLs and handles.
func cleanAuthors(raw []string) []string {
	var parts []string
	for _, r := range raw {
		parts = append(parts, strings.Split(html.UnescapeString(r), ";")...)
	}
	var out []string
	seen := map[string]bool{}
	for i, a := range parts {
		a = collapseSpace(a)
		if i > 0 && rxCredential.MatchString(a) {
			continue // "Jane Doe; MS; RD"
		}
		a = rxByline.ReplaceAllString(a, "")
		a = rxAuthorDate.ReplaceAllString(a, "")
		a = strings.Trim(a, " ,;|-")
		if len([]rune(a)) < 2 || len([]rune(a)) > 80 || rxBadAuthor.MatchString(a) || seen[strings.ToLower(a)] {
			continue
		}
		seen[strings.ToLower(a)] = true
		out = append(out, a)
	}
	return out
}

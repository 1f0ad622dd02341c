package extract

import (
	"regexp"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// publishedKeys are <meta> names, properties and itemprops that carry the
// publication time, most specific first.
var publishedKeys = []string{
	"article:published_time", "og:article:published_time", "article:published",
	"datepublished", "og:published_time", "published_time", "publishdate",
	"publish-date", "publish_date", "pubdate", "publication_date",
	"dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
	"parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime",
	"citation_publication_date", "article.published", "originalpublicationdate",
	"displaydate", "dc.date", "dcterms.date", "date", "datecreated",
}

// modifiedKeys are only a last resort: a page's update time is closer to
// its publication than no time at all.
var modifiedKeys = []string{"article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified"}

// maxFuture tolerates clock skew and sites that stamp articles slightly
// ahead, while rejecting event dates in the future.
const maxFuture = 48 * time.Hour

// choosePublished returns the first plausible date from JSON-LD, <meta>
// tags and <time> elements, then from go-htmldate's scan of the whole page
// (URL, bylines, visible dates). Dates without an offset are read in the
// page's local time for Vietnamese and Japanese pages.
func choosePublished(doc *html.Node, m *pageMeta, ld *ldInfo, lang, pageURL string) time.Time {
	var loc *time.Location
	switch lang {
	case "vi":
		loc = zoneVietnam
	case "ja":
		loc = zoneJapan
	}
	candidates := []string{ld.published}
	for _, k := range publishedKeys {
		candidates = append(candidates, m.meta[k])
	}
	candidates = append(candidates, m.timeAttrs...)
	candidates = append(candidates, ld.pagePublished)
	if t, ok := firstDate(candidates, loc); ok {
		return t
	}
	// go-htmldate reads 12/11/2026 month first; on Vietnamese and Japanese
	// pages the visible dates are day first or in kanji, so ours go first.
	if loc != nil {
		if t, ok := firstDate(m.dateTexts, loc); ok {
			return t
		}
	}
	// The first <time datetime> of a page is almost always the article's
	// and, unlike go-htmldate's answer, keeps the time of day.
	if t, ok := firstDate([]string{m.firstTime}, loc); ok {
		return t
	}
	if t, ok := htmlDate(doc, pageURL, loc); ok {
		return t
	}
	if t, ok := firstDate(m.dateTexts, loc); ok {
		return t
	}
	candidates = []string{ld.modified}
	for _, k := range modifiedKeys {
		candidates = append(candidates, m.meta[k])
	}
	t, _ := firstDate(candidates, loc)
	return t
}

func firstDate(candidates []string, loc *time.Location) (time.Time, bool) {
	limit := time.Now().Add(maxFuture)
	for _, c := range candidates {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if t, ok := ParseDateIn(c, loc); ok && t.Before(limit) && t.Year() >= 1995 {
			if loc != nil && rxUnix.MatchString(c) {
				t = t.In(loc) // a Unix time has no zone; show the page's
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// htmlDate runs go-htmldate in its fast mode; the extensive mode costs
// tens of milliseconds of regular expressions per page.
func htmlDate(doc *html.Node, pageURL string, loc *time.Location) (t time.Time, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = time.Time{}, false
		}
	}()
	res, err := htmldate.FromDocument(doc, htmldate.Options{
		UseOriginalDate:     true,
		SkipExtensiveSearch: true,
		ExtractTime:         true,
		URL:                 pageURL,
	})
	if err != nil || res.IsZero() {
		return time.Time{}, false
	}
	t = res.DateTime
	if !res.HasTimezone && loc != nil {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
	}
	return t, true
}

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

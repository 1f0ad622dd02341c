package extract

import (
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

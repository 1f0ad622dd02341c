package extract

import (
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
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
// tags and <time> elements, then from the page's visible datelines, then
// from the URL. Dates without an offset are read in the page's zone (see
// [pageZone]); a visible date without a year takes it from the URL or
// its weekday.
func choosePublished(m *pageMeta, ld *ldInfo, lang, pageURL string, now time.Time) time.Time {
	loc := pageZone(lang, pageURL)
	candidates := []string{ld.published}
	for _, k := range publishedKeys {
		candidates = append(candidates, m.meta[k])
	}
	candidates = append(candidates, m.timeAttrs...)
	candidates = append(candidates, ld.pagePublished)
	if t, ok := firstDate(candidates, loc, now); ok {
		return t
	}
	ud := parseURLDate(pageURL)
	// On Vietnamese and Japanese pages the visible dateline is more
	// reliable than the first <time>, which often belongs to a teaser;
	// elsewhere it comes after.
	if loc != nil {
		if t, ok := visibleDate(m.dateTexts, loc, ud, now); ok {
			return t
		}
	}
	if t, ok := firstDate([]string{m.firstTime}, loc, now); ok {
		return t
	}
	if loc == nil {
		if t, ok := visibleDate(m.dateTexts, loc, ud, now); ok {
			return t
		}
	}
	if t, ok := ud.time(orUTC(loc)); ok && !t.After(now.Add(maxFuture)) {
		return t
	}
	candidates = []string{ld.modified}
	for _, k := range modifiedKeys {
		candidates = append(candidates, m.meta[k])
	}
	t, _ := firstDate(candidates, loc, now)
	return t
}

// visibleDate reads the page's datelines: the first full date with a
// time of day, else the first full date, else the first date without a
// year (completed by [partialDate.resolve]). Page headers print today's
// date without a time, before the article's dateline.
func visibleDate(texts []string, loc *time.Location, ud urlDate, now time.Time) (time.Time, bool) {
	var dated []string
	for _, s := range texts {
		if rxClock.MatchString(s) || strings.ContainsAny(s, "時") {
			dated = append(dated, s)
		}
	}
	if t, ok := firstDate(dated, loc, now); ok {
		return t, true
	}
	if t, ok := firstDate(texts, loc, now); ok {
		return t, true
	}
	for _, s := range texts {
		if p, ok := parsePartialDate(norm.NFKC.String(s), loc); ok {
			return p.resolve(ud, orUTC(loc), now)
		}
	}
	return time.Time{}, false
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

func firstDate(candidates []string, loc *time.Location, now time.Time) (time.Time, bool) {
	limit := now.Add(maxFuture)
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

package search

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed/rss"
)

// edition is a Google News edition: interface language, country and
// edition id, as the site's own links spell them.
type edition struct{ hl, gl, ceid string }

var editions = map[string]edition{
	"en": {"en-US", "US", "US:en"},
	"vi": {"vi", "VN", "VN:vi"},
	"ja": {"ja", "JP", "JP:ja"},
}

func editionFor(lang string) edition {
	if e, ok := editions[lang]; ok {
		return e
	}
	return editions["en"]
}

// queryEscape escapes a query value with %20 for spaces, which every
// server reads as a space (some read "+" literally).
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// googleSearchURL is the RSS search for q in the edition of lang.
func googleSearchURL(endpoint, q, lang string) string {
	e := editionFor(lang)
	return fmt.Sprintf("%s/rss/search?q=%s&hl=%s&gl=%s&ceid=%s",
		endpoint, queryEscape(q), queryEscape(e.hl), e.gl, queryEscape(e.ceid))
}

// gnItem is one item of a Google News RSS answer: either the provider's
// article id, or (never seen from Google itself, but harmless to accept) a
// link straight to the publisher.
type gnItem struct {
	ID        string
	Direct    string // publisher URL when the link is not a provider link
	Title     string
	Outlet    string
	OutletURL string
	Published time.Time
}

// maxFeedItems bounds what one answer may list; Google lists up to 100.
const maxFeedItems = 500

// parseGoogleRSS reads a Google News RSS answer. providerHosts are the
// hosts whose links are provider links (the endpoint's host and
// news.google.com). Items with neither an id nor a usable link are
// reported in skipped.
func parseGoogleRSS(body []byte, providerHosts map[string]bool) (items []gnItem, skipped []error, err error) {
	feed, err := (&rss.Parser{}).Parse(bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("parse google news rss: %w", err)
	}
	for i, it := range feed.Items {
		if i == maxFeedItems {
			skipped = append(skipped, fmt.Errorf("answer lists %d items; read the first %d", len(feed.Items), maxFeedItems))
			break
		}
		gi := gnItem{Published: parseRSSTime(it.PubDate)}
		if it.Source != nil {
			gi.Outlet = collapse(it.Source.Title)
			gi.OutletURL = strings.TrimSpace(it.Source.URL)
		}
		gi.Outlet = cmp.Or(gi.Outlet, descriptionOutlet(it.Description))
		gi.Title = stripOutlet(collapse(it.Title), gi.Outlet)
		guid := ""
		if it.GUID != nil {
			guid = strings.TrimSpace(it.GUID.Value)
		}
		gi.ID, gi.Direct = linkTarget(strings.TrimSpace(it.Link), guid, providerHosts)
		if gi.ID == "" && gi.Direct == "" {
			skipped = append(skipped, fmt.Errorf("item %q: no article id or link", gi.Title))
			continue
		}
		items = append(items, gi)
	}
	return items, skipped, nil
}

// linkTarget reads an item's link: a provider link gives the article id in
// the path segment after "articles" (or "read"); another http(s) link is
// the publisher's. A non-permalink GUID that is an id is the fallback.
func linkTarget(link, guid string, providerHosts map[string]bool) (id, direct string) {
	if u, err := url.Parse(link); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		if !isProviderHost(u, providerHosts) {
			return "", link
		}
		segs := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i := 0; i+1 < len(segs); i++ {
			if (segs[i] == "articles" || segs[i] == "read") && validIDChars(segs[i+1]) && segs[i+1] != "" {
				return segs[i+1], ""
			}
		}
	}
	if guid != "" && len(guid) <= maxIDLen && validIDChars(guid) {
		return guid, ""
	}
	return "", ""
}

// isProviderHost reports whether u points at a news-search provider: one
// of hosts (host and port, lower case) or Google News itself.
func isProviderHost(u *url.URL, hosts map[string]bool) bool {
	h := strings.ToLower(u.Host)
	return hosts[h] || strings.ToLower(u.Hostname()) == "news.google.com"
}

// stripOutlet removes the " - Outlet" suffix Google appends to headlines.
// Only the outlet's own name is removed: a dash inside a headline stays.
func stripOutlet(title, outlet string) string {
	if outlet == "" {
		return title
	}
	for _, sep := range []string{" - ", " – ", " — "} {
		suffix := sep + outlet
		if len(title) > len(suffix) && strings.EqualFold(title[len(title)-len(suffix):], suffix) {
			return strings.TrimSpace(title[:len(title)-len(suffix)])
		}
	}
	return title
}

// descriptionOutlet reads the outlet from the description's markup
// (<a>headline</a>&nbsp;&nbsp;<font>Outlet</font>) for items without a
// <source> element.
func descriptionOutlet(desc string) string {
	if !strings.Contains(desc, "<font") {
		return ""
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(desc))
	if err != nil {
		return ""
	}
	return collapse(doc.Find("font").First().Text())
}

// parseRSSTime reads an RFC 1123 date as RSS writes it; zero when absent
// or unreadable.
func parseRSSTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

package fetch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// Item is a candidate article link found in a feed, sitemap or listing page,
// with whatever metadata the listing gave.
type Item struct {
	URL       string    // canonical (see internal/canon)
	Title     string    // "" when the listing gave none
	Published time.Time // UTC; zero when unknown
	Author    string
	Summary   string // plain text
	Lang      string // ISO 639-1 code ("vi" for "vi-VN"); "" when unknown
	SiteName  string // the publisher's name, when the listing names it (a news search)
}

// Listing is the result of Discover.
type Listing struct {
	NotModified bool    // every listing URL answered 304 (no work)
	Items       []Item  // deduplicated by canonical URL, in listing order
	Requests    int     // listing requests made
	Errors      []error // non-fatal errors (a broken child sitemap, a failed page 2)
	// Truncated counts sitemap links left out by Options.MaxSitemapURLs.
	Truncated int
}

// Accept headers per kind of listing.
const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
	acceptXML  = "application/xml, text/xml;q=0.9, */*;q=0.5"
	acceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// Discover fetches a source's feed, sitemap (following sitemap indexes and
// reading Google News sitemaps) or HTML listing pages (LinkSelector,
// ArticleRegexp, NextSelector up to MaxPages), with conditional GET:
// If-None-Match and If-Modified-Since come from the ValidatorStore, and new
// ETag and Last-Modified values are stored after a 200 answer that parsed.
//
// Discover returns an error only when the source itself could not be read:
// the first listing URL failed, was disallowed by robots.txt or did not
// parse. Failures after that (a child sitemap, page 2) are in
// Listing.Errors.
//
// Credentials in the source URL (https://user:password@host/feed) are sent
// with the source's listing requests to that host only, and appear in no
// error, item or validator key.
//
// Validators are stored as soon as a listing parsed, before the caller has
// fetched the items: a caller that loses items after Discover returns must
// keep its own retry list, because the next Discover may answer NotModified.
func (c *Client) Discover(ctx context.Context, src crawler.Source) (*Listing, error) {
	s := c.newSession(ctx)
	src.URL, s.auth = splitAuth(src.URL)
	b := &builder{seen: make(map[string]int)}
	var err error
	switch src.Kind {
	case crawler.KindRSS:
		err = s.discoverFeed(src, b)
	case crawler.KindSitemap:
		err = s.discoverSitemaps(src, b)
	case crawler.KindHTML:
		err = s.discoverHTML(src, b)
	default:
		err = fmt.Errorf("unknown source kind %q", src.Kind)
	}
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", cmp.Or(src.Name, src.URL), err)
	}
	return b.listing(), nil
}

// builder accumulates a Listing.
type builder struct {
	Listing
	seen        map[string]int // canonical URL -> index in Items
	notModified int
}

// add appends it unless its URL is already listed; a repeat fills in
// metadata the first sighting lacked (an image link followed by the
// headline link to the same story).
func (b *builder) add(it Item) {
	if i, ok := b.seen[it.URL]; ok {
		old := &b.Items[i]
		old.Title = cmp.Or(old.Title, it.Title)
		old.Author = cmp.Or(old.Author, it.Author)
		old.Summary = cmp.Or(old.Summary, it.Summary)
		old.Lang = cmp.Or(old.Lang, it.Lang)
		if old.Published.IsZero() {
			old.Published = it.Published
		}
		return
	}
	b.seen[it.URL] = len(b.Items)
	b.Items = append(b.Items, it)
}

func (b *builder) errorf(format string, args ...any) {
	b.Errors = append(b.Errors, fmt.Errorf(format, args...))
}

func (b *builder) listing() *Listing {
	l := b.Listing
	l.NotModified = l.Requests > 0 && b.notModified == l.Requests
	return &l
}

// conditionalGet fetches a listing URL, sending the stored validators. It
// returns a nil response for 304 Not Modified and a *StatusError for other
// non-2xx answers.
func (s *session) conditionalGet(u, accept string, b *builder) (*response, error) {
	hdr := http.Header{}
	hdr.Set("Accept", accept)
	if s.c.vs != nil {
		v, err := s.c.vs.Validators(u)
		if err != nil {
			b.errorf("read validators for %s: %w", u, err)
		}
		if v.ETag != "" {
			hdr.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			hdr.Set("If-Modified-Since", v.LastModified)
		}
	}
	res, err := s.get(u, hdr, false)
	if !errors.Is(err, ErrRobots) {
		b.Requests++
	}
	if err != nil {
		return nil, err
	}
	if res.status == http.StatusNotModified {
		b.notModified++
		return nil, nil
	}
	if err := statusError(res.status, res.header, time.Now()); err != nil {
		return nil, err
	}
	return res, nil
}

// saveValidators records the validators of a listing answer that parsed.
func (s *session) saveValidators(res *response, b *builder) {
	if s.c.vs == nil {
		return
	}
	v := Validators{ETag: res.header.Get("ETag"), LastModified: res.header.Get("Last-Modified")}
	if v == (Validators{}) {
		return
	}
	if err := s.c.vs.SetValidators(res.url, v); err != nil {
		b.errorf("store validators for %s: %w", res.url, err)
	}
}

// normLang reduces a language tag to its primary subtag: "vi-VN" -> "vi".
func normLang(tag string) string {
	tag = strings.TrimSpace(tag)
	primary, _, _ := strings.Cut(tag, "-")
	primary, _, _ = strings.Cut(primary, "_")
	primary = strings.ToLower(primary)
	if len(primary) < 2 || len(primary) > 3 {
		return ""
	}
	return primary
}

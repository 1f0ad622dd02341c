package testsite

import (
	"fmt"
	"html/template"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vnjp-monitor/crawler"
)

// DefaultSlowDelay is how long the slow endpoint waits before answering.
const DefaultSlowDelay = 5 * time.Second

// Site is the running news site: a main outlet and a syndication outlet on
// two loopback ports. Its methods are safe for concurrent use.
type Site struct {
	main, synd *outlet
	tmpl       *template.Template
	log        requestLog
	gate       *handlerGate
	done       chan struct{} // closed by Close: long handlers give up
	closeOnce  sync.Once
	slowDelay  atomic.Int64

	mu      sync.RWMutex
	entries []*entry  // display order: newest first, published ones on top
	clock   time.Time // latest Last-Modified handed out
}

// Start loads the site's content and starts both outlets on 127.0.0.1 with
// ports chosen by the system. Call Close when done.
func Start() (*Site, error) {
	entries, err := loadEntries()
	if err != nil {
		return nil, fmt.Errorf("load stories: %w", err)
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Site{tmpl: tmpl, entries: entries, gate: newHandlerGate(), done: make(chan struct{})}
	s.slowDelay.Store(int64(DefaultSlowDelay))
	for _, e := range entries {
		if e.updated.After(s.clock) {
			s.clock = e.updated
		}
	}
	if s.main, err = listen(OutletMain, s.instrument(OutletMain, s.mainRoutes())); err != nil {
		return nil, err
	}
	if s.synd, err = listen(OutletSyndication, s.instrument(OutletSyndication, s.syndicationRoutes())); err != nil {
		s.main.close()
		return nil, err
	}
	return s, nil
}

// Close stops both outlets. Requests in flight, the slow and huge endpoints
// included, are cut off; Close returns once every handler has returned. It
// is safe to call more than once.
func (s *Site) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.main.close()
		s.synd.close()
		s.gate.closeAndWait()
	})
}

// BaseURL is the main outlet's root, such as http://127.0.0.1:41234.
func (s *Site) BaseURL() string { return s.main.base }

// SyndicationBaseURL is the syndication outlet's root.
func (s *Site) SyndicationBaseURL() string { return s.synd.base }

// Sources returns the crawler sources that cover the whole site: RSS feeds
// (world, business), the Japanese Atom feed, the Vietnamese sitemap index,
// the paginated politics listing and the syndication outlet's feed.
// ArticleRegexp is left nil: config validation compiles ArticlePattern.
func (s *Site) Sources() []crawler.Source {
	m := s.main.base
	return []crawler.Source{
		{Name: "Meridian Post World", Kind: crawler.KindRSS, URL: m + "/rss/world.xml", Language: "en"},
		{Name: "Meridian Post Business", Kind: crawler.KindRSS, URL: m + "/rss/business.xml", Language: "en"},
		{Name: "Meridian Post 日本語版", Kind: crawler.KindRSS, URL: m + "/ja/atom.xml", Language: "ja"},
		{Name: "Báo Kinh Tuyến", Kind: crawler.KindSitemap, URL: m + "/sitemap.xml", Language: "vi"},
		{
			Name: "Meridian Post Politics", Kind: crawler.KindHTML, URL: m + "/politics/", Language: "en",
			LinkSelector: "main a[href]", ArticlePattern: "/article/", NextSelector: "a[rel=next]", MaxPages: 3,
		},
		{Name: "Riverside Newswire", Kind: crawler.KindRSS, URL: s.synd.base + "/feed.rss", Language: "en"},
	}
}

// Stories returns the ground truth: every story of the main outlet, the
// negatives, the disallowed one and those added by Publish included, newest
// first. The slices are copies.
func (s *Site) Stories() []Story {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Story, len(s.entries))
	for i, e := range s.entries {
		out[i] = e.Story.clone()
	}
	return out
}

// URL returns the canonical main-outlet URL of the story with this slug, or
// "" when there is none.
func (s *Site) URL(slug string) string {
	if e := s.entry(slug); e != nil {
		return s.main.base + e.path()
	}
	return ""
}

// entry finds a story by slug.
func (s *Site) entry(slug string) *entry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, e := range s.entries {
		if e.Slug == slug {
			return e
		}
	}
	return nil
}

// snapshot returns the current entries in display order. Entries are never
// modified once added, so the caller may read them without the lock.
func (s *Site) snapshot() []*entry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.entries)
}

// Requests returns a copy of the request log, oldest first.
func (s *Site) Requests() []Request { return s.log.snapshot() }

// ResetRequests empties the request log.
func (s *Site) ResetRequests() { s.log.reset() }

// SetSlowDelay changes how long the slow endpoint waits before answering.
func (s *Site) SetSlowDelay(d time.Duration) { s.slowDelay.Store(int64(d)) }

// Publish adds st while the site runs, at the top of the surface that lists
// its language and section: the Atom feed for ja, the sitemaps for vi, the
// politics listing for en politics, the business or world RSS feed for
// other en stories. Feeds that list it get a new ETag and a later
// Last-Modified. A zero Published means now; an empty Section means the
// edition's default; a story with the slug of an existing one replaces it.
// Publish panics when st has no slug or its language is not en, vi or ja.
func (s *Site) Publish(st Story) {
	if st.Slug == "" || editions[st.Lang].Name == "" {
		panic(fmt.Sprintf("testsite: Publish needs a slug and lang en, vi or ja, got %q and %q", st.Slug, st.Lang))
	}
	st = st.clone()
	if st.Published.IsZero() {
		st.Published = time.Now()
	}
	if st.Section == "" {
		st.Section = editions[st.Lang].DefaultSection
	}
	e := &entry{Story: st, feeds: []feedRef{{name: defaultFeed(st)}}}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Last-Modified has one-second resolution: keep it strictly increasing
	// so a client's If-Modified-Since never hides the new story.
	now := time.Now().UTC().Truncate(time.Second)
	if !now.After(s.clock) {
		now = s.clock.Add(time.Second)
	}
	s.clock, e.updated = now, now
	s.entries = slices.DeleteFunc(s.entries, func(old *entry) bool { return old.Slug == st.Slug })
	s.entries = slices.Insert(s.entries, 0, e)
}

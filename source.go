package crawler

import (
	"regexp"
	"time"
)

// Source kinds.
const (
	KindRSS     = "rss"     // RSS 2.0, RSS 1.0 or Atom feed
	KindSitemap = "sitemap" // XML sitemap, sitemap index or Google News sitemap
	KindHTML    = "html"    // HTML listing page with link selector and pagination
	KindSearch  = "search"  // news search provider queried for new stories (see Provider)
)

// Search providers of kind search sources.
const (
	ProviderGoogleNews = "google-news" // the Google News RSS search
	ProviderGDELT      = "gdelt"       // the GDELT DOC 2.0 API
)

// Source is one configured place to look for articles.
type Source struct {
	Name     string `yaml:"name"`
	Kind     string `yaml:"kind"`
	URL      string `yaml:"url"`
	Language string `yaml:"language"` // hint only; detection still runs

	// Listing pages (kind html).
	LinkSelector   string `yaml:"link_selector"`   // CSS selector for candidate links
	ArticlePattern string `yaml:"article_pattern"` // regexp an article URL must match
	NextSelector   string `yaml:"next_selector"`   // CSS selector of the next page link
	MaxPages       int    `yaml:"max_pages"`       // listing pages followed, default 1

	// Search sources (kind search).
	Provider string        `yaml:"provider"` // ProviderGoogleNews or ProviderGDELT
	Endpoint string        `yaml:"endpoint"` // provider base URL; validation fills the provider's default
	Queries  []SearchQuery `yaml:"queries"`
	Lookback time.Duration `yaml:"lookback"` // gdelt: window of the first run; validation fills 24h

	// Daemon settings; zero values mean the crawl-wide defaults.
	Schedule    string        `yaml:"schedule"`     // cron spec or @every, overrides crawl.schedule
	ExpectEvery time.Duration `yaml:"expect_every"` // flag the source silent after this long without a new article

	// ArticleRegexp is ArticlePattern compiled by config validation; nil when
	// the pattern is empty (every candidate link matches).
	ArticleRegexp *regexp.Regexp `yaml:"-"`
}

// URLs returns every URL the source's fields name. The crawler may reach
// their hosts even on internal addresses (a source on an intranet); a new
// field holding a URL must be listed here. A search source names its
// provider's endpoint, not the publishers its results point at: those
// must be public.
func (s Source) URLs() []string {
	return []string{s.URL, s.Endpoint}
}

// SearchQuery is one query of a search source: the words to search for and
// the language (en, vi or ja) of the edition or articles to search.
type SearchQuery struct {
	Q    string `yaml:"q"`
	Lang string `yaml:"lang"`
}

// SourceState is the health of one source as the daemon and `crawler
// sources` report it.
type SourceState struct {
	Name                string    `json:"name"`
	FirstAttempt        time.Time `json:"first_attempt"` // silence of a source never bringing news counts from here
	LastAttempt         time.Time `json:"last_attempt"`
	LastSuccess         time.Time `json:"last_success"`
	LastNew             time.Time `json:"last_new"` // last time a new article was stored
	ConsecutiveFailures int       `json:"consecutive_failures"`
	LastError           string    `json:"last_error,omitempty"`
	NextAttempt         time.Time `json:"next_attempt"` // backoff: not before this time
	Articles            int       `json:"articles"`     // stories stored from this source, all time
	// Search is the provider's side of a search source; nil for others.
	Search *SearchState `json:"search,omitempty"`
}

// SearchState is what a search source remembers between passes and what
// `crawler sources` shows of it.
type SearchState struct {
	Queries []QueryState `json:"queries,omitempty"`
	// LastError is the provider's most recent error (a query, or
	// resolving its links) and LastErrorAt when it happened. Unlike the
	// source's LastError it is kept after clean passes, so an occasional
	// 429 stays visible.
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	Resolved    int       `json:"resolved"`   // links resolved online, all time
	Unresolved  int       `json:"unresolved"` // links waiting to be resolved
}

// QueryState is one query's record.
type QueryState struct {
	Q           string    `json:"q"`
	Lang        string    `json:"lang"`
	LastRun     time.Time `json:"last_run,omitzero"`
	Covered     time.Time `json:"covered,omitzero"` // gdelt: end of the last window read in full
	LastResults int       `json:"last_results"`     // results of the last successful run
	Results     int       `json:"results"`          // results, all time
	LastError   string    `json:"last_error,omitempty"`
}

// SearchLink is a search result whose publisher URL is not known yet: a
// news-search link that must be resolved online, kept between passes until
// it is.
type SearchLink struct {
	ID        string    `json:"id"`               // the provider's article id
	Title     string    `json:"title,omitempty"`  // headline, outlet suffix removed
	Outlet    string    `json:"outlet,omitempty"` // the publisher's name
	Lang      string    `json:"lang,omitempty"`   // the query's language
	Published time.Time `json:"published,omitzero"`
	Added     time.Time `json:"added"`
	Attempts  int       `json:"attempts,omitempty"` // failed resolutions so far
	LastError string    `json:"last_error,omitempty"`
}

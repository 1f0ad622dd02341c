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

	// Daemon settings; zero values mean the crawl-wide defaults.
	Schedule    string        `yaml:"schedule"`     // cron spec or @every, overrides crawl.schedule
	ExpectEvery time.Duration `yaml:"expect_every"` // flag the source silent after this long without a new article

	// ArticleRegexp is ArticlePattern compiled by config validation; nil when
	// the pattern is empty (every candidate link matches).
	ArticleRegexp *regexp.Regexp `yaml:"-"`
}

// URLs returns every URL the source's fields name. The crawler may reach
// their hosts even on internal addresses (a source on an intranet); a new
// field holding a URL must be listed here.
func (s Source) URLs() []string {
	return []string{s.URL}
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
}

package crawl_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// otherConfig is a configuration such as someone new to the project would
// write for the second site, using only the documented keys.
func otherConfig(site *otherSite, db string) string {
	return fmt.Sprintf(`database: %s
timezone: Asia/Tokyo
user_agent: "vnjp-monitor/0.1 (+https://example.org/bot)"
crawl:
  per_host_delay: 0s
  parallelism: 4
  timeout: 10s
  max_body_bytes: 5000000
  respect_robots: true
sources:
  - name: Ledger English
    kind: rss
    url: %[2]s/feed/
    language: en
  - name: Ledger 日本語
    kind: rss
    url: %[2]s/ja/feed/atom/
    language: ja
  - name: Ledger Tiếng Việt
    kind: sitemap
    url: %[2]s/vi/sitemap_index.xml
    language: vi
  - name: Ledger Viet Nam–Japan section
    kind: html
    url: %[2]s/category/viet-nam-japan/
    link_selector: "#main a[href]"
    article_pattern: "/\\d{4}/\\d{2}/\\d{2}/"
    next_selector: "a.next, a.load-more"
    max_pages: 5
  - name: Pacific Wire
    kind: rss
    url: %[3]s/rss.xml
`, db, site.main.URL, site.wire.URL)
}

// otherEnv runs crawl passes over the second site through the same path
// as `crawler --config F crawl --once`.
type otherEnv struct {
	site    *otherSite
	store   *store.Store
	crawler *crawl.Crawler
	cfg     *config.Config
}

func newOtherEnv(t *testing.T) *otherEnv {
	t.Helper()
	site := startOtherSite(t)
	db := filepath.Join(t.TempDir(), "other.db")
	cfg, err := config.Parse(strings.NewReader(otherConfig(site, db)), "other.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(cfg.Database, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("database check: %v", err)
		}
		st.Close()
	})
	c, err := crawl.New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return &otherEnv{site: site, store: st, crawler: c, cfg: cfg}
}

func (e *otherEnv) pass(t *testing.T) []crawl.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reports := e.crawler.All(ctx, e.cfg.Sources, e.cfg.Crawl.Parallelism, nil)
	for _, r := range reports {
		if r.Err != nil {
			t.Errorf("source %s failed: %v", r.Source, r.Err)
		}
		t.Logf("%s: listed %d new %d fetched %d stored %d merged %d errors %d %v",
			r.Source, r.Listed, r.New, r.Fetched, r.Stored, r.Merged, r.Errors, r.Failures)
	}
	return reports
}

// storyURL is where the site publishes s first.
func (e *otherEnv) storyURL(s *otherStory) string {
	if s.via("syndicator") {
		return e.site.wire.URL + wirePath(s)
	}
	return e.site.main.URL + s.path()
}

// owner returns the records listing u among their URLs.
func owners(all []*crawler.Article, u string) []*crawler.Article {
	var out []*crawler.Article
	for _, a := range all {
		if slices.Contains(a.URLs, u) {
			out = append(out, a)
		}
	}
	return out
}

func TestCrawlOtherSite(t *testing.T) {
	e := newOtherEnv(t)
	e.pass(t)
	all, err := e.store.List(store.Query{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range e.site.stories {
		t.Run(s.ID, func(t *testing.T) { checkOtherStory(t, e, all, s) })
	}
	for id := range wireCopies {
		s := storyByID(e.site.stories, id)
		orig, cp := owners(all, e.storyURL(s)), owners(all, e.site.wire.URL+wirePath(s))
		if len(orig) != 1 || len(cp) != 1 || orig[0].ID != cp[0].ID {
			t.Errorf("wire copy of %s not merged into its record", id)
		}
	}
	if got, want := len(all), len(e.site.stories); got != want {
		for _, a := range all {
			t.Logf("record %s %q %v", a.ID, a.Title, a.URLs)
		}
		t.Errorf("stored %d records, want one per story (%d)", got, want)
	}
	checkPoliteness(t, e.site.requests())

	e.site.resetLog()
	reports := e.pass(t)
	for _, r := range reports {
		if r.Stored != 0 || r.Fetched != 0 {
			t.Errorf("second pass on %s fetched %d pages and stored %d", r.Source, r.Fetched, r.Stored)
		}
	}
	checkSecondPass(t, e, e.site.requests())
}

func storyByID(stories []*otherStory, id string) *otherStory {
	for _, s := range stories {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// checkOtherStory: stored once, text decoded, date found.
func checkOtherStory(t *testing.T, e *otherEnv, all []*crawler.Article, s *otherStory) {
	recs := owners(all, e.storyURL(s))
	if len(recs) != 1 {
		t.Fatalf("%s is in %d records, want 1", e.storyURL(s), len(recs))
	}
	a := recs[0]
	phrase := []rune(s.Paras[1])[:16]
	if !strings.Contains(a.Text, string(phrase)) {
		t.Errorf("text lacks %q; got %.200q", string(phrase), a.Text)
	}
	if strings.ContainsAny(a.Title+a.Text, "\ufffdÃ") {
		t.Errorf("mis-decoded text: %.120q", a.Title)
	}
	if a.Lang != s.Lang {
		t.Errorf("lang = %q, want %q", a.Lang, s.Lang)
	}
	if a.Published.IsZero() {
		t.Errorf("no publication date, want %s", s.Date)
	} else if d := a.Published.Sub(s.Date).Abs(); d > 24*time.Hour || (s.Lang != "en" && d != 0) {
		t.Errorf("published = %s, want %s", a.Published, s.Date)
	}
	for _, p := range []string{"cookies", "Subscribe", "window.__LEDGER__", "Reply"} {
		if strings.Contains(a.Text, p) {
			t.Errorf("text keeps page furniture %q", p)
		}
	}
}

// checkPoliteness: nothing robots.txt forbids, no HEAD, and the wire's
// Crawl-delay between requests.
func checkPoliteness(t *testing.T, reqs []otherRequest) {
	t.Helper()
	var lastWire time.Time
	for _, r := range reqs {
		if disallowed(r.Outlet, r.URI) {
			t.Errorf("requested %s %s, which robots.txt disallows", r.Outlet, r.URI)
		}
		if r.Method != "GET" {
			t.Errorf("%s %s %s: only GET expected", r.Method, r.Outlet, r.URI)
		}
		if r.Outlet == "wire" && r.URI != "/robots.txt" {
			if !lastWire.IsZero() && r.At.Sub(lastWire) < 250*time.Millisecond {
				t.Errorf("wire %s requested %s after the previous one, Crawl-delay is 0.3s", r.URI, r.At.Sub(lastWire))
			}
			lastWire = r.At
		}
	}
}

// checkSecondPass: only listings again, each asked conditionally.
func checkSecondPass(t *testing.T, e *otherEnv, reqs []otherRequest) {
	t.Helper()
	checkPoliteness(t, reqs)
	listings := map[string]bool{}
	for _, src := range e.cfg.Sources {
		listings[strings.TrimPrefix(strings.TrimPrefix(src.URL, e.site.main.URL), e.site.wire.URL)] = true
	}
	for _, r := range reqs {
		path, _, _ := strings.Cut(r.URI, "?")
		switch {
		case r.URI == "/robots.txt":
		case listings[path] || strings.HasPrefix(path, "/vi/") && strings.Contains(path, "sitemap"):
			if !r.Conditional {
				t.Errorf("second pass asked for %s %s without If-None-Match or If-Modified-Since", r.Outlet, r.URI)
			}
		default:
			t.Errorf("second pass requested %s %s, not a feed, sitemap or listing", r.Outlet, r.URI)
		}
	}
}

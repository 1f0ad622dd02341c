package crawl_test

import (
	"context"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// env is a crawler wired to a fresh database and the loopback news site.
type env struct {
	site    *testsite.Site
	store   *store.Store
	crawler *crawl.Crawler
	sources []crawler.Source
}

func newEnv(t *testing.T) *env {
	t.Helper()
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(site.Close)
	site.SetSlowDelay(3 * time.Second)

	cfg := config.Default()
	cfg.Sources = site.Sources()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "test.db"), store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("database check: %v", err)
		}
		st.Close()
	})
	clf, err := classify.New(cfg.Pillars)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := fetch.New(fetch.Options{
		UserAgent: "vnjp-monitor-test/1", Parallelism: 4, Timeout: time.Second,
		MaxBodyBytes: 10 << 20, RespectRobots: true, AllowHosts: crawl.AllowedHosts(cfg),
	}, crawl.Validators{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	c := &crawl.Crawler{Fetch: fc, Store: st, Classifier: clf, MaxPerRun: 500, Logger: slog.New(slog.DiscardHandler)}
	return &env{site: site, store: st, crawler: c, sources: cfg.Sources}
}

func (e *env) pass(t *testing.T) []crawl.Report {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	reports := e.crawler.All(ctx, e.sources, 4, nil)
	for _, r := range reports {
		if r.Err != nil {
			t.Errorf("source %s failed: %v", r.Source, r.Err)
		}
	}
	return reports
}

func pathOf(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host + u.Path
}

func stripQuery(p string) string {
	p, _, _ = strings.Cut(p, "?")
	return p
}

func TestCrawlLoopbackSite(t *testing.T) {
	e := newEnv(t)
	e.pass(t)

	// Every reachable story is stored, once, and disallowed ones never asked for.
	requested := map[string]bool{}
	for _, r := range e.site.Requests() {
		requested[r.Host+stripQuery(r.Path)] = true
	}
	for _, s := range e.site.Stories() {
		u := e.site.URL(s.Slug)
		id, ok, err := e.store.Lookup(u)
		if err != nil {
			t.Fatal(err)
		}
		if s.Disallowed {
			if ok || requested[pathOf(t, u)] {
				t.Errorf("robots-disallowed story %s was fetched", s.Slug)
			}
			continue
		}
		if !ok {
			t.Errorf("story %s (%s) not stored", s.Slug, u)
			continue
		}
		if got, err := e.store.Get(id); err != nil || got.Title == "" || got.Text == "" {
			t.Errorf("story %s stored without title or text: %+v, %v", s.Slug, got, err)
		}
	}

	// Syndicated copies are merged into the original's record.
	for copyURL, slug := range e.site.SyndicatedURLs() {
		orig, ok1, _ := e.store.Lookup(e.site.URL(slug))
		cp, ok2, _ := e.store.Lookup(copyURL)
		if !ok1 || !ok2 || orig != cp {
			t.Errorf("syndicated copy %s not merged with %s (ids %q %v, %q %v)", copyURL, slug, orig, ok1, cp, ok2)
		}
	}
	reachable := 0
	for _, s := range e.site.Stories() {
		if !s.Disallowed {
			reachable++
		}
	}
	all, err := e.store.List(store.Query{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(all), reachable; got != want {
		t.Errorf("stored %d records, want one per reachable story (%d)", got, want)
	}

	// Hostile links were tried, failed and recorded; the crawl survived them.
	for _, h := range e.site.HostileURLs() {
		if ok, err := e.store.ShouldFetch(h, time.Now()); err != nil || ok {
			t.Errorf("hostile URL %s would be fetched again at once (ok=%v err=%v)", h, ok, err)
		}
	}

	// A second pass fetches no article page and asks conditionally.
	e.site.ResetRequests()
	reports := e.pass(t)
	articlePaths := map[string]bool{}
	for _, s := range e.site.Stories() {
		articlePaths[pathOf(t, e.site.URL(s.Slug))] = true
	}
	for u := range e.site.SyndicatedURLs() {
		articlePaths[pathOf(t, u)] = true
	}
	for _, h := range e.site.HostileURLs() {
		articlePaths[pathOf(t, h)] = true
	}
	conditional := 0
	for _, r := range e.site.Requests() {
		if articlePaths[r.Host+stripQuery(r.Path)] {
			t.Errorf("second pass fetched article page %s%s", r.Host, r.Path)
		}
		if r.IfNoneMatch != "" || r.IfModifiedSince != "" {
			conditional++
		}
	}
	if conditional == 0 {
		t.Error("second pass sent no conditional request")
	}
	for _, r := range reports {
		if r.Stored != 0 {
			t.Errorf("second pass stored %d new stories from %s", r.Stored, r.Source)
		}
	}
}

func TestCrawlClassifiesSite(t *testing.T) {
	e := newEnv(t)
	e.pass(t)
	var agree, total int
	var wrong []string
	for _, s := range e.site.Stories() {
		if s.Disallowed {
			continue
		}
		id, ok, _ := e.store.Lookup(e.site.URL(s.Slug))
		if !ok {
			continue
		}
		a, err := e.store.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		total++
		if a.Relevant == s.Relevant && (!s.Relevant || a.Primary == s.Primary) {
			agree++
		} else {
			wrong = append(wrong, s.Slug)
		}
	}
	// The site's labels follow the pillar contract; the classifier must agree
	// on relevance and primary pillar for nearly all of them.
	if total == 0 || agree*10 < total*9 {
		t.Errorf("classifier agrees on %d of %d site stories; disagreements: %s", agree, total, strings.Join(wrong, ", "))
	}
}

// Links left over by a capped pass are fetched by later passes even though
// the feeds then answer 304 and list nothing.
func TestDeferredLinksSurviveNotModified(t *testing.T) {
	e := newEnv(t)
	e.crawler.MaxPerRun = 2
	count := func() int {
		all, err := e.store.List(store.Query{All: true})
		if err != nil {
			t.Fatal(err)
		}
		return len(all)
	}
	reports := e.pass(t)
	deferred := 0
	for _, r := range reports {
		deferred += r.Deferred
	}
	if deferred == 0 {
		t.Fatal("a pass capped at 2 articles per source deferred nothing")
	}
	before := count()
	reports = e.pass(t)
	notModified := 0
	for _, r := range reports {
		if r.NotModified {
			notModified++
		}
	}
	if notModified == 0 {
		t.Fatal("no source answered 304 on the second pass")
	}
	if after := count(); after <= before {
		t.Fatalf("second pass stored nothing (%d then %d) although links were deferred", before, after)
	}
	for i := 0; i < 20; i++ {
		e.pass(t)
	}
	reachable := 0
	for _, s := range e.site.Stories() {
		if !s.Disallowed {
			reachable++
		}
	}
	if got := count(); got != reachable {
		t.Errorf("after draining the queue, %d stories stored, want %d", got, reachable)
	}
}

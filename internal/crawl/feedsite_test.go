package crawl_test

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// startFeed starts a testsite.Feed closed with the test.
func startFeed(t *testing.T) *testsite.Feed {
	f := testsite.StartFeed()
	t.Cleanup(f.Close)
	return f
}

// feedEnv is a crawler wired from a configuration file naming the feed
// site's feed as its one source.
type feedEnv struct {
	site    *testsite.Feed
	store   *store.Store
	crawler *crawl.Crawler
	cfg     *config.Config
	closed  bool
}

func newFeedEnv(t *testing.T, site *testsite.Feed, sourceURL, extra string) *feedEnv {
	t.Helper()
	yaml := fmt.Sprintf(`database: %q
crawl:
  per_host_delay: 0s
  timeout: 2s
  respect_robots: false
%ssources:
  - name: Delta Courier
    kind: rss
    url: %q
`, filepath.Join(t.TempDir(), "feed.db"), extra, sourceURL)
	cfg, err := config.Parse(strings.NewReader(yaml), "feed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(cfg.Database, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c, err := crawl.New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	e := &feedEnv{site: site, store: st, crawler: c, cfg: cfg}
	t.Cleanup(func() { e.close(t) })
	return e
}

// close checks the database and closes it; closing twice is harmless.
func (e *feedEnv) close(t *testing.T) {
	t.Helper()
	if e.closed {
		return
	}
	e.closed = true
	if err := e.store.Check(); err != nil {
		t.Errorf("database check: %v", err)
	}
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
}

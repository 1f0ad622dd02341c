package daemon_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"go.uber.org/goleak"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/daemon"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

func testConfig(t *testing.T, site *testsite.Site) *config.Config {
	t.Helper()
	return daemonConfig(t, "@every 1s", time.Second, site.Sources()...)
}

// daemonConfig is the default configuration on a new database and a free
// port, with no politeness delay (the sites are ours).
func daemonConfig(t *testing.T, schedule string, timeout time.Duration, sources ...crawler.Source) *config.Config {
	t.Helper()
	cfg := config.Default()
	cfg.Database = filepath.Join(t.TempDir(), "daemon.db")
	cfg.HTTP.Listen = "127.0.0.1:0"
	cfg.Crawl.Schedule = schedule
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.Timeout = timeout
	cfg.Sources = sources
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestDaemonCrawlsOnScheduleAndStops(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	site.SetSlowDelay(1500 * time.Millisecond)
	cfg := testConfig(t, site)
	d, err := daemon.Open(cfg, daemon.Options{Grace: 3 * time.Second, LockTimeout: 200 * time.Millisecond, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	base := "http://" + d.Addr()

	storedURL := func(u string) func() bool {
		return func() bool { _, ok, _ := d.Store().Lookup(u); return ok }
	}
	first := site.Stories()[0]
	waitFor(t, "the first cycle to store "+first.Slug, 20*time.Second, storedURL(site.URL(first.Slug)))

	// A second daemon on the same database fails at once.
	start := time.Now()
	if _, err := daemon.Open(cfg, daemon.Options{LockTimeout: 200 * time.Millisecond}); !errors.Is(err, store.ErrLocked) {
		t.Errorf("second daemon: err=%v, want ErrLocked", err)
	} else if time.Since(start) > 5*time.Second {
		t.Errorf("second daemon took %v to fail", time.Since(start))
	}

	// A story published mid-test is stored by a later cycle.
	fresh := testsite.Story{
		Slug: "daemon-fresh-story", Lang: "en",
		Title:    "Viet Nam and Japan open a new round of talks on supply chain resilience",
		Relevant: true, Pillars: []string{"economy-trade-investment"}, Primary: "economy-trade-investment",
		Body: []string{
			"Trade officials from Viet Nam and Japan met in Hanoi on Monday to open a new round of talks on making supply chains between the two economies more resilient.",
			"The Vietnamese side asked Japanese investors to source more components from local suppliers, while the Japanese delegation raised customs procedures at northern ports.",
		},
	}
	published := time.Now()
	site.Publish(fresh)
	waitFor(t, "the story published mid-test", 15*time.Second, storedURL(site.URL(fresh.Slug)))
	t.Logf("story stored %v after publication", time.Since(published).Round(time.Millisecond))

	if code, body := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %s, want 200", code, body)
	}
	code, body := get(t, base+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics = %d", code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	for _, name := range []string{"vnjp_fetches_total", "vnjp_articles_stored", "vnjp_crawl_duration_seconds", "vnjp_source_last_success_timestamp_seconds", "vnjp_sources_silent", "vnjp_sources_failing"} {
		if _, ok := families[name]; !ok {
			t.Errorf("/metrics lacks %s", name)
		}
	}
	if code, body := get(t, base+"/api/articles?limit=5"); code != http.StatusOK || !strings.HasPrefix(body, `{
  "articles": [`) {
		t.Errorf("/api/articles = %d %.80s", code, body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want a clean stop", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("daemon did not stop within 15s of cancellation")
	}
	// The database was closed: it can be opened again.
	st, err := store.Open(cfg.Database, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("reopen after stop: %v", err)
	}
	st.Close()
}

func TestDaemonReloadRejectsNothingHalfway(t *testing.T) {
	site, err := testsite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	cfg := testConfig(t, site)
	d, err := daemon.Open(cfg, daemon.Options{Grace: time.Second, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()

	bad := *cfg
	bad.Sources = append([]crawler.Source(nil), cfg.Sources...)
	bad.Sources[0].Schedule = "not a schedule"
	if err := d.Reload(&bad); err == nil {
		t.Fatal("Reload accepted an invalid schedule")
	}
	good := *cfg
	good.Sources = cfg.Sources[:1]
	if err := d.Reload(&good); err != nil {
		t.Fatalf("Reload of a valid configuration: %v", err)
	}
}

var quiet = slog.New(slog.DiscardHandler)

package crawl_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// BenchmarkCrawlSite is the load harness: a whole first pass over the
// loopback site (feeds, sitemaps, listings, ~40 article pages, hostile links
// minus the slow one's wait) into a fresh database, end to end. It reports
// the cost per stored story.
func BenchmarkCrawlSite(b *testing.B) {
	site, err := testsite.Start()
	if err != nil {
		b.Fatal(err)
	}
	defer site.Close()
	site.SetSlowDelay(0)
	cfg := config.Default()
	cfg.Sources = site.Sources()
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	clf, err := classify.New(cfg.Pillars)
	if err != nil {
		b.Fatal(err)
	}
	stored := 0
	for i := 0; b.Loop(); i++ {
		st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		fc, err := fetch.New(fetch.Options{UserAgent: "bench", Parallelism: 4, Timeout: 5 * time.Second, MaxBodyBytes: 10 << 20, RespectRobots: true, AllowHosts: []string{"127.0.0.1"}}, crawl.Validators{Store: st})
		if err != nil {
			b.Fatal(err)
		}
		c := &crawl.Crawler{Fetch: fc, Store: st, Classifier: clf, MaxPerRun: 500, Logger: slog.New(slog.DiscardHandler)}
		for _, r := range c.All(context.Background(), cfg.Sources, 4, nil) {
			stored += r.Stored
		}
		st.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(max(stored, 1)), "µs/story")
}

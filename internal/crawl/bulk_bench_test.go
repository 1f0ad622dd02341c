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

// BenchmarkBulkPass is one first pass over the generated 2,000-story site
// (one host, no delay, parallelism 4) into a fresh database: the whole
// pipeline, to profile with -cpuprofile and -memprofile. `crawler bench`
// reports the same pass against bare colly.
func BenchmarkBulkPass(b *testing.B) {
	site, err := testsite.StartBulk(testsite.BulkOptions{Articles: 2000})
	if err != nil {
		b.Fatal(err)
	}
	defer site.Close()
	clf, err := classify.New(config.Default().Pillars)
	if err != nil {
		b.Fatal(err)
	}
	stored := 0
	for b.Loop() {
		st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		fc, err := fetch.New(fetch.Options{UserAgent: "bench", Parallelism: 4, Timeout: 10 * time.Second, RespectRobots: true, AllowHosts: []string{"127.0.0.1"}}, crawl.Validators{Store: st})
		if err != nil {
			b.Fatal(err)
		}
		c := &crawl.Crawler{Fetch: fc, Store: st, Classifier: clf, MaxPerRun: 10000, Logger: slog.New(slog.DiscardHandler)}
		rep := c.Source(context.Background(), site.Source())
		if rep.Err != nil || rep.Errors > 0 {
			b.Fatalf("pass: %v, %d errors %v", rep.Err, rep.Errors, rep.Failures)
		}
		stored += rep.Stored
		st.Close()
	}
	b.ReportMetric(float64(stored)/b.Elapsed().Seconds(), "pages/s")
}

// Package loadtest is the crawler's load harness (`crawler bench`): it
// serves the generated bulk site on loopback and measures, in one run, the
// whole pipeline's pages per second against bare colly fetching the same
// pages with the same parallelism, the CPU each stage spends per article,
// resident memory after many passes, the database size per 1,000 articles
// and, on request, list and API latency over a large database.
//
// Figures on a shared machine drift with its load: the harness measures
// bare colly before and after the pipeline and reports the ratio against
// their mean, and per-article costs rather than totals.
package loadtest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/config"
	"github.com/vnjp-monitor/crawler/internal/crawl"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
	"github.com/vnjp-monitor/crawler/internal/testsite"
)

// Options configure Run; zero fields take the defaults in brackets.
type Options struct {
	Articles    int    // stories on the generated site [2000]
	Parallelism int    // requests in flight for bare colly, crawl.parallelism for the crawler [4]
	Passes      int    // crawl passes in all, for resident memory [100]
	Large       int    // articles in the large database for list and API timings; 0 skips it
	Seed        uint64 // of the generated site
	// Dir holds the databases; "" makes a temporary directory, removed
	// afterwards.
	Dir string
	// Config supplies the taxonomy and the crawl settings other than
	// delay, parallelism and caps; nil uses the embedded default.
	Config *config.Config
	// Progress, when not nil, receives a line as each step starts.
	Progress func(step string)
}

func (o Options) withDefaults() Options {
	if o.Articles <= 0 {
		o.Articles = 2000
	}
	if o.Parallelism <= 0 {
		o.Parallelism = 4
	}
	if o.Passes <= 0 {
		o.Passes = 100
	}
	if o.Config == nil {
		o.Config = config.Default()
	}
	return o
}

// Result holds the figures of one run.
type Result struct {
	Articles    int
	Parallelism int
	// Baseline is bare colly's pages per second, measured before and after
	// the pipeline; Pipeline is the crawler's, discovery included.
	BaselineBefore, BaselineAfter, Pipeline float64
	Stored, Merged, Errors                  int
	// CPU is the processor time per fetched article by stage (fetch,
	// extract, classify, store, discover; site is the loopback site
	// serving the pages, gc the collector's own workers, other the rest).
	// Empty when a CPU profile was already running.
	CPU map[string]time.Duration
	// DBBytesPer1000 is the compacted database size per 1,000 stored
	// articles; FileBytes the file as the crawl left it.
	DBBytesPer1000, FileBytes int64
	// RSS is the resident memory after a number of passes.
	RSS []PassMemory
	// Large holds list and API timings over a large database, when asked.
	Large *LargeResult
}

// PassMemory is the process's memory after Passes crawl passes.
type PassMemory struct {
	Passes    int
	RSS, Heap uint64
}

// Ratio is the pipeline's pages per second over bare colly's mean.
func (r *Result) Ratio() float64 {
	base := (r.BaselineBefore + r.BaselineAfter) / 2
	if base == 0 {
		return 0
	}
	return r.Pipeline / base
}

// Run serves the generated site and measures. It fails when the site does
// not start, a database cannot be written, or the first pass stores fewer
// than nine in ten of the stories (the figures would mean nothing).
func Run(ctx context.Context, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	progress := func(s string) {
		if opts.Progress != nil {
			opts.Progress(s)
		}
	}
	dir := opts.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "crawler-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	site, err := testsite.StartBulk(testsite.BulkOptions{Articles: opts.Articles, Seed: opts.Seed})
	if err != nil {
		return nil, err
	}
	defer site.Close()
	res := &Result{Articles: opts.Articles, Parallelism: opts.Parallelism}

	progress("bare colly")
	// A first short run warms the site's templates and the connection pool.
	if _, err := baseline(ctx, site.URLs()[:min(100, len(site.URLs()))], opts.Parallelism); err != nil {
		return nil, err
	}
	if res.BaselineBefore, err = baseline(ctx, site.URLs(), opts.Parallelism); err != nil {
		return nil, err
	}
	progress("whole pipeline, first pass")
	if err := crawlSite(ctx, opts, site, filepath.Join(dir, "bench.db"), res, progress); err != nil {
		return nil, err
	}
	if opts.Large > 0 {
		progress(fmt.Sprintf("large database of %d articles", opts.Large))
		if res.Large, err = measureLarge(ctx, opts, filepath.Join(dir, "large.db")); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// baseline is bare colly's pages per second over urls.
func baseline(ctx context.Context, urls []string, parallelism int) (float64, error) {
	start := time.Now()
	r, err := fetch.Baseline(ctx, urls, parallelism, "crawler-bench")
	if err != nil {
		return 0, err
	}
	if r.Failed > 0 || r.Pages != len(urls) {
		return 0, fmt.Errorf("bare colly fetched %d of %d pages, %d failed", r.Pages, len(urls), r.Failed)
	}
	return float64(r.Pages) / time.Since(start).Seconds(), nil
}

// crawlSite runs the first pass under a CPU profile, the bare colly run
// after it, then the remaining passes for memory.
func crawlSite(ctx context.Context, opts Options, site *testsite.Bulk, path string, res *Result, progress func(string)) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	cfg := *opts.Config
	cfg.Crawl.PerHostDelay = 0
	cfg.Crawl.Parallelism = opts.Parallelism
	cfg.Crawl.MaxArticlesPerRun = opts.Articles
	cfg.Crawl.MaxSitemapURLs = max(cfg.Crawl.MaxSitemapURLs, opts.Articles)
	src := site.Source()
	cfg.Sources = []crawler.Source{src} // its loopback host is then allowed
	c, err := crawl.New(&cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	var rep crawl.Report
	start := time.Now()
	cpu, profErr := profileStages(func() { rep = c.Source(ctx, src) })
	res.Pipeline = float64(rep.Stored+rep.Merged) / time.Since(start).Seconds()
	res.Stored, res.Merged, res.Errors = rep.Stored, rep.Merged, rep.Errors
	if rep.Err != nil {
		return fmt.Errorf("first pass: %w", rep.Err)
	}
	if (rep.Stored+rep.Merged)*10 < opts.Articles*9 {
		return fmt.Errorf("first pass stored %d of %d stories (%d errors: %v)", rep.Stored+rep.Merged, opts.Articles, rep.Errors, rep.Failures)
	}
	if profErr == nil {
		res.CPU = perArticle(cpu, rep.Fetched)
	}
	progress("bare colly again")
	if res.BaselineAfter, err = baseline(ctx, site.URLs(), opts.Parallelism); err != nil {
		return err
	}
	if err := measureSize(st, path, res); err != nil {
		return err
	}
	progress(fmt.Sprintf("%d more passes", opts.Passes-1))
	for pass := 2; pass <= opts.Passes; pass++ {
		if rep := c.Source(ctx, src); rep.Err != nil {
			return fmt.Errorf("pass %d: %w", pass, rep.Err)
		}
		if pass == 10 || pass == opts.Passes {
			res.RSS = append(res.RSS, memoryNow(pass))
		}
	}
	return nil
}

// measureSize compacts a copy of the database to weigh the records alone.
func measureSize(st *store.Store, path string, res *Result) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	res.FileBytes = fi.Size()
	compact := path + ".compact"
	defer os.Remove(compact)
	if err := st.CompactTo(compact); err != nil {
		return err
	}
	c, err := store.Open(compact, store.Options{})
	if err != nil {
		return err
	}
	defer c.Close()
	size, err := c.Size()
	if err != nil {
		return err
	}
	if n := res.Stored; n > 0 {
		res.DBBytesPer1000 = size * 1000 / int64(n)
	}
	return nil
}

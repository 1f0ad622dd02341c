package crawl

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/search"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// Observer receives events for metrics; every method must be safe for
// concurrent use. A nil Observer is allowed.
type Observer interface {
	ObserveFetch(source, status string)
}

// Crawler runs crawl passes. Its fields are set once before use.
type Crawler struct {
	Fetch      *fetch.Client
	Store      *store.Store
	Classifier *classify.Classifier
	// MaxPerRun caps the article pages fetched per source and pass.
	MaxPerRun int
	// PendingMaxAge drops queued links older than this at the start of a
	// pass; zero keeps them until fetched.
	PendingMaxAge time.Duration
	// Workers is how many pages are extracted and classified at once,
	// across every source a Crawler crawls at the same time; zero means
	// GOMAXPROCS.
	Workers int
	// BatchSize and BatchWait bound a commit: at most BatchSize pages, and
	// no page waits longer than BatchWait for its batch to be written.
	// Zero means DefaultBatchSize and DefaultBatchWait.
	BatchSize int
	BatchWait time.Duration
	// Discoverers read the kinds of source that Fetch does not: the key is
	// the source kind. Nil uses Fetch for every source.
	Discoverers map[string]Discoverer
	// Outcomes, when not nil, is called with the outcome of every article
	// URL a pass tries, once the result is committed. Passes over several
	// sources call it concurrently.
	Outcomes func(Outcome)
	Logger   *slog.Logger
	Observer Observer
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Search paces the search providers; zero fields are their defaults.
	Search search.Options

	// slots bound the pages processed at once across the passes sharing
	// this Crawler (see cpuSlots); New makes them, and a copy of the
	// Crawler shares them.
	slots chan struct{}
}

// Report is what one pass did for one source.
type Report struct {
	Source      string        `json:"source"`
	Listed      int           `json:"listed"`       // candidate links in the feed, sitemap or listing
	New         int           `json:"new"`          // candidates not seen before
	Fetched     int           `json:"fetched"`      // article pages fetched successfully
	Stored      int           `json:"stored"`       // new stories stored
	Merged      int           `json:"merged"`       // pages merged into an existing story (syndication, aliases)
	Relevant    int           `json:"relevant"`     // of Stored, judged relevant
	Deferred    int           `json:"deferred"`     // new candidates left for the next pass (MaxPerRun)
	Errors      int           `json:"errors"`       // failed pages and listing errors
	NotModified bool          `json:"not_modified"` // the source answered 304
	Duration    time.Duration `json:"duration"`
	// Err is set when the source itself could not be read.
	Err error `json:"-"`
	// Interrupted is set when the pass was stopped (Ctrl-C, shutdown)
	// before it finished: nothing is held against the source, and the
	// pages not fetched stay queued for the next pass.
	Interrupted bool `json:"interrupted,omitempty"`
	// Failures lists the pages and listing parts that failed, and why
	// (the first ones, up to the error log's size).
	Failures []crawler.FetchError `json:"failures,omitempty"`
}

func (c *Crawler) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Crawler) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

func (c *Crawler) observe(source, status string) {
	if c.Observer != nil {
		c.Observer.ObserveFetch(source, status)
	}
}

// All crawls every source, parallel across sources up to parallelism, and
// calls done (if not nil) as each source finishes. Reports are in source
// order.
func (c *Crawler) All(ctx context.Context, sources []crawler.Source, parallelism int, done func(Report)) []Report {
	if parallelism < 1 {
		parallelism = 1
	}
	reports := make([]Report, len(sources))
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				reports[i] = Report{Source: src.Name, Interrupted: true}
				return
			}
			defer func() { <-sem }()
			reports[i] = c.Source(ctx, src)
			if done != nil {
				mu.Lock()
				done(reports[i])
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return reports
}

// Source runs one pass over one source and records its health.
func (c *Crawler) Source(ctx context.Context, src crawler.Source) Report {
	start := c.now()
	rep := c.source(ctx, src)
	rep.Duration = c.elapsed(start)
	if rep.Interrupted || interrupted(ctx, rep.Err) {
		rep.Err, rep.Interrupted = nil, true
	}
	if err := c.recordHealth(src, rep); err != nil {
		rep.fail(c.failure(crawler.StageStore, "", &storeError{err}))
	}
	c.logFailures(src, &rep)
	log := c.logger().With(slog.String("source", src.Name))
	attrs := []any{
		slog.Int("listed", rep.Listed), slog.Int("new", rep.New), slog.Int("fetched", rep.Fetched),
		slog.Int("stored", rep.Stored), slog.Int("merged", rep.Merged), slog.Int("relevant", rep.Relevant),
		slog.Int("errors", rep.Errors), slog.Bool("not_modified", rep.NotModified), slog.Duration("duration", rep.Duration),
	}
	switch {
	case rep.Err != nil:
		log.Warn("crawl failed", append(attrs, slog.String("error", health.Redact(rep.Err.Error())))...)
	case rep.Interrupted:
		log.Info("crawl interrupted; the rest waits for the next pass", attrs...)
	default:
		log.Info("crawl done", attrs...)
	}
	return rep
}

func (c *Crawler) recordHealth(src crawler.Source, rep Report) error {
	st, err := c.Store.SourceState(src.Name)
	if err != nil {
		return fmt.Errorf("read source state: %w", err)
	}
	o := health.Outcome{Err: rep.Err, New: rep.Stored, Interrupted: rep.Interrupted}
	if d, ok := fetch.RetryAfter(rep.Err); ok {
		o.RetryAfter = d
	}
	health.Record(&st, o, c.now(), health.Policy{})
	if err := c.Store.PutSourceState(st); err != nil {
		return fmt.Errorf("save source state: %w", err)
	}
	return nil
}

func (c *Crawler) source(ctx context.Context, src crawler.Source) Report {
	if src.Kind == crawler.KindSearch {
		return c.searchSource(ctx, src)
	}
	rep := Report{Source: src.Name}
	var listing *fetch.Listing
	var err error
	pprof.Do(ctx, pprof.Labels("stage", "discover"), func(ctx context.Context) {
		listing, err = c.discoverer(src).Discover(ctx, src)
	})
	if err != nil {
		c.observe(src.Name, statusOf(err))
		rep.Err = err
		return rep
	}
	if listing.NotModified {
		c.observe(src.Name, "304")
		rep.NotModified = true
	} else {
		c.observe(src.Name, "200")
	}
	for _, e := range listing.Errors {
		rep.fail(c.failure(crawler.StageListing, "", e))
	}
	rep.Listed = len(listing.Items)
	if listing.Truncated > 0 {
		c.logger().Info("sitemap lists more links than a pass takes; the newest are kept",
			slog.String("source", src.Name), slog.Int("kept", rep.Listed), slog.Int("left_out", listing.Truncated))
	}
	// New links join the source's pending queue before anything is fetched,
	// so links left over by this pass (cap, shutdown, temporary failure)
	// are fetched by a later one even if the listing then answers 304.
	err = c.enqueue(src.Name, listing.Items, &rep)
	listing = nil // a large listing is not needed while the pages are fetched
	if err == nil {
		err = c.expire(src.Name)
	}
	if err != nil {
		rep.Err = err
		return rep
	}
	c.runPipeline(ctx, src, &rep)
	return rep
}

// statusText names an HTTP status for the fetch metric.
func statusText(code int) string { return strconv.Itoa(code) }

package crawl

import (
	"context"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// The pipeline of a pass has three stages joined by bounded channels:
//
//  1. fetch: one goroutine reads the pending queue in chunks and fetches
//     them through the fetch client, which keeps one request at a time per
//     host with its delay and robots.txt;
//  2. process: Workers goroutines extract, classify and fingerprint pages,
//     the CPU-bound part, on every core; passes over several sources at
//     once share the Workers slots, so the CPU stage stays bounded;
//  3. commit: the calling goroutine writes pages in batches of up to
//     BatchSize, or whatever arrived within BatchWait of a batch's first
//     page, each batch one transaction with the queue entries it settles.
//
// A full channel makes the stage before it wait, so memory stays bounded
// by the channels, not by the queue. A kill loses at most the pages of the
// batch being built, which are still queued and are fetched again.

// Defaults for the pipeline's knobs.
const (
	DefaultBatchSize = 64
	DefaultBatchWait = 200 * time.Millisecond
	// queueChunk is how many queue entries one read takes.
	queueChunk = 256
)

// job is one queued page on its way through the pipeline. Each stage owns
// it in turn; the channel hand-over orders their writes.
type job struct {
	item    fetch.Item
	page    *fetch.Page // dropped once extracted
	settled bool        // nothing to fetch: only drop the queue entry
	err     error       // fetch, extract or store failure
	// canceled marks a page the pass gave up on when its context ended:
	// nothing is recorded and it stays queued.
	canceled bool
	fetched  bool // the page arrived
	prep     *store.Prepared
	// relevant is the classifier's verdict on a new record.
	relevant bool
}

// fetchStage reads the queue and fetches, sending every job to out, and
// closes out when done. It returns how many fetchable entries the cap left
// queued, and a failure to read the queue.
func (c *Crawler) fetchStage(ctx context.Context, src crawler.Source, out chan<- *job) (deferred int, err error) {
	defer close(out)
	pprof.Do(ctx, pprof.Labels("stage", "fetch"), func(ctx context.Context) {
		deferred, err = c.feed(ctx, src.Name, func(items []fetch.Item, settled []string) {
			for _, u := range settled {
				out <- &job{item: fetch.Item{URL: u}, settled: true}
			}
			if len(items) == 0 {
				return
			}
			urls := make([]string, len(items))
			byURL := make(map[string]fetch.Item, len(items))
			for i, it := range items {
				urls[i], byURL[it.URL] = it.URL, it
			}
			c.Fetch.FetchPages(ctx, urls, func(u string, p *fetch.Page, err error) {
				canceled := err != nil && interrupted(ctx, err)
				switch {
				case err == nil:
					c.observe(src.Name, statusText(p.Status))
				case !canceled:
					c.observe(src.Name, statusOf(err))
				}
				out <- &job{item: byURL[u], page: p, err: err, fetched: err == nil, canceled: canceled}
			})
		})
	})
	return deferred, err
}

// processStage runs the workers over in and closes out when all are done.
func (c *Crawler) processStage(ctx context.Context, src crawler.Source, in <-chan *job, out chan<- *job) {
	slots := c.cpuSlots()
	var wg sync.WaitGroup
	for range c.workers() {
		wg.Go(func() {
			for j := range in {
				if !j.settled && j.err == nil {
					slots <- struct{}{}
					c.process(ctx, src, j)
					<-slots
				}
				out <- j
			}
		})
	}
	wg.Wait()
	close(out)
}

// runPipeline fetches, processes and commits src's queued pages.
func (c *Crawler) runPipeline(ctx context.Context, src crawler.Source, rep *Report) {
	fetched := make(chan *job, 2*c.workers())
	processed := make(chan *job, c.batchSize())
	var deferred int
	var feedErr error
	var stages sync.WaitGroup
	stages.Go(func() { deferred, feedErr = c.fetchStage(ctx, src, fetched) })
	stages.Go(func() { c.processStage(ctx, src, fetched, processed) })
	// Each stage closes its output when its input is drained, so the
	// commit stage returns once everything fetched has been accounted for.
	c.commitStage(ctx, src, processed, rep)
	stages.Wait()
	rep.Deferred = deferred
	if feedErr != nil && rep.Err == nil {
		rep.Err = feedErr
	}
}

// commitStage gathers processed jobs into batches and commits them.
func (c *Crawler) commitStage(ctx context.Context, src crawler.Source, in <-chan *job, rep *Report) {
	var batch []*job
	var timer *time.Timer
	var due <-chan time.Time
	flush := func() {
		if timer != nil {
			timer.Stop()
			timer, due = nil, nil
		}
		if len(batch) > 0 {
			pprof.Do(ctx, pprof.Labels("stage", "store"), func(context.Context) {
				c.commit(src, batch, rep)
			})
			batch = batch[:0]
		}
	}
	for {
		select {
		case j, ok := <-in:
			if !ok {
				flush()
				return
			}
			batch = append(batch, j)
			if len(batch) == 1 {
				timer = time.NewTimer(c.batchWait())
				due = timer.C
			}
			if len(batch) >= c.batchSize() {
				flush()
			}
		case <-due:
			flush()
		}
	}
}

// cpuSlots returns the tokens a worker holds while it processes a page:
// the Crawler's own, shared by the passes over several sources that run at
// once, so that together they process at most workers() pages at a time;
// a Crawler built without New gets fresh ones for each pass.
func (c *Crawler) cpuSlots() chan struct{} {
	if c.slots != nil && cap(c.slots) == c.workers() {
		return c.slots
	}
	return make(chan struct{}, c.workers())
}

func (c *Crawler) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (c *Crawler) batchSize() int {
	if c.BatchSize > 0 {
		return c.BatchSize
	}
	return DefaultBatchSize
}

func (c *Crawler) batchWait() time.Duration {
	if c.BatchWait > 0 {
		return c.BatchWait
	}
	return DefaultBatchWait
}

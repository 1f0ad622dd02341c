package fetch

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/gocolly/colly/v2"
)

// BaselineResult is what Baseline fetched.
type BaselineResult struct {
	Pages  int   // 2xx answers
	Bytes  int64 // body bytes received
	Failed int   // requests that failed
}

// Baseline fetches urls with a bare colly collector: asynchronous, at most
// parallelism requests at once per host, no robots.txt, no politeness
// delay, bodies received and thrown away. It is the yardstick of the load
// harness: how fast colly alone fetches the pages the crawler fetches.
func Baseline(ctx context.Context, urls []string, parallelism int, userAgent string) (BaselineResult, error) {
	coll := colly.NewCollector(colly.Async(true), colly.StdlibContext(ctx), colly.AllowURLRevisit())
	coll.UserAgent = userAgent
	if err := coll.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallelism}); err != nil {
		return BaselineResult{}, fmt.Errorf("baseline collector: %w", err)
	}
	var pages, failed atomic.Int64
	var bytes atomic.Int64
	coll.OnResponse(func(r *colly.Response) {
		pages.Add(1)
		bytes.Add(int64(len(r.Body)))
	})
	coll.OnError(func(*colly.Response, error) { failed.Add(1) })
	for _, u := range urls {
		if err := coll.Visit(u); err != nil {
			failed.Add(1)
		}
	}
	coll.Wait()
	return BaselineResult{Pages: int(pages.Load()), Bytes: bytes.Load(), Failed: int(failed.Load())}, ctx.Err()
}

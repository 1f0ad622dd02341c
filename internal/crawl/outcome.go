package crawl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// maxFailures bounds the failures one Report keeps (its Errors count goes
// on); the store keeps as many per source.
const maxFailures = store.ErrorLogSize

// interrupted reports whether err came from the pass being stopped (its
// context ended, or the fetcher was told to stop starting requests) rather
// than from the source or the page: nothing is held against them, and
// what was not done waits for the next pass.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, fetch.ErrStopping)
}

// failure describes one failure for the report and the error log, with
// credentials in URLs masked.
func (c *Crawler) failure(stage, u string, err error) crawler.FetchError {
	_, ours := errors.AsType[*storeError](err)
	return crawler.FetchError{
		Time: c.now(), Stage: stage, URL: health.Redact(u), Reason: health.Redact(err.Error()),
		// A source is always tried again, after its backoff; a page only
		// when its failure may pass.
		Permanent: stage != crawler.StageSource && !ours && !fetch.Temporary(err),
	}
}

// fail counts a failure and keeps it when there is room.
func (r *Report) fail(f crawler.FetchError) {
	r.Errors++
	if len(r.Failures) < maxFailures {
		r.Failures = append(r.Failures, f)
	}
}

// logFailures keeps the pass's failures, and the source's own when it
// could not be read, in the source's error log.
func (c *Crawler) logFailures(src crawler.Source, rep *Report) {
	list := rep.Failures
	if rep.Err != nil {
		list = append([]crawler.FetchError{c.failure(crawler.StageSource, sourceURL(src), rep.Err)}, list...)
	}
	if err := c.Store.LogErrors(src.Name, list); err != nil {
		c.logger().Error("log errors", "source", src.Name, "error", err)
	}
}

// sourceURL is src.URL (a search source's endpoint) without credentials,
// for messages.
func sourceURL(src crawler.Source) string {
	raw := cmp.Or(src.URL, src.Endpoint)
	u, err := url.Parse(raw)
	if err != nil {
		return health.Redact(raw)
	}
	return u.Redacted()
}

// statusOf names an error for the fetch metric.
func statusOf(err error) string {
	switch se, ok := errors.AsType[*fetch.StatusError](err); {
	case ok:
		return fmt.Sprint(se.Code)
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, fetch.ErrTooLarge):
		return "too_large"
	case errors.Is(err, fetch.ErrNotHTML):
		return "not_html"
	case errors.Is(err, fetch.ErrRobots):
		return "robots"
	case errors.Is(err, fetch.ErrInternalAddress):
		return "refused"
	}
	if _, ok := errors.AsType[*fetch.UnreachableError](err); ok {
		return "unreachable"
	}
	return "error"
}

// elapsed is the time since start by the crawler's clock.
func (c *Crawler) elapsed(start time.Time) time.Duration { return c.now().Sub(start) }

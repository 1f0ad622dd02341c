package crawl

import (
	"errors"
	"log/slog"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// commit writes a batch in one transaction and accounts for it. When the
// transaction fails, each page is tried alone, so that one page the
// database refuses does not hold back the others; pages that still fail
// stay queued.
func (c *Crawler) commit(src crawler.Source, batch []*job, rep *Report) {
	writes := make([]store.PageWrite, 0, len(batch))
	var jobs []*job
	for _, j := range batch {
		if w, ok := c.pageWrite(src, j); ok {
			writes = append(writes, w)
			jobs = append(jobs, j)
		} else {
			c.account(src, j, store.PageResult{}, rep)
		}
	}
	if len(writes) == 0 {
		return
	}
	results, err := c.Store.Commit(writes)
	if err == nil {
		for i, j := range jobs {
			c.account(src, j, results[i], rep)
		}
		return
	}
	c.logger().Warn("batch commit failed; committing pages one by one",
		slog.String("source", src.Name), slog.Int("pages", len(writes)), slog.String("error", health.Redact(err.Error())))
	for i, j := range jobs {
		res, err := c.Store.Commit(writes[i : i+1])
		if err != nil {
			j.err = &storeError{err}
			res = []store.PageResult{{}}
		}
		c.account(src, j, res[0], rep)
	}
}

// pageWrite is what j leaves in the database; false when nothing is to be
// written (the pass was cancelled first, or our database failed while
// processing it: the page stays queued).
func (c *Crawler) pageWrite(src crawler.Source, j *job) (store.PageWrite, bool) {
	w := store.PageWrite{Source: src.Name, URL: j.item.URL}
	var serr *storeError
	switch {
	case j.settled:
	case j.err == nil:
		w.Article = j.prep
	case j.canceled, errors.As(j.err, &serr):
		return w, false
	default:
		permanent := !fetch.Temporary(j.err)
		// Stored errors are shown to users: URLs in them may carry
		// credentials.
		w.Failure = &store.FailureNote{Reason: health.Redact(j.err.Error()), Permanent: permanent, At: c.now()}
		w.Keep = !permanent
	}
	return w, true
}

// account adds a committed (or abandoned) job to the report and reports
// its outcome.
func (c *Crawler) account(src crawler.Source, j *job, res store.PageResult, rep *Report) {
	if j.settled {
		return
	}
	if j.fetched {
		rep.Fetched++
	}
	o := Outcome{Source: src.Name, URL: j.item.URL, ID: res.ID, Err: j.err}
	var serr *storeError
	switch {
	case j.err == nil && res.Merged:
		rep.Merged++
		o.Status = StatusMerged
	case j.err == nil:
		rep.Stored++
		o.Status, o.Relevant = StatusStored, j.relevant
		if j.relevant {
			rep.Relevant++
		}
	case errors.As(j.err, &serr):
		rep.fail(c.failure(crawler.StageStore, j.item.URL, j.err))
		o.Status = StatusDeferred
	case j.canceled:
		rep.Interrupted = true
		o.Status = StatusCanceled
	default:
		rep.fail(c.failure(crawler.StagePage, j.item.URL, j.err))
		o.Status, o.Permanent = StatusFailed, !fetch.Temporary(j.err)
	}
	c.report(o)
}

// storeError is a failure of our own database (a full disk, say), not of
// the page: the page stays queued and is tried again next pass.
type storeError struct{ err error }

func (e *storeError) Error() string { return "store: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

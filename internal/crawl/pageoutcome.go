package crawl

import (
	"context"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// Status says what a pass did with one article URL.
type Status string

// Statuses of an Outcome.
const (
	StatusStored   Status = "stored"   // a new record
	StatusMerged   Status = "merged"   // added to a stored record (alias, syndicated copy)
	StatusFailed   Status = "failed"   // recorded as failed; retried later unless Permanent
	StatusCanceled Status = "canceled" // the pass was cancelled first; the URL stays queued
	StatusDeferred Status = "deferred" // our database failed; the URL stays queued
)

// Outcome is what a pass did with one article URL, reported once the
// result is committed (or known to be lost), for the log of a source's
// errors and for tests.
type Outcome struct {
	Source   string
	URL      string
	Status   Status
	ID       string // the record, when stored or merged
	Relevant bool   // a new record judged relevant
	// Err is why the page failed or was deferred; nil otherwise.
	Err error
	// Permanent marks a failure that is never retried (404, not HTML, too
	// large, no article in the page).
	Permanent bool
}

// Discoverer lists the candidate article links of a source. *fetch.Client
// reads feeds, sitemaps and listing pages; other kinds of source plug in
// through Crawler.Discoverers.
type Discoverer interface {
	Discover(ctx context.Context, src crawler.Source) (*fetch.Listing, error)
}

var _ Discoverer = (*fetch.Client)(nil)

// discoverer returns the Discoverer for src's kind.
func (c *Crawler) discoverer(src crawler.Source) Discoverer {
	if d, ok := c.Discoverers[src.Kind]; ok {
		return d
	}
	return c.Fetch
}

func (c *Crawler) report(o Outcome) {
	if c.Outcomes != nil {
		c.Outcomes(o)
	}
}

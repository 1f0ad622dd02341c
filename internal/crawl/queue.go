package crawl

import (
	"context"
	"log/slog"
	"time"

	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/store"
)

// enqueue adds the listed items the store has not seen to the pending
// queue, in one read and one write transaction.
func (c *Crawler) enqueue(source string, items []fetch.Item, rep *Report) error {
	now := c.now()
	urls := make([]string, len(items))
	for i, it := range items {
		urls[i] = it.URL
	}
	known, err := c.Store.TriageURLs(urls, now)
	if err != nil {
		return err
	}
	var fresh []store.PendingItem
	for i, it := range items {
		if known[i].Fetch {
			// A nanosecond apart: the queue drains in listing order, which
			// for feeds and news sitemaps is newest first.
			fresh = append(fresh, store.PendingItem{
				URL: it.URL, Title: it.Title, Author: it.Author, Lang: it.Lang, Published: it.Published,
				SiteName: it.SiteName, Added: now.Add(time.Duration(i)),
			})
		}
	}
	n, err := c.Store.AddPending(source, fresh)
	rep.New = n
	return err
}

// expire drops queue entries older than PendingMaxAge.
func (c *Crawler) expire(source string) error {
	if c.PendingMaxAge <= 0 {
		return nil
	}
	n, err := c.Store.ExpirePending(source, c.now().Add(-c.PendingMaxAge))
	if n > 0 {
		c.logger().Info("expired queued links", slog.String("source", source), slog.Int("links", n),
			slog.Duration("older_than", c.PendingMaxAge))
	}
	return err
}

// feed reads source's queue oldest first, in chunks of queueChunk, and
// hands each chunk to fn: the items to fetch now, up to MaxPerRun in the
// whole pass, and the URLs that are settled (stored through another URL,
// failed for good), whose entries only need dropping. Entries waiting out
// a backoff are skipped. It returns how many entries the cap left unread.
func (c *Crawler) feed(ctx context.Context, source string, fn func(todo []fetch.Item, settled []string)) (deferred int, err error) {
	var at store.PendingCursor
	taken := 0
	for !fetch.Stopping(ctx) {
		page, next, err := c.Store.PendingPage(source, at, queueChunk)
		if err != nil {
			return 0, err
		}
		urls := make([]string, len(page))
		for i, p := range page {
			urls[i] = p.URL
		}
		known, err := c.Store.TriageURLs(urls, c.now())
		if err != nil {
			return 0, err
		}
		var todo []fetch.Item
		var settled []string
		for i, p := range page {
			switch {
			case known[i].Settled:
				settled = append(settled, p.URL)
			case !known[i].Fetch: // waiting out a backoff
			case c.MaxPerRun > 0 && taken >= c.MaxPerRun:
				deferred++
			default:
				taken++
				todo = append(todo, fetch.Item{URL: p.URL, Title: p.Title, Author: p.Author, Lang: p.Lang,
					Published: p.Published, SiteName: p.SiteName})
			}
		}
		fn(todo, settled)
		if next == nil {
			return deferred, nil
		}
		at = next
		if c.MaxPerRun > 0 && taken >= c.MaxPerRun {
			rest, err := c.Store.CountPending(source, at)
			return deferred + rest, err
		}
	}
	return deferred, nil
}

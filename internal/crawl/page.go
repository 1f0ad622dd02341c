package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/extract"
	"github.com/vnjp-monitor/crawler/internal/fetch"
	"github.com/vnjp-monitor/crawler/internal/health"
)

// fetchAndStore fetches the new pages and stores each as it arrives, so a
// pass cut short keeps everything fetched so far.
func (c *Crawler) fetchAndStore(ctx context.Context, src crawler.Source, todo []fetch.Item, rep *Report) {
	if len(todo) == 0 {
		return
	}
	urls := make([]string, len(todo))
	items := make(map[string]fetch.Item, len(todo))
	for i, it := range todo {
		urls[i] = it.URL
		items[it.URL] = it
	}
	var mu sync.Mutex // guards rep: fn runs on fetch's goroutines
	c.Fetch.FetchPages(ctx, urls, func(u string, p *fetch.Page, err error) {
		if err == nil {
			err = c.storePage(src, items[u], p, rep, &mu)
		}
		var serr *storeError
		if err != nil {
			if !errors.As(err, &serr) { // the page is at fault, not our disk
				c.observeFailure(src.Name, u, err)
			}
			mu.Lock()
			rep.addError(fmt.Errorf("%s: %w", u, err))
			mu.Unlock()
		}
		// Stored, or failed and recorded: either way the queue entry is done
		// unless the failure is temporary (dequeue keeps it until settled).
		if err == nil || serr == nil && !fetch.Temporary(err) && !errors.Is(err, context.Canceled) {
			if rerr := c.Store.RemovePending(src.Name, u); rerr != nil {
				c.logger().Error("remove pending", "url", health.Redact(u), "error", rerr)
			}
		}
	})
}

// observeFailure records a failed article URL so it is retried with backoff
// (temporary errors) or never again (permanent ones).
func (c *Crawler) observeFailure(source, u string, err error) {
	if errors.Is(err, context.Canceled) {
		return // shutting down: try again next pass
	}
	c.observe(source, statusOf(err))
	permanent := !fetch.Temporary(err)
	if rerr := c.Store.RecordFailure(u, source, err.Error(), permanent, c.now()); rerr != nil {
		c.logger().Error("record failure", "url", health.Redact(u), "error", rerr)
	}
}

// storePage extracts, classifies and stores one fetched page.
func (c *Crawler) storePage(src crawler.Source, it fetch.Item, p *fetch.Page, rep *Report, mu *sync.Mutex) error {
	c.observe(src.Name, fmt.Sprint(p.Status))
	mu.Lock()
	rep.Fetched++
	mu.Unlock()
	// extract decodes the bytes as received: it reads a <meta> charset
	// anywhere in the head and guesses undeclared legacy encodings, which
	// fetch's quick conversion for listings does not.
	ex, err := extract.Extract(p.Raw, p.ContentType, p.FinalURL)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	a := c.article(src, it, p, ex)
	// A page whose rel=canonical names a story we already have is an alias:
	// record the URLs without storing a second copy.
	if id, ok, err := c.Store.Lookup(a.URL); err != nil {
		return &storeError{err}
	} else if ok {
		for _, u := range a.URLs {
			if err := c.Store.AddURL(id, u, src.Name); err != nil {
				return &storeError{err}
			}
		}
		mu.Lock()
		rep.Merged++
		mu.Unlock()
		return nil
	}
	a.Classification = c.Classifier.Classify(classify.Input{Title: a.Title, Text: a.Text, Lang: a.Lang, URL: a.URL})
	_, merged, err := c.Store.Put(a)
	if err != nil {
		return &storeError{err}
	}
	mu.Lock()
	defer mu.Unlock()
	if merged {
		rep.Merged++
		return nil
	}
	rep.Stored++
	if a.Relevant {
		rep.Relevant++
	}
	return nil
}

// article builds the record from the extracted page, filling gaps with what
// the feed, sitemap or listing said about it.
func (c *Crawler) article(src crawler.Source, it fetch.Item, p *fetch.Page, ex *extract.Article) *crawler.Article {
	a := &crawler.Article{
		URL: it.URL, Title: ex.Title, Published: ex.Published, Author: ex.Author, Lang: ex.Lang,
		SiteName: ex.SiteName, Source: src.Name, Sources: []string{src.Name}, Text: ex.Text, Fetched: c.now(),
	}
	urls := []string{it.URL}
	if final, err := canon.URL(p.FinalURL); err == nil && final != it.URL {
		urls = append(urls, final)
	}
	if ex.Canonical != "" {
		if cu, err := canon.URL(ex.Canonical); err == nil && cu != it.URL && !isSiteRoot(cu) {
			a.URL = cu
			urls = append([]string{cu}, urls...)
		}
	}
	a.URLs = urls
	if a.Title == "" {
		a.Title = it.Title
	}
	if a.Published.IsZero() {
		a.Published = it.Published
	}
	if a.Author == "" {
		a.Author = it.Author
	}
	if a.Lang == "" {
		a.Lang = it.Lang
	}
	if a.Lang == "" {
		a.Lang = src.Language
	}
	return a
}

// isSiteRoot reports a canonical link to a home page, a common template
// mistake that would otherwise merge every article of a site into one.
func isSiteRoot(u string) bool {
	pu, err := url.Parse(u)
	return err != nil || pu.Path == "" || pu.Path == "/"
}

// storeError is a failure of our own database (a full disk, say), not of
// the page: the page stays queued and is tried again next pass.
type storeError struct{ err error }

func (e *storeError) Error() string { return "store: " + e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

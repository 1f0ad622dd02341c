package crawl

import (
	"context"
	"fmt"
	"net/url"
	"runtime/pprof"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/canon"
	"github.com/vnjp-monitor/crawler/internal/classify"
	"github.com/vnjp-monitor/crawler/internal/extract"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// process extracts, classifies and fingerprints one fetched page, the
// CPU-bound part of a pass, on a worker goroutine. It sets j.prep, or j.err
// when the page fails (or j.canceled when the pass ended first).
func (c *Crawler) process(ctx context.Context, src crawler.Source, j *job) {
	if ctx.Err() != nil {
		j.err, j.canceled, j.page = ctx.Err(), true, nil
		return
	}
	p := j.page
	j.page = nil // the body is not needed past extraction
	var ex *extract.Article
	var err error
	pprof.Do(ctx, pprof.Labels("stage", "extract"), func(ctx context.Context) {
		// extract decodes the bytes as received: it reads a <meta> charset
		// anywhere in the head and guesses undeclared legacy encodings,
		// which fetch's quick conversion for listings does not.
		ex, err = extract.ExtractContext(ctx, p.Raw, p.ContentType, p.FinalURL)
	})
	if err != nil && ctx.Err() != nil {
		j.err, j.canceled = ctx.Err(), true // cut short: stays queued
		return
	}
	if err != nil {
		j.err = fmt.Errorf("extract: %w", err)
		return
	}
	a := c.article(src, j.item, p, ex)
	// A page whose rel=canonical names a story we already have is an alias:
	// committing it only adds its URLs to that record, so skip classifying.
	_, alias, err := c.Store.Lookup(a.URL)
	if err != nil {
		j.err = &storeError{err}
		return
	}
	if !alias {
		pprof.Do(ctx, pprof.Labels("stage", "classify"), func(context.Context) {
			a.Classification = c.Classifier.Classify(classify.Input{Title: a.Title, Text: a.Text, Lang: a.Lang, URL: a.URL})
		})
		j.relevant = a.Relevant
	}
	pprof.Do(ctx, pprof.Labels("stage", "store"), func(context.Context) {
		j.prep, err = c.Store.Prepare(a)
	})
	if err != nil {
		j.err = fmt.Errorf("prepare record: %w", err)
	}
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
	a.SiteName = siteName(a.SiteName, it.SiteName, p.FinalURL)
	return a
}

// isSiteRoot reports a canonical link to a home page, a common template
// mistake that would otherwise merge every article of a site into one.
func isSiteRoot(u string) bool {
	pu, err := url.Parse(u)
	return err != nil || pu.Path == "" || pu.Path == "/"
}

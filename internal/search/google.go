package search

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	crawler "github.com/vnjp-monitor/crawler"
	"github.com/vnjp-monitor/crawler/internal/fetch"
)

// googleNews runs Google News RSS searches. Its links point at the
// provider, never at the publisher: old ids are decoded offline, others are
// queued and resolved online by finish (resolve.go).
type googleNews struct {
	s     *Searcher
	src   crawler.Source
	hosts map[string]bool
}

const acceptRSS = "application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

func (g *googleNews) query(ctx context.Context, q crawler.SearchQuery, qs *crawler.QueryState, sink Sink, out *Outcome) error {
	u := googleSearchURL(g.src.Endpoint, q.Q, q.Lang)
	hdr := http.Header{"Accept": {acceptRSS}}
	if v, err := g.s.State.Validators(u); err != nil {
		out.Errors = append(out.Errors, err)
	} else {
		setIf(hdr, "If-None-Match", v.ETag)
		setIf(hdr, "If-Modified-Since", v.LastModified)
	}
	res, err := g.s.call(ctx, crawler.ProviderGoogleNews, fetch.APIRequest{URL: u, Header: hdr})
	if err != nil {
		return err
	}
	if res.Status == http.StatusNotModified {
		qs.LastResults = 0
		return nil
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("%w: %s", err, firstLine(res.Body))
	}
	items, skipped, err := parseGoogleRSS(res.Body, g.hosts)
	if err != nil {
		return fmt.Errorf("%w; answer starts %s", err, firstLine(res.Body))
	}
	out.Errors = append(out.Errors, skipped...)
	out.Results += len(items)
	g.s.observe(crawler.ProviderGoogleNews, EventResults, len(items))
	results, links := g.sort(items, q, out)
	if len(results) > 0 {
		if err := sink(results); err != nil {
			return err
		}
		out.Found += len(results)
	}
	if _, err := g.s.State.AddUnresolved(g.src.Name, links); err != nil {
		return err
	}
	// Validators only now: a 304 next time must not hide items this
	// pass failed to keep.
	v := fetch.Validators{ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")}
	if v != (fetch.Validators{}) {
		if err := g.s.State.SetValidators(u, v); err != nil {
			out.Errors = append(out.Errors, err)
		}
	}
	qs.LastResults = len(items)
	qs.Results += len(items)
	return nil
}

func setIf(h http.Header, key, value string) {
	if value != "" {
		h.Set(key, value)
	}
}

// sort turns items into publisher links (direct links, ids decoded offline
// or resolved in an earlier pass) and links to resolve online.
func (g *googleNews) sort(items []gnItem, q crawler.SearchQuery, out *Outcome) ([]Result, []crawler.SearchLink) {
	var results []Result
	var links []crawler.SearchLink
	seen := make(map[string]bool)
	now := g.s.now()
	for _, it := range items {
		target, err := g.target(it, out)
		if errors.Is(err, ErrOpaqueID) {
			links = append(links, crawler.SearchLink{ID: it.ID, Title: it.Title, Outlet: it.Outlet,
				Lang: q.Lang, Published: it.Published, Added: now})
			continue
		}
		if err == nil {
			target, err = publisher(target, g.hosts)
		}
		if err != nil {
			out.Errors = append(out.Errors, fmt.Errorf("google news item %q: %w", it.Title, err))
			continue
		}
		if !seen[target] {
			seen[target] = true
			results = append(results, Result{URL: target, Title: it.Title, Outlet: outletOf(it.Outlet, target),
				Published: it.Published, Lang: q.Lang})
		}
	}
	return results, links
}

// target is the publisher URL of an item when known without asking the
// provider; ErrOpaqueID when it must be resolved online.
func (g *googleNews) target(it gnItem, out *Outcome) (string, error) {
	if it.Direct != "" {
		return it.Direct, nil
	}
	u, err := DecodeID(it.ID)
	if err == nil {
		out.Decoded++
		g.s.observe(crawler.ProviderGoogleNews, EventDecoded, 1)
		return u, nil
	}
	if !errors.Is(err, ErrOpaqueID) {
		return "", fmt.Errorf("article id %.40q: %w", it.ID, err)
	}
	u, ok, serr := g.s.State.Resolved(it.ID)
	switch {
	case serr != nil:
		return "", serr
	case ok:
		return u, nil
	}
	return "", ErrOpaqueID
}
